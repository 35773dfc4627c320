// The lists' page (batch.html, issue 15): a CSV in (chosen, dropped or by
// keyboard; UTF-8 and GBK), a progress bar while the worker computes, the
// totals, the rows with an error by row and column with a link to the row,
// and 下载结果, whose bytes are what `yibao batch` writes for the same file
// and date. 100,000 rows in <= 2 s with no main-thread task over 50 ms; elder
// mode sizes, axe, screenshots; index.html loads none of it.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, axe, cliBatch, measure, session, shotPath, visibleText } from './lib.mjs';
import { list } from '../../scripts/bench-batch.mjs';

const DAY = '2026-12-02';
// Answered rows, errors of several columns, quoted cells with a comma and a
// line break, Chinese headers and values, an ASCII column of the user's.
const LIST = `姓名,身份证号,地区,出生日期,户籍,居住证,在读情况,特殊身份,bill_in_scope,备注
张三,330281196005170011,余姚市,1960-05-17,本市户籍,否,不在读,低保对象,,
李四,,余姚市,1980-02-30,本市户籍,否,不在读,,,"有,逗号"
王五,,慈溪,2012-06-01,非本市户籍,是,中小学生,,,
赵六,,北京,1980-05-17,本市户籍,,,,,
孙七,,余姚市,1950-01-01,本市户籍,,,,30000,"换行
在里面"
周八,,余姚市,1990-01-01,外星,,,,,
吴九,,余姚市,1985-03-03,本市户籍,也许,,,,
郑十,,余姚市,2020-07-07,本市户籍,,,特困供养对象,,
`;
const FILE = { name: '东村名单.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) };

function gbk(text) {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });
  assert.equal(r.status, 0, String(r.stderr));
  return r.stdout;
}

// An init script: long main-thread tasks (PerformanceObserver 'longtask'),
// how late a 10 ms timer ran at the worst, how long each key waited for the
// page, and the progress bar's values.
function probe() {
  window.probe = { long: [], late: 0, bar: [], keys: [] };
  addEventListener('keydown', (e) => window.probe.keys.push(Math.round(performance.now() - e.timeStamp)));
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.probe.long.push(Math.round(e.duration)))).observe({ entryTypes: ['longtask'] });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    window.probe.late = Math.max(window.probe.late, now - last - 10);
    last = now;
    const b = document.getElementById('bar');
    if (b && !b.closest('[hidden]') && window.probe.bar[window.probe.bar.length - 1] !== b.value) window.probe.bar.push(b.value);
  }, 10);
}

async function open(s, viewport, query = '') {
  const p = await s.pageOn(DAY, viewport, probe);
  await p.goto(`${s.url}batch.html${query}`);
  await p.waitForSelector('#pick');
  return p;
}

// The answers shown: the totals, then (a task later) the rest, focus on the totals.
async function finished(p) {
  await p.waitForFunction(() => !document.getElementById('result').hidden && document.activeElement.id === 'result-h', null, { timeout: 30000 });
}

async function downloaded(p, sel) {
  const [d] = await Promise.all([p.waitForEvent('download'), p.click(sel)]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

describe('batch.html: a list in, its answers out', () => {
  const s = session();
  let page;
  before(async () => {
    page = await open(s, { width: 1280, height: 800 });
    await page.setInputFiles('#file', FILE);
    await finished(page);
  });

  test('下载结果 is what yibao batch writes for the same file, byte for byte', async () => {
    const got = await downloaded(page, '#download');
    assert.equal(got.name, '东村名单-结果.csv');
    const want = cliBatch(FILE.buffer, DAY);
    assert.equal(got.bytes.toString('utf8'), want.toString('utf8'));
    assert.ok(got.bytes.equals(want));
  });

  test('the totals are the CLI summary\'s; the page says the date and that nothing is sent', async () => {
    const r = { stderr: cliBatch(FILE.buffer, DAY).summary };
    const rows = /共 (\d+) 行：已计算 (\d+) 行，有错误 (\d+) 行/.exec(r.stderr);
    const line = await page.textContent('#totals-line');
    assert.ok(line.startsWith(`共 ${rows[1]} 行：已计算 ${rows[2]} 行，有错误 ${rows[3]} 行`), `${line} / ${r.stderr}`);
    const to = /实际需缴合计 ([\d,.]+)元/.exec(r.stderr)[1].replace(/,/g, '');
    assert.equal((await page.textContent('[data-total="to_pay"]')).replace(/[, 元]/g, ''), Number(to).toFixed(2));
    const tiers = [...r.stderr.matchAll(/([^，：\s]+档[^，：\s]*) (\d+) 人/g)].map((m) => `${m[1]} ${m[2]} 人`);
    const shown = await page.$$eval('[data-total="tier"]', (dd) => dd.map((d) => `${d.previousSibling.textContent} ${d.textContent}`));
    assert.deepEqual(shown, tiers);
    const text = (await visibleText(page)).join('\n');
    assert.match(text, /按今天（2026年12月2日）计算/);
    assert.match(text, /名单只在这台设备上计算，不会上传，也不会发送到任何地方/);
  });

  test('the errors by row and column as the file names them, in words for people, each a link to its row', async () => {
    const items = await page.$$eval('#errors li', (li) => li.map((l) => [l.querySelector('a').getAttribute('href'), l.querySelector('.err-col').textContent, l.querySelector('.err-text').textContent]));
    assert.deepEqual(items.map((i) => i.slice(0, 2)), [
      ['#row-3', '“出生日期”列'], ['#row-5', '“地区”列'], ['#row-7', '“户籍”列'], ['#row-8', '“居住证”列'],
    ]);
    for (const [, , text] of items) assert.doesNotMatch(text, /[A-Za-z_]{2,}/, text);
    assert.match(items[1][2], /地区名称/);
    assert.match(items[2][2], /“本市户籍”或“非本市户籍”/);
    // No interface id or format code: only the file's name and the words for the file's kind.
    const words = (await visibleText(page, '#result')).join(' ') + (await visibleText(page, '#bad')).join(' ');
    assert.doesNotMatch(words.replace(/东村名单\.csv|CSV|UTF-8|Excel/g, ''), /[A-Za-z_]{2,}/);
    assert.match(items[3][2], /请填 是 或 否/);
    await page.click('#errors li:nth-child(3) a');
    await page.waitForSelector('#one:not([hidden])');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'one-h');
    assert.equal(await page.textContent('#one-h'), '第 7 行');
    assert.equal(await page.textContent('#row tr.bad th'), '户籍');
    assert.equal(await page.textContent('#row tr.bad td'), '外星');
    assert.match(await page.textContent('#row .row-error'), /“户籍”列有误/);
  });

  test('the preview: the first rows with their answers, a quoted line break kept in its cell', async () => {
    const rows = await page.$$eval('#preview tbody tr', (tr) => tr.map((r) => [...r.children].map((c) => c.textContent)));
    assert.equal(rows.length, 8);
    assert.equal(rows[0][1], '张三');
    assert.equal(rows[4][10], '换行\n在里面');
    const head = await page.$$eval('#preview thead th', (th) => th.map((h) => h.textContent));
    assert.deepEqual(head.slice(0, 3), ['行', '姓名', '身份证号']);
    assert.ok(head.includes('实际需缴') && head.includes('甬宁保赔付') && head.includes('计算年度'), head.join(' '));
    // 2026-12-02 is answered for 2027, beyond the newest notice: each row says its year.
    assert.equal(rows[0][head.indexOf('计算年度')], '2027');
    // 余政办发〔2023〕80号 二(一)4(3)①: 低保 pays nothing (the newest rules, 2024, after the newest notice).
    assert.equal(rows[0][head.indexOf('实际需缴')], '0.00');
  });

  test('a GBK file (Excel on a Chinese Windows) gives the CLI\'s bytes too, and says its encoding', async () => {
    const p = await open(s, { width: 1280, height: 800 });
    const bytes = gbk(LIST);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture is not UTF-8');
    await p.setInputFiles('#file', { name: 'gbk.csv', mimeType: 'text/csv', buffer: bytes });
    await p.waitForFunction(() => /GBK/.test(document.getElementById('progress-text').textContent) || !document.getElementById('result').hidden);
    await finished(p);
    const got = await downloaded(p, '#download');
    assert.ok(got.bytes.equals(cliBatch(bytes, DAY)));
    assert.ok(got.bytes.equals(cliBatch(FILE.buffer, DAY)), 'the same answers as the UTF-8 file');
    await p.close();
  });

  test('a dropped file is read; a file that cannot be read says why, with the nearest column name', async () => {
    const p = await open(s, { width: 1280, height: 800 });
    await p.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, 'name,region,birth_dat,hukou\na,yuyao,1980-05-17,local\n');
    await p.waitForSelector('#fail:not([hidden])');
    const msg = await p.textContent('#fail');
    assert.match(msg, /birth_dat.*birth_date/);
    assert.match(msg, /无法计算这个文件/);
    assert.equal(await p.isHidden('#result'), true);
    // The next file is answered.
    await p.setInputFiles('#file', FILE);
    await finished(p);
    assert.equal(await p.isHidden('#fail'), true);
    await p.close();
  });

  test('cells Excel would run are written with a leading \' in 下载结果, the CLI\'s bytes; the page shows them as the file has them', async () => {
    const p = await open(s, { width: 1280, height: 800 });
    const text = '姓名,备注,地区,出生日期,户籍\n"=HYPERLINK(""http://x"",""点我"")",-5,余姚市,1980-05-17,本市户籍\n';
    const buffer = Buffer.from(text);
    await p.setInputFiles('#file', { name: 'x.csv', mimeType: 'text/csv', buffer });
    await finished(p);
    const got = await downloaded(p, '#download');
    assert.ok(got.bytes.equals(cliBatch(buffer, DAY)));
    assert.match(got.bytes.toString('utf8'), /\n"'=HYPERLINK\(""http:\/\/x"",""点我""\)",'-5,余姚市/);
    const cells = await p.$$eval('#preview tbody tr td', (td) => td.map((c) => c.textContent));
    assert.equal(cells[0], '=HYPERLINK("http://x","点我")');
    await p.close();
  });

  test('a file over 200 MB is refused before it is read; replaced characters are named by row and column', async () => {
    const p = await open(s, { width: 1280, height: 800 });
    await p.evaluate(() => {
      const mb = new Uint8Array(1 << 20);
      const dt = new DataTransfer();
      dt.items.add(new File(Array(201).fill(mb), 'big.csv', { type: 'text/csv' }));
      document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await p.waitForSelector('#fail:not([hidden])');
    assert.match(await p.textContent('#fail'), /201 MB，超过本页 200 MB 的上限，没有读取/);
    assert.equal(await p.isHidden('#work'), true, 'no work started');
    // UTF-8 for the first 64 KiB, then a row in GBK: answered, and said.
    let text = '姓名,地区,出生日期,户籍\n';
    while (text.length < 40000) text += '赵六,余姚市,1980-05-17,本市户籍\n';
    const at = text.split('\n').length;
    const buffer = Buffer.concat([Buffer.from(text), gbk('钱七,余姚市,1980-05-17,本市户籍\n')]);
    await p.setInputFiles('#file', { name: 'mixed.csv', mimeType: 'text/csv', buffer });
    await finished(p);
    const note = await p.textContent('#replaced');
    assert.match(note, new RegExp(`第${at}行“姓名”列`), note);
    assert.ok(cliBatch(buffer, DAY).summary.includes(`第${at}行“姓名”列`), 'the CLI says the same');
    await p.close();
  });

  test('下载模板 is yibao batch --template, and the page answers it with no error', async () => {
    const got = await downloaded(page, '#template');
    assert.equal(got.name, '居民名单模板.csv');
    assert.equal(got.bytes.toString('utf8').trimEnd(), cliBatch(null).toString('utf8').trimEnd());
    await page.setInputFiles('#file', { name: 't.csv', mimeType: 'text/csv', buffer: got.bytes });
    await page.waitForFunction(() => /共 \d+ 行：已计算 \d+ 行，没有错误/.test(document.getElementById('totals-line').textContent));
  });

  test('keyboard only: choose the file, download the answers, follow an error to its row', async () => {
    const p = await open(s, { width: 1280, height: 800 });
    // Waited for first: the browser intercepts the file dialog only once asked to.
    const chosen = p.waitForEvent('filechooser');
    let tabs = 0;
    while ((await p.evaluate(() => document.activeElement.id)) !== 'pick') {
      await p.keyboard.press('Tab');
      assert.ok(++tabs < 10, 'the file button within a few tabs');
    }
    await p.keyboard.press('Enter');
    const chooser = await chosen;
    await chooser.setFiles(FILE);
    await finished(p);
    assert.equal(await p.evaluate(() => document.activeElement.id), 'result-h', 'focus on the totals when done');
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'download-xlsx', '下载结果（Excel） first');
    const [x] = await Promise.all([p.waitForEvent('download'), p.keyboard.press('Enter')]);
    assert.equal(x.suggestedFilename(), '东村名单-结果.xlsx');
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'download');
    const [d] = await Promise.all([p.waitForEvent('download'), p.keyboard.press('Enter')]);
    assert.ok(readFileSync(await d.path()).equals(cliBatch(FILE.buffer, DAY)));
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.getAttribute('href')), '#row-3');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.activeElement.id === 'one-h');
    assert.equal(await p.textContent('#one-h'), '第 3 行');
    await p.close();
  });

  test('100,000 rows (余姚 2024) in <= 2 s, the bar moving, no main-thread task over 50 ms; the file is the CLI\'s', async (t) => {
    const big = Buffer.from(list(100_000));
    // From a file on disk, as a person's: a buffer handed over by the test
    // would be made into a File on the page's main thread (a second of it).
    const path = join(mkdtempSync(join(ROOT, 'target', 'batch-test.')), '100k.csv');
    writeFileSync(path, big);
    const want = cliBatch(big, DAY);
    // Up to three fresh pages: the two cores are shared (make test runs
    // beside other work), and a task the scheduler pauses looks long; a page
    // of ours that made a long task would make it every time.
    const runs = [];
    let p;
    for (let attempt = 0; attempt < 3; attempt++) {
      p = await open(s, { width: 1280, height: 800 });
      await p.waitForTimeout(300);
      await p.evaluate(() => {
        window.probe.long = [];
        window.probe.late = 0;
        window.probe.t0 = performance.now();
      });
      await p.setInputFiles('#file', path);
      // Keys pressed throughout: how long each waited for the page.
      let presses = 0;
      while (await p.isHidden('#result')) {
        await p.keyboard.press('Shift');
        presses++;
        await p.waitForTimeout(20);
      }
      await finished(p);
      await p.waitForTimeout(100);
      const r = await p.evaluate(() => ({ ms: performance.now() - window.probe.t0, own: +document.getElementById('result').getAttribute('data-ms'), long: window.probe.long, late: window.probe.late, bar: window.probe.bar, keys: window.probe.keys }));
      r.presses = presses;
      runs.push(r);
      t.diagnostic(`100,000 rows, page ${attempt + 1}: ${r.own} ms from the file chosen to the answers shown (${Math.round(r.ms)} ms from the test's hand-over of the file, Playwright's part included); main-thread tasks over 50 ms: ${JSON.stringify(r.long)}; ${presses} keys pressed meanwhile, the longest wait for the page ${Math.max(...r.keys)} ms; worst lateness of a 10 ms timer ${Math.round(r.late)} ms; the bar showed ${r.bar.length} values`);
      if (r.long.length === 0 && r.own <= 2000) break;
      await p.close();
    }
    const r = runs[runs.length - 1];
    assert.ok(r.own > 0 && r.own <= 2000, `${r.own} ms`);
    assert.deepEqual(r.long.filter((d) => d > 50), [], `no main-thread task over 50 ms in any of ${runs.length} pages`);
    assert.ok(r.presses >= 5 && r.keys.length === r.presses, `${r.keys.length} of ${r.presses} keys seen`);
    assert.ok(r.bar.length >= 5, `the bar moved: ${r.bar.join(' ')}`);
    const got = await downloaded(p, '#download');
    assert.equal(got.bytes.toString('utf8').split('\n').length, want.toString('utf8').split('\n').length, 'row for row');
    assert.ok(got.bytes.equals(want), 'byte for byte');
    rmSync(dirname(path), { recursive: true, force: true });
    await p.close();
  });

  test('elder mode: every text >= 18px, every target >= 60px; axe clean in both modes; screenshots', async (t) => {
    for (const [w, h] of [[360, 740], [1280, 800]]) {
      for (const mode of ['normal', 'elder']) {
        const p = await open(s, { width: w, height: h }, `?mode=${mode}`);
        await p.screenshot({ path: shotPath(`batch-${w}x${h}-${mode}-start.png`) });
        await p.setInputFiles('#file', FILE);
        await finished(p);
        await p.click('#errors li:nth-child(1) a');
        await p.waitForSelector('#one:not([hidden])');
        await p.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        if (mode === 'elder') {
          const m = await p.evaluate(measure);
          assert.equal(m.body, 22);
          assert.deepEqual(m.smallText, [], 'text under 18px');
          assert.ok(m.targets.length > 10, `${m.targets.length} targets`);
          assert.deepEqual(m.targets.filter((x) => x.h < 59.5).map((x) => `${x.what} ${x.h}px`), [], 'targets under 60px');
        }
        if (w === 1280 || mode === 'elder') await axe(p, t);
        await p.evaluate(() => window.scrollTo(0, 0));
        await p.screenshot({ path: shotPath(`batch-${w}x${h}-${mode}-top.png`) });
        await p.screenshot({ path: shotPath(`batch-${w}x${h}-${mode}-full.png`), fullPage: true });
        for (const part of ['result', 'bad', 'one', 'first']) await p.locator(`#${part}`).screenshot({ path: shotPath(`batch-${w}x${h}-${mode}-${part}.png`) });
        await p.close();
      }
    }
  });

  test('index.html links here and loads none of it for its first result', async () => {
    const p = await s.page({ width: 360, height: 740 });
    const seen = [];
    p.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await p.goto(`${s.url}#region=yuyao&year=2024&birth=1980-05-17&hukou=local`);
    await p.waitForSelector('[data-fig="to_pay"]');
    await p.waitForTimeout(200);
    assert.deepEqual(seen.filter((u) => /batch/.test(u)), [], seen.join(' '));
    assert.equal(await p.getAttribute('#to-batch', 'href'), 'batch.html');
    assert.equal(await p.textContent('#to-batch'), '村（社区）批量计算');
    await p.locator('#to-batch').press('Enter');
    await p.waitForSelector('#pick');
    await p.locator('#to-calc').press('Enter');
    await p.waitForSelector('#f-birth');
    await p.close();
  });

  s.clean();
});

describe('batch.html: the worker\'s module loads whatever the server does with the .wasm', () => {
  const s = session({ wrongWasmMime: true });

  test('.wasm sent as application/octet-stream: the list is answered', async () => {
    const p = await s.pageOn(DAY, { width: 1280, height: 800 });
    const types = [];
    p.on('response', (r) => { if (r.url().endsWith('yibao-batch_bg.wasm')) types.push(r.headers()['content-type']); });
    await p.goto(`${s.url}batch.html`);
    await p.setInputFiles('#file', FILE);
    await finished(p);
    assert.ok((await downloaded(p, '#download')).bytes.equals(cliBatch(FILE.buffer, DAY)));
    assert.deepEqual(types, ['application/octet-stream']);
    await p.close();
  });

  test('a .wasm that does not compile: the worker takes the base64 copy', async () => {
    const p = await s.pageOn(DAY, { width: 1280, height: 800 });
    const seen = [];
    p.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await p.route('**/yibao-batch_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not a wasm module') }));
    await p.goto(`${s.url}batch.html`);
    await p.setInputFiles('#file', FILE);
    await finished(p);
    assert.ok(seen.includes('/yibao-batch_bg.wasm.js'), seen.join(' '));
    assert.ok((await downloaded(p, '#download')).bytes.equals(cliBatch(FILE.buffer, DAY)));
    await p.close();
  });

  s.clean();
});
