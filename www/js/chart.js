// One chart for each 甬宁保 responsibility with an amount: what it pays
// over the year's cumulative amount, drawn at the size it is shown (so its
// labels are real pixels: 14 px, 18 px in elder mode), the axis scaled to
// the amounts entered with the deductible and each band edge marked. Every
// point is a call to the core.
import { add, clear, el, svgEl } from './dom.js';
import { plain, yuan } from './words.js';

function niceStep(raw) {
  const mag = Math.pow(10, Math.floor(Math.log(Math.max(raw, 1)) / Math.LN10));
  const n = raw / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

const niceCeil = (x) => Math.ceil(x / niceStep(x / 5)) * niceStep(x / 5);

export function drawCharts(app, box, r) {
  if (!box.isConnected) return;
  const base = Object.assign({}, r.req);
  delete base.bill;
  const items = r.q.yongningbao.payout.items.filter((i) => Number(i.amount) > 0 || Number(i.counted_before) > 0);
  clear(box);
  items.forEach((item) => {
    const fig = chart(app, box, base, item);
    if (fig) box.appendChild(fig);
  });
  app.redraw = () => drawCharts(app, box, r);
}

// The responsibility's payout for a cumulative amount x within the year.
function payoutAt(app, base, id, x) {
  const req = Object.assign({}, base, { bill: {} });
  req.bill[id] = x.toFixed(2);
  const pay = app.core.quote(req).yongningbao.payout;
  const item = pay && pay.items.filter((i) => i.id === id)[0];
  return item ? Number(item.payout) : 0;
}

function chart(app, box, base, item) {
  const before = Number(item.counted_before);
  const after = before + Number(item.amount);
  const edges = [];
  item.bands.forEach((b) => [b.from, b.to].forEach((e) => {
    if (e !== null && edges.indexOf(Number(e)) < 0) edges.push(Number(e));
  }));
  const xmax = niceCeil(Math.max(after * 1.2, Math.max.apply(null, edges) * 1.3, 1000));
  const xs = [];
  for (let i = 0; i <= 30; i++) xs.push(xmax * i / 30);
  const pts = xs.concat(edges, [before, after]).filter((x) => x <= xmax).sort((a, b) => a - b);
  let ys;
  try {
    ys = pts.map((x) => payoutAt(app, base, item.id, x));
  } catch (e) {
    return null;
  }
  const at = (x) => ys[pts.indexOf(x)];
  // Elder mode is a class on <html> (the page) or on the element's own root.
  const elder = !!box.closest('.elder');
  const fs = elder ? 18 : 14;
  const W = Math.max(260, Math.min(560, box.clientWidth || 320));
  const H = elder ? 280 : 220;
  const ytop = niceCeil(Math.max.apply(null, ys.concat([1])));
  // One format on both axes: whole yuan with thousands separators ("6,000").
  const num = (n) => plain(String(Math.round(n)));
  const L = Math.max(fs * 3.4, num(ytop).length * fs * 0.62 + 10), R = 14, T = fs * 3.2, B = fs * 3.4;
  const sx = (x) => L + (W - L - R) * x / xmax;
  const sy = (y) => T + (H - T - B) * (1 - y / ytop);
  const svg = svgEl('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, 'font-size': fs, role: 'img', 'aria-labelledby': 'cap-' + item.id, focusable: 'false' });
  const text = (x, y, s, anchor, cls) => svg.appendChild(svgEl('text', { x: x, y: y, 'text-anchor': anchor || 'middle', class: cls || null }, s));
  const ystep = niceStep(ytop / 4);
  for (let y = 0; y <= ytop + 0.5; y += ystep) {
    svg.appendChild(svgEl('line', { x1: L, x2: W - R, y1: sy(y), y2: sy(y), class: 'grid' }));
    text(L - 6, sy(y) + fs * 0.35, num(y), 'end');
  }
  // The deductible and band edges: a line, the amount below, the rate above each band.
  const labelled = [];
  edges.concat([xmax]).forEach((e, i) => {
    if (e > 0 && i < edges.length) svg.appendChild(svgEl('line', { x1: sx(e), x2: sx(e), y1: T - 4, y2: sy(0), class: 'edge' }));
    const clash = labelled.some((x) => Math.abs(sx(x) - sx(e)) < fs * 4);
    if (i === edges.length && clash) return;
    labelled.push(e);
    text(sx(e), sy(0) + fs * 1.2, num(e));
  });
  const ded = Number(item.deductible);
  if (ded > 0) text(sx(ded), T - fs * 0.6, '起付线', 'middle', 'edge-text');
  item.bands.forEach((b) => {
    const lo = Number(b.from), hi = b.to === null ? xmax : Number(b.to);
    if (sx(hi) - sx(lo) > fs * 3) text((sx(lo) + sx(Math.min(hi, xmax))) / 2, T + fs, '赔' + b.rate + '%', 'middle', 'rate');
  });
  text((L + W - R) / 2, H - fs * 0.5, '全年累计金额（元）', 'middle', 'axis');
  text(4, fs * 1.2, '赔付（元）', 'start', 'axis');
  svg.appendChild(svgEl('polyline', { class: 'curve', points: pts.map((x, i) => sx(x).toFixed(1) + ',' + sy(ys[i]).toFixed(1)).join(' ') }));
  if (before > 0) svg.appendChild(svgEl('circle', { cx: sx(before), cy: sy(at(before)), r: 5, class: 'mark-before' }));
  svg.appendChild(svgEl('line', { x1: sx(after), x2: sx(after), y1: sy(0), y2: sy(at(after)), class: 'mark-line' }));
  svg.appendChild(svgEl('circle', { cx: sx(after), cy: sy(at(after)), r: 6, class: 'mark' }));
  // The payout, top left in the plot, where a rising curve never is.
  text(L + 8, T + fs * 2.4, '实心点：' + (before > 0 ? '全年共赔 ' : '赔 ') + plain(at(after).toFixed(2)), 'start', 'mark-text');
  const caption = item.name + '：全年累计金额与赔付（起付线以下不赔）。' +
    (before > 0 ? '此前已累计 ' + yuan(before.toFixed(2)) + '（空心点），' : '') + '本次后累计 ' + yuan(after.toFixed(2)) +
    '（实心点），本次赔付 ' + yuan(item.payout) + (before > 0 ? '＝两点赔付之差' : '') + '。';
  return add(el('figure', { class: 'chart' }), [svg, el('figcaption', { id: 'cap-' + item.id, text: caption })]);
}
