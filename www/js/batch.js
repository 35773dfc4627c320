// 医保算: the lists' page (batch.html), for village and community staff: a
// CSV or Excel workbook of residents in, each one's answer and the totals
// out, the answers to download as a workbook (下载结果（Excel）, first) or a
// CSV. Bundled by esbuild into dist/batch.js, which only
// batch.html loads (index.html's first result never pays for it). The rows
// are answered in a Web Worker (batch-worker.js, with the lists' WASM
// module); this page only renders, so it answers input throughout. A
// workbook, read or asked for, is the work of a second worker
// (xlsx-worker.js, with the workbooks' module), started only then: a CSV
// list answered and downloaded as CSV never loads it. Nothing is sent
// anywhere: the file is read on the device.
import { add, byId, clear, doc, el, setText } from './dom.js';
import { dateWords, parseParams, todayInChina } from './words.js';
import { elderToggle, initElder } from './elder.js';
import { ENCODING_NAMES, tooLarge } from './batch-decode.js';
import { addErrors, errorsNote, people, renderPreview, renderRow, renderTotals } from './batch-view.js';

// The first rows shown with their answers; rows with an error listed.
const FIRST = 10;
const ERRORS = 200;

const app = {
  query: parseParams(location.search.slice(1)),
  ui: {},
  resized: () => {},
  worker: null,
  xlsxWorker: null,
  runs: 0, // each run's id, so that a message is taken for its own run
  ready: false,
  job: null, // the list being answered: { name, header, kept: { row: BatchRow }, errors: [], first: [] }
  url: null, // the answers' object URL
  excel: null, // the answers' workbook: { id, blob, error } (blob null while it is made, or with why there is none)
};

// What the page says when a worker's module failed (a trap): never its own words.
const BROKEN = '计算组件出了意外的错误，已重新准备好：请再选择一次文件；如果还是不行，请把名单另存为“CSV UTF-8（逗号分隔）”后再试。';

// Old Excel formats, which neither `yibao batch` nor this page reads.
const OLD_EXCEL = /\.(xls|xlsb|ods|et)$/i;
// An Excel workbook: by its name, or by its first bytes (a zip: PK\3\4).
const WORKBOOK = /\.(xlsx|xlsm)$/i;

function section(id, title, kids, hidden) {
  return el('section', { class: 'card', id: id, 'aria-labelledby': id + '-h', hidden: hidden }, [
    el('h2', { id: id + '-h', tabindex: '-1', text: title }),
  ].concat(kids));
}

function build() {
  const ui = app.ui;
  const a = byId('app');
  const noscript = a.getElementsByTagName('noscript')[0];
  if (noscript) a.removeChild(noscript);
  ui.file = el('input', { type: 'file', id: 'file', accept: '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', hidden: true, onchange: () => ui.file.files[0] && start(ui.file.files[0]) });
  ui.drop = el('div', { class: 'drop', id: 'drop' }, [
    el('button', { type: 'button', class: 'btn btn-primary', id: 'pick', text: '选择名单文件', onclick: () => ui.file.click() }),
    el('span', { class: 'drop-hint', text: '或把文件拖到这里' }),
    ui.file,
  ]);
  ui.bar = el('progress', { id: 'bar', max: '100', value: '0', 'aria-labelledby': 'work-h' });
  ui.progress = el('p', { id: 'progress-text', class: 'progress-text' });
  ui.fail = el('div', { class: 'status status-error', id: 'fail', role: 'alert', hidden: true });
  ui.totals = el('div', { id: 'totals' });
  ui.excel = el('button', { type: 'button', class: 'btn btn-primary', id: 'download-xlsx', text: '下载结果（Excel）', onclick: askExcel });
  ui.download = el('a', { class: 'btn', id: 'download', text: '下载结果（CSV）' });
  ui.excelStatus = el('p', { class: 'hint', id: 'xlsx-status', role: 'status', hidden: true });
  ui.errors = el('ol', { id: 'errors', class: 'errors' });
  ui.errorsNote = el('p', { class: 'hint', id: 'errors-note', hidden: true });
  ui.row = el('div', { id: 'row' });
  ui.preview = el('table', { id: 'preview', class: 'preview' });
  ui.announce = el('p', { class: 'vh', id: 'announce', role: 'status', 'aria-live': 'polite' });
  const today = todayInChina();
  add(a, [
    el('header', { class: 'top' }, el('div', { class: 'wrap top-in' }, [
      el('h1', null, ['医保算', el('span', { class: 'sub', text: '村（社区）批量计算' })]),
      elderToggle(app),
    ])),
    el('main', { id: 'main', class: 'wrap batch' }, [
      section('pick', '选择居民名单', [
        el('p', { text: '把村（社区）的居民名单放进来，逐人算出能否参保、档次、个人缴费、资助、实际需缴和甬宁保，再给出合计；结果可以下载成表格。' }),
        el('p', { class: 'privacy' }, el('strong', { text: '名单只在这台设备上计算，不会上传，也不会发送到任何地方。' })),
        ui.drop,
        el('p', { class: 'hint', text: '文件格式：Excel 工作簿（.xlsx，读第一张工作表），或 CSV（逗号分隔，UTF-8 或 GBK 编码都可以），不超过 200 MB。较早的 .xls 格式请先在 Excel 里“另存为”“Excel 工作簿（.xlsx）”。' }),
        el('p', { class: 'hint', id: 'date-line', text: '按今天（' + dateWords(today) + '）计算；名单里有“查询日期”列的行，按该行的日期计算。' }),
        el('p', null, [
          el('button', { type: 'button', class: 'btn', id: 'template', text: '下载模板', onclick: askTemplate }),
          el('span', { class: 'hint', text: '模板第一行是列名，下面是示例行，可照着填写。' }),
        ]),
        el('details', { class: 'more', id: 'format' }, [
          el('summary', { text: '名单怎么填' }),
          el('ul', null, [
            '第一行写列名，每人一行；列的顺序随意。',
            '必填：地区、出生日期、户籍（本市户籍或非本市户籍）。',
            '选填：县区、居住证（是或否）、在读情况（不在读、中小学或大学）、职工医保（是或否）、特殊身份（例如 低保对象，几个身份用“；”隔开），以及甬宁保结算单上的金额（见模板最后几列）。',
            '出生日期可以写成 1980-05-17、1980/5/17 或 19800517。',
            '其他列（姓名、身份证号、电话等）原样保留在结果里。',
          ].map((t) => el('li', { text: t }))),
        ]),
      ]),
      section('work', '正在计算', [ui.bar, ui.progress,
        el('button', { type: 'button', class: 'btn', id: 'stop', text: '停止', onclick: stop })], true),
      ui.fail,
      section('result', '合计', [ui.totals, el('p', { class: 'actions' }, [ui.excel, ' ', ui.download]), ui.excelStatus,
        el('p', { class: 'hint', text: '结果是名单的每一行后面加上计算结果，有错误的行写明了错在哪一列、怎样改。Excel 结果里身份证号等原样保留为文本，金额是两位小数的数字，第二张表“说明”写明查询日期、所用文件和合计。' }),
        el('p', { class: 'hint', id: 'csv-note', text: 'CSV 结果适合导入其他系统。用 Excel 打开 CSV 时，Excel 会把 18 位的身份证号当作数字，只保留 15 位有效数字、后几位变成 0：在 Excel 里请用 Excel 结果。' })], true),
      section('bad', '有错误的行', [ui.errors, ui.errorsNote], true),
      section('one', '', [ui.row, el('p', { class: 'back' }, el('a', { href: '#bad-h', text: '回到有错误的行' }))], true),
      section('first', '前 ' + FIRST + ' 行的结果', [
        el('div', { class: 'scroll', role: 'region', tabindex: '0', 'aria-labelledby': 'first-h' }, ui.preview),
      ], true),
    ]),
    el('footer', { class: 'foot' }, el('div', { class: 'wrap' }, [
      el('p', { class: 'disclaimer', text: '按公开文件估算，以医保经办机构核定为准。' }),
      el('p', { text: '计算在您的设备上完成：名单不会发送到任何服务器，本页不使用 Cookie，也不做访问统计。' }),
      el('p', null, el('a', { href: 'index.html', id: 'to-calc', text: '返回单人计算器' })),
    ])),
    ui.announce,
  ]);
  // Dropping a file anywhere on the page reads it (not opens it).
  doc.addEventListener('dragover', (e) => {
    e.preventDefault();
    ui.drop.classList.add('over');
  });
  doc.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
  doc.addEventListener('drop', (e) => {
    e.preventDefault();
    ui.drop.classList.remove('over');
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) start(f);
  });
  window.addEventListener('hashchange', showRow);
}

function announce(text) {
  setText(app.ui.announce, '');
  setTimeout(() => setText(app.ui.announce, text), 50);
}

function shown(id, on) {
  byId(id).hidden = !on;
}

function failed(message) {
  const ui = app.ui;
  shown('work', false);
  ui.fail.hidden = false;
  add(clear(ui.fail), [el('strong', { text: '无法计算这个文件：' }), message]);
}

// ------------------------------------------------------------ the worker

// The lists' worker (CSV), or with `excel` the workbooks' (xlsx-worker.js):
// made when first needed, and again after a failure of its module.
function worker(excel) {
  const key = excel ? 'xlsxWorker' : 'worker';
  if (app[key]) return app[key];
  if (typeof Worker !== 'function') {
    failed('这个浏览器不能在后台计算（不支持 Web Worker），请换用较新的浏览器。');
    return null;
  }
  const w = new Worker(excel ? 'xlsx-worker.js' : 'batch-worker.js');
  w.onmessage = (ev) => onMessage(ev.data || {}, excel);
  w.onerror = (ev) => {
    ev.preventDefault();
    drop(excel);
    if (app.excel && !app.excel.blob && excel) return excelFailed('计算组件加载失败，请刷新页面重试。');
    failed('计算组件加载失败，请刷新页面重试。');
  };
  app[key] = w;
  return w;
}

// Ends a worker (after a failure of its module, or 停止): the next file starts a fresh one.
function drop(excel) {
  const key = excel ? 'xlsxWorker' : 'worker';
  if (app[key]) app[key].terminate();
  app[key] = null;
}

function onMessage(m, excel) {
  const job = app.job;
  if (m.type === 'template') return save(m.blob, '居民名单模板.csv');
  if (m.type === 'fail' && m.broken) {
    // The module trapped (or did not load): its words are not for people,
    // and the next file gets a fresh worker, so a fresh instance.
    drop(excel);
    m.message = BROKEN;
  }
  // The workbook of a CSV list answered before, being made.
  if (app.excel && m.id === app.excel.id && (!job || job.id !== m.id)) return excelMessage(m);
  if (m.type === 'fail') return m.id == null || (job && m.id === job.id) ? failed(m.message) : null;
  if (!job || m.id !== job.id) return null;
  if (m.type === 'start') {
    setText(app.ui.progress, m.encoding === 'xlsx' ? '正在读取 Excel 工作簿……' : '正在计算（文件编码：' + (ENCODING_NAMES[m.encoding] || m.encoding) + '）……');
  }
  if (m.type === 'header') job.header = m.header;
  if (m.type === 'progress') progress(m);
  if (m.type === 'done') done(m);
  return null;
}

// Whether a file is an Excel workbook (.xlsx): by its name, or its first bytes.
function isWorkbook(file) {
  if (WORKBOOK.test(file.name || '')) return Promise.resolve(true);
  if (typeof file.slice !== 'function' || typeof file.slice(0, 4).arrayBuffer !== 'function') return Promise.resolve(false);
  return file.slice(0, 4).arrayBuffer().then((b) => {
    const x = new Uint8Array(b);
    return x.length === 4 && x[0] === 0x50 && x[1] === 0x4B && x[2] === 0x03 && x[3] === 0x04;
  }, () => false);
}

function start(file) {
  const ui = app.ui;
  // Said before the file is read.
  const big = tooLarge(file.size) ||
    (OLD_EXCEL.test(file.name || '') ? '只能读取 .xlsx 格式的 Excel 文件：请在 Excel 中把名单另存为“Excel 工作簿（.xlsx）”或“CSV UTF-8（逗号分隔）”后再试。' : '');
  if (big) {
    ['result', 'bad', 'one', 'first'].forEach((id) => shown(id, false));
    ui.file.value = '';
    return failed(big);
  }
  return isWorkbook(file).then((excel) => run(file, excel));
}

function run(file, excel) {
  const ui = app.ui;
  const w = worker(excel);
  if (!w) return;
  if (app.url) URL.revokeObjectURL(app.url);
  app.url = null;
  app.excel = null;
  app.runs += 1;
  app.job = { id: app.runs, file: file, excel: excel, date: todayInChina(), name: file.name || '名单', header: null, kept: {}, errors: [], first: [], t0: performance.now() };
  ['result', 'bad', 'one', 'first'].forEach((id) => shown(id, false));
  clear(ui.errors);
  ui.fail.hidden = true;
  shown('work', true);
  ui.bar.value = 0;
  setText(ui.progress, '正在读取“' + app.job.name + '”……');
  announce('开始计算“' + app.job.name + '”。');
  // A workbook read is answered by the workbooks' worker, which makes the
  // answers' workbook in the same pass.
  w.postMessage({ run: { id: app.job.id, file: file, date: app.job.date, first: FIRST, errors: ERRORS, excel: excel, name: app.job.name } });
  // The same file may be chosen again after it is corrected.
  ui.file.value = '';
}

function stop() {
  drop(app.job && app.job.excel);
  app.job = null;
  shown('work', false);
  announce('已停止计算。');
}

function keep(kept) {
  const job = app.job;
  let first = false;
  kept.forEach((k) => {
    job.kept[k.row] = k;
    if (k.row <= FIRST + 1) {
      job.first.push(k);
      first = true;
    }
    if (k.error) job.errors.push(k);
  });
  // Into the hidden list as they come: the last message has no more to draw than the others.
  if (job.header) addErrors(app.ui.errors, job.header, kept.filter((k) => k.error));
  if (first && job.header) {
    renderPreview(app.ui.preview, job.header, job.first);
    shown('first', true);
  }
}

function progress(m) {
  keep(m.kept);
  const pct = Math.floor(m.at * 100);
  app.ui.bar.value = pct;
  setText(app.ui.progress, '已计算 ' + people(m.rows).replace(' 人', ' 行') + '（约 ' + pct + '%）');
}

function done(m) {
  const job = app.job;
  const ui = app.ui;
  keep(m.kept);
  ui.bar.value = 100;
  shown('work', false);
  byId('result').setAttribute('data-ms', String(Math.round(performance.now() - job.t0)));
  app.url = URL.createObjectURL(m.blob);
  ui.download.href = app.url;
  ui.download.setAttribute('download', resultName(job, '.csv'));
  ui.excelStatus.hidden = true;
  ui.excel.removeAttribute('aria-disabled');
  if (m.xlsx || m.xlsxError) app.excel = { id: job.id, blob: m.xlsx, error: m.xlsxError };
  renderTotals(ui.totals, m.summary);
  shown('result', true);
  // The rest in a task of its own: no one task lays out the whole page.
  setTimeout(() => app.job === job && shownDone(job, m.summary), 0);
}

function shownDone(job, summary) {
  const ui = app.ui;
  if (job.errors.length) {
    errorsNote(ui.errorsNote, job.errors.length, summary.errors);
    byId('bad-h').textContent = '有错误的行（' + summary.errors + ' 行）';
  }
  shown('bad', job.errors.length > 0);
  byId('result-h').textContent = '合计：' + job.name;
  byId('result-h').focus();
  announce('计算完成：共 ' + summary.rows + ' 行，有错误 ' + summary.errors + ' 行；可以下载结果。');
  showRow();
}

// #row-N: that row in full, where the page kept it.
function showRow() {
  const m = /^#row-(\d+)$/.exec(location.hash);
  const job = app.job;
  if (!m || !job || !job.header) return;
  const k = job.kept[m[1]];
  const h = byId('one-h');
  h.textContent = '第 ' + m[1] + ' 行';
  if (k) renderRow(app.ui.row, job.header, k);
  else add(clear(app.ui.row), el('p', { text: '这一行没有错误，也不在前 ' + FIRST + ' 行里：请在下载的结果中查看。' }));
  shown('one', true);
  h.focus();
}

// ------------------------------------------------------------ downloads

function resultName(job, ext) {
  return job.name.replace(/\.[^.]*$/, '') + '-结果' + ext;
}

// 下载结果（Excel）: the workbook made with the answers (a workbook read), or
// now, by the workbooks' worker, for a CSV list (its progress shown beside
// the button); saved once it is there.
function askExcel() {
  const job = app.job;
  const ui = app.ui;
  if (!job || !app.url) return;
  if (app.excel && app.excel.blob) return save(app.excel.blob, resultName(job, '.xlsx'));
  if (app.excel && app.excel.error) return excelSaid(app.excel.error);
  if (app.excel) return; // being made
  const w = worker(true);
  if (!w) return;
  app.runs += 1;
  app.excel = { id: app.runs, blob: null, job: job };
  ui.excel.setAttribute('aria-disabled', 'true');
  ui.excelStatus.hidden = false;
  setText(ui.excelStatus, '正在生成 Excel 结果……');
  w.postMessage({ run: { id: app.excel.id, file: job.file, date: job.date, first: 0, errors: 0, excel: true, excelOnly: true, name: job.name } });
}

function excelMessage(m) {
  const x = app.excel;
  const ui = app.ui;
  if (m.type === 'progress') setText(ui.excelStatus, '正在生成 Excel 结果（约 ' + Math.floor(m.at * 100) + '%）……');
  if (m.type === 'fail') return excelFailed(m.message);
  if (m.type !== 'done' || !m.xlsx) return null;
  x.blob = m.xlsx;
  ui.excel.removeAttribute('aria-disabled');
  setText(ui.excelStatus, 'Excel 结果已生成并开始下载。');
  if (app.job === x.job) save(x.blob, resultName(x.job, '.xlsx'));
  return null;
}

function excelFailed(message) {
  app.excel = null;
  excelSaid(message);
}

// Why there is no workbook, beside its button.
function excelSaid(message) {
  const ui = app.ui;
  ui.excel.removeAttribute('aria-disabled');
  ui.excelStatus.hidden = false;
  add(clear(ui.excelStatus), [el('strong', { text: '无法生成 Excel 结果：' }), message, /CSV/.test(message) ? '' : ' 可以先下载 CSV 结果。']);
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  doc.body.appendChild(a);
  a.click();
  doc.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function askTemplate() {
  const w = worker(false);
  if (w) w.postMessage({ template: true });
}

build();
initElder(app);
worker(false);
