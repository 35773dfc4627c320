// Household requests shared by the Node tests (not a test file itself): the
// examples in examples/households/ and one of each kind of household answer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIR = join(ROOT, 'examples', 'households');

const m = (relation, birth_date, more = {}) => ({ relation, birth_date, hukou: 'local', ...more });
const yuyao = { region: 'yuyao', benefit_year: 2024, date: '2023-11-01' };
const migrants = JSON.parse(readFileSync(join(DIR, 'cixi-2023-migrant-family.json'), 'utf8'));

export const HOUSEHOLDS = {
  ...Object.fromEntries(readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [f, JSON.parse(readFileSync(join(DIR, f), 'utf8'))])),
  'cixi baby through the mother alone: not eligible': { ...migrants, members: migrants.members.slice(1) },
  'yuyao college students: not included in the totals': {
    ...yuyao,
    members: [m('self', '1970-01-01'), m('child', '2004-01-01', { school: 'college' }), m('child', '2005-01-01', { school: 'college', identities: ['dibao'] })],
  },
  'yuyao on 2026-12-01 with bills, one a range': {
    region: 'yuyao', date: '2026-12-01',
    members: [m('self', '1960-01-01', { bill: { in_scope: 30000 } }), m('spouse', '1962-01-01', { bill: { self_paid: 30000, outside_ningbo: { self_paid: 10000 } } })],
  },
  'yuyao employee spouse and sibling: accounts': {
    ...yuyao,
    members: [m('self', '1980-01-01'), m('spouse', '1981-01-01', { employee_insurance: true }), m('child', '2010-01-01'), m('parent', '1950-01-01'), m('sibling', '1983-01-01', { employee_insurance: true })],
  },
  'baiyin 会宁县, no names, referred and assisted': {
    region: 'baiyin', district: 'huining',
    members: [m('self', '1970-03-02', { identities: ['dibao_full'] }), m('child', '2003-01-01', { hukou: 'nonlocal', school: 'college' }), m('grandparent', '1940-01-01')],
  },
  'cixi 前湾新区 flag, closed window': { region: 'cixi', date: '2023-02-01', qianwan: true, members: [m('self', '1985-01-01'), m('child', '2020-06-01')] },
};

const one = [m('self', '1980-01-01')];
export const HOUSEHOLD_ERRORS = {
  'no members': { ...yuyao },
  'empty members': { ...yuyao, members: [] },
  '21 members': { ...yuyao, members: Array(21).fill(m('other', '1980-01-01')) },
  'a member not an object': { ...yuyao, members: [...one, 'x'] },
  'relation missing': { ...yuyao, members: [{ birth_date: '1980-01-01', hukou: 'local' }] },
  'two selves': { ...yuyao, members: [...one, m('self', '1981-01-01')] },
  'a person field at the top': { ...yuyao, birth_date: '1980-01-01', members: one },
  'a shared field in a member': { ...yuyao, members: [{ ...one[0], region: 'cixi' }] },
  'a bad birth date, named': { ...yuyao, members: [...one, m('child', '2015-02-30', { name: '小明' })] },
  'a bad bill amount': { ...yuyao, members: [...one, m('spouse', '1980-01-01', { bill: { in_scope: -1 } })] },
  'a parent condition left open': { ...migrants, members: [{ ...migrants.members[0], insured_normal: undefined }, ...migrants.members.slice(1)] },
  'an unknown region': { region: 'ningbo', members: one },
  'not an object': [one],
};
