// Requests shared by the Node tests (not a test file itself): one of each kind of
// answer, with the policy sets, dates and inputs that make it.
export const person = { region: 'yuyao', benefit_year: 2024, date: '2023-11-01', birth_date: '1980-05-17', hukou: 'local' };

export const RESULTS = {
  'yuyao-2024 adult, enrolment open': person,
  // A bill is priced by the plan year of its date (80号 二(二)5(2)); asked on 2023-11-01
  // without one, the 2023 plan year (not on file) prices nothing.
  'yuyao-2024 bill, responsibility 1': { ...person, bill: { date: '2024-03-15', in_scope: 30000 } },
  'yuyao-2024 bill without a date on 2023-11-01: no 2023 plan, no payout': { ...person, bill: { in_scope: 30000 } },
  'yuyao-2024 bill, every responsibility, outside Ningbo, counted before, strings and cents': {
    ...person,
    bill: {
      date: '2024-03-15',
      in_scope: '12345.67', self_paid: 40000.5, cancer_drugs: '80000', rare_disease_drugs: 25000, proton_heavy_ion: '150000',
      outside_ningbo: { in_scope: 1000, self_paid: '20000', cancer_drugs: 5000 },
      counted_before: { in_scope: 3000, self_paid: '7000.25', proton_heavy_ion: 100000 },
    },
  },
  'yuyao-2024 bill over the sum insured (capped)': { ...person, bill: { date: '2024-03-15', in_scope: 900000, counted_before: { in_scope: 100000 } } },
  'yuyao-2024 employee insurance: no resident insurance, 甬宁保 yes': { ...person, employee_insurance: true, bill: { date: '2024-03-15', self_paid: 10000 } },
  'yuyao-2024 non-local without permit: ineligible, bill not paid': { ...person, hukou: 'nonlocal', residence_permit: false, bill: { in_scope: 30000 } },
  'yuyao-2024 困境儿童, 甬宁保 paid by government': { ...person, birth_date: '2012-09-09', identities: ['kunjing_child', 'dibao'] },
  'yuyao-2024 non-local newborn, parent meets the conditions': {
    ...person, birth_date: '2023-08-01', hukou: 'nonlocal', newborn_parent: { residence_permit: true, insured_normal: true },
  },
  'yuyao-2023 child': { region: 'yuyao', benefit_year: 2023, date: '2022-10-01', birth_date: '2012-03-01', hukou: 'local' },
  'yuyao-2023 non-local college student': { region: 'yuyao', benefit_year: 2023, birth_date: '2003-03-01', hukou: 'nonlocal', school: 'college' },
  'cixi-2023 infant in 前湾新区': { region: 'cixi', benefit_year: 2023, date: '2022-12-01', birth_date: '2020-06-01', hukou: 'local', qianwan: true },
  'cixi-2023 non-local newborn, parent short of 12 months': {
    region: 'cixi', date: '2022-10-01', birth_date: '2022-07-01', hukou: 'nonlocal',
    newborn_parent: { residence_permit: true, employee_insurance_months: 6, insured_normal: true },
  },
  'cixi-2023 non-local pupil with permit and 低保 (assistance needs local hukou)': {
    region: 'cixi', birth_date: '2012-03-15', hukou: 'nonlocal', residence_permit: true, school: 'primary_secondary', identities: ['dibao'],
  },
  'baiyin-2023 会宁县 dibao_full': { region: 'baiyin', district: 'huining', benefit_year: 2023, date: '2022-09-01', birth_date: '1970-03-02', hukou: 'local', identities: ['dibao_full'] },
  'baiyin-2023 景泰县 tekun and tuopin': { region: 'baiyin', district: 'jingtai', birth_date: '1950-01-01', hukou: 'local', identities: ['tuopin', 'tekun'] },
  'baiyin-2023 平川区 non-local with permit, fanpin': { region: 'baiyin', district: 'pingchuan', birth_date: '1985-12-31', hukou: 'nonlocal', residence_permit: true, identities: ['fanpin'] },
  'yuyao without year or date: the core chooses': { region: 'yuyao', birth_date: '1960-01-01', hukou: 'local' },
  'cixi on 2026-12-01: a migrant baby, the newest notice applied to 2027': {
    region: 'cixi', date: '2026-12-01', birth_date: '2026-09-01', hukou: 'nonlocal',
    newborn_parent: { residence_permit: true, employee_insurance_months: 14, insured_normal: true },
  },
  'yuyao on 2026-12-01 with a bill outside Ningbo (a payout range)': {
    region: 'yuyao', date: '2026-12-01', birth_date: '1960-01-01', hukou: 'local', bill: { self_paid: 30000, outside_ningbo: { self_paid: 10000 } },
  },
  'baiyin non-local college student without permit (eligible null)': { region: 'baiyin', district: 'jingtai', birth_date: '2003-01-01', hukou: 'nonlocal', school: 'college' },
  'yuyao-2024 college student on 低保 (to pay 0, fee not given)': { ...person, birth_date: '2004-01-01', school: 'college', identities: ['dibao'] },
  'yuyao-2024 certified 低保 before the window ends: refund': {
    ...person, identities: ['dibao'], change: { registered_on: '2023-10-15', identities_then: [], changed_on: '2023-12-05' },
  },
  'baiyin 已脱贫 → 低保: top-up': {
    region: 'baiyin', district: 'huining', birth_date: '1960-05-17', hukou: 'local', identities: ['dibao_full'],
    change: { registered_on: '2022-09-01', identities_then: ['tuopin'], changed_on: '2022-10-20' },
  },
  'yuyao-2024 child crossing into the student tier': { ...person, birth_date: '2017-12-31' },
};

