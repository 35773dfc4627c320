// 甬宁保 on a bill: the total (or its range), each responsibility band by
// band with its clause, and a chart for each responsibility with an amount.
import { add, clear, el } from './dom.js';
import { plain, span, yuan } from './words.js';
import { fig, fold, sourced } from './answer.js';
import { drawCharts } from './chart.js';

const upper = () => el('span', { class: 'badge badge-upper', text: '上限' });

export function renderPayout(app, r, range) {
  const box = app.ui.payout;
  clearTimeout(app.chartTimer);
  clear(box);
  const y = r && r.q.yongningbao;
  const pay = y && y.payout;
  const cover = benefits(app, y);
  if (!pay) {
    if (y && y.payout_reason && r.req.bill) add(box, el('p', { class: 'warn', text: y.payout_reason }));
    add(box, cover);
    return;
  }
  const total = fig('ynb_total', '赔付合计', yuan(pay.total), pay.source, pay.upper_bound ? '这是上限，实际可能更少' : null);
  if (pay.upper_bound) total.firstChild.appendChild(upper());
  const kids = [
    el('h3', { id: 'h-payout', text: '这张结算单能赔多少' }),
    // The plan year that priced it (bill.date, else the year in force today).
    pay.plan_year ? fig('ynb_plan_year', '按保障年度', pay.plan_year + '年度方案', pay.cover ? pay.cover.source : pay.source,
      (pay.cover ? '保障期' + span(pay.cover.start, pay.cover.end) : '') + (pay.projected ? ' · 估算（按最新文件推算）' : '')) : null,
    total,
    range ? fig('ynb_low', '赔付下限', yuan(range.low), null, app.c.p.yongningbao.outside_name + '的费用按0计算') : null,
    fig('ynb_bill_total', '本次填写的个人负担合计', yuan(pay.bill_total)),
    fig('ynb_own_share', '赔付后个人仍需负担', yuan(pay.own_share), null, '＝ 个人负担合计 − 赔付合计'),
  ];
  if (pay.notes.length) kids.push(el('ul', { class: 'warn', id: 'payout-notes' }, pay.notes.map((n) => el('li', { text: n }))));
  pay.items.forEach((item) => kids.push(renderItem(item, app.c.p.yongningbao.outside_name)));
  kids.push(el('p', { class: 'small', text: '取整：' + pay.rounding }));
  const charts = el('div', { class: 'charts', id: 'chart' });
  kids.push(charts);
  add(box, [el('section', { class: 'payout', 'aria-labelledby': 'h-payout' }, kids), cover]);
  // Deferred: a few dozen quotes per chart, not needed on every keystroke.
  app.chartTimer = setTimeout(() => drawCharts(app, charts, r), 120);
}

// What the plan covers, with or without a bill (yongningbao.benefits).
function benefits(app, y) {
  // Not in the compact embed (its host's page says what the plan is).
  if (app.embed || !y || !y.benefits || !y.benefits.length) return null;
  return fold(app, 'more-ynb-benefits', 'more', el('summary', { text: y.name + '保障内容（' + y.year + '年度方案）' }), [
    el('ul', { class: 'plain', id: 'ynb-benefits' }, y.benefits.map((x) => sourced('li', x.name + '：保险金额' + plain(x.sum_insured) + '元；' +
      x.bands.map((b) => plain(b.from) + (b.to === null ? '元以上' : '–' + plain(b.to) + '元') + '的部分赔' + b.rate + '%').join('，') +
      (Number(x.deductible) > 0 ? '（起付线' + plain(x.deductible) + '元）' : '（无起付线）'), x.source))),
  ]);
}

function band(b) {
  const range = b.to !== null ? plain(b.from) + '–' + plain(b.to) + ' 元段' : Number(b.from) > 0 ? plain(b.from) + ' 元以上段' : '全部金额';
  const hit = Number(b.counted) > 0;
  return el('li', { class: hit ? '' : 'zero' }, [
    el('span', { class: 'band-k', text: range + '（赔 ' + b.rate + '%）：' }),
    hit ? yuan(b.counted) + ' × ' + b.rate + '% = ' : '本次没有计入这一段，',
    el('strong', { 'data-band': b.from, text: yuan(b.amount) }),
  ]);
}

function renderItem(item, outside) {
  const facts = ['本次 ' + yuan(item.amount)];
  if (Number(item.outside_ningbo) > 0) facts.push('其中' + outside + ' ' + yuan(item.outside_ningbo));
  if (Number(item.counted_before) > 0) facts.push('此前已累计 ' + yuan(item.counted_before) + '，已赔 ' + yuan(item.paid_before));
  facts.push('起付线 ' + yuan(item.deductible), '保险金额 ' + yuan(item.cap));
  return el('div', { class: 'item', 'data-item': item.id }, [
    el('h4', null, [item.name, item.upper_bound ? upper() : null]),
    el('p', { class: 'small', text: item.what }),
    el('p', { text: facts.join('；') + '。' }),
    el('p', { class: 'bands-h', text: '按全年累计金额分段计算：' }),
    el('ul', { class: 'bands' }, item.bands.map(band)),
    el('p', { class: 'working' }, [el('strong', { text: '算式：' }), item.working]),
    item.capped ? el('p', { class: 'warn', text: '受保险金额限制：保险金额 ' + yuan(item.cap) + '，本次之前剩余 ' + yuan(item.cap_left) + '。' }) : null,
    fig('payout_' + item.id, '本项赔付', yuan(item.payout), item.source),
  ]);
}
