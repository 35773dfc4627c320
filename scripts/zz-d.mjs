import { chromium } from 'playwright-core';
import { startServer } from '/work/wt-i15p/scripts/serve.mjs';
const server = await startServer({ dir: '/work/wt-i15p/dist', port: 0 });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
for (const w of [1280, 360]) for (let i = 0; i < 3; i++) {
const p = await b.newPage({ viewport: { width: w, height: 800 } });
await p.goto(server.url + 'batch.html');
await p.waitForSelector('#pick'); await p.waitForTimeout(300);
await p.setInputFiles('#file', '/tmp/i15p-100k.csv');
await p.waitForSelector('#result:not([hidden])', { timeout: 60000 });
await p.waitForTimeout(300);
console.log(w, JSON.stringify(await p.evaluate(() => window.T)));
await p.close();
}
await b.close(); await server.close();
