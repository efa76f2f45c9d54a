// check.mjs — opens each board-report.html given in headless Chromium (Debian's
// chromium, driven by puppeteer-core) at 1280 px and at 320 px wide and checks:
// axe-core finds no violation of the rules tagged wcag2a, wcag2aa, wcag21a,
// wcag21aa and wcag22aa; the page never scrolls sideways at 320 px; the page
// makes no request of any kind (every request but the page itself is recorded
// and refused). With --shots DIR it also writes screenshots of each page at
// both widths and in print media (PNG) and the page printed to A4 (PDF).
//
// Usage: node check.mjs [--shots DIR] [--browser PATH] PAGE.html...
// Exit status: 0 every check passed, 1 a check failed, 2 the browser failed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [1280, 320];

const args = process.argv.slice(2);
let shots = null;
let browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--shots') shots = args[++i];
  else if (args[i] === '--browser') browserPath = args[++i];
  else pages.push(args[i]);
}
if (!pages.length) {
  console.error('usage: node check.mjs [--shots DIR] [--browser PATH] PAGE.html...');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? '\n     ' + detail : ''}`);
  }
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ov-chromium-'));
const browser = await puppeteer.launch({
  executablePath: browserPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         `--user-data-dir=${profile}`],
});
try {
  for (const file of pages) {
    const url = 'file://' + path.resolve(file);
    const label = path.basename(path.dirname(path.resolve(file))) + '/' + path.basename(file);
    for (const width of WIDTHS) {
      const page = await browser.newPage();
      const requests = [];
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.url() === url && req.isNavigationRequest()) {
          req.continue();
        } else {
          requests.push(req.url());
          req.abort();
        }
      });
      await page.setViewport({ width, height: 900 });
      await page.goto(url, { waitUntil: 'load' });
      const sideways = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      check(`${label} at ${width} px: no sideways scrolling`, sideways.scroll <= sideways.inner,
            `scrollWidth ${sideways.scroll} > innerWidth ${sideways.inner}`);
      if (shots) {
        fs.mkdirSync(shots, { recursive: true });
        const base = path.join(shots, label.replace(/[\/.]/g, '-'));
        await page.screenshot({ path: `${base}-${width}.png`, fullPage: false });
        // the top of the page, as long as a screenshot may be
        const tall = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({ path: `${base}-${width}-long.png`, captureBeyondViewport: true,
                                clip: { x: 0, y: 0, width, height: Math.min(tall, 12000) } });
      }
      // axe runs inside the page from the local package: no request is made for it
      await page.evaluate(axeSource);
      const result = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags },
                                                   resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
          count: v.nodes.length,
        }));
      }, TAGS);
      check(`${label} at ${width} px: axe-core finds no WCAG 2.2 AA violation`,
            result.length === 0,
            result.map((v) => `${v.id} (${v.impact}, ${v.count} nodes): ${v.help}\n       ` +
                               v.nodes.join('\n       ')).join('\n     '));
      check(`${label} at ${width} px: no network request`, requests.length === 0,
            requests.slice(0, 5).join(', '));
      if (shots && width === WIDTHS[0]) {
        const base = path.join(shots, label.replace(/[\/.]/g, '-'));
        await page.emulateMediaType('print');
        await page.screenshot({ path: `${base}-print.png`, fullPage: false });
        await page.emulateMediaType(null);
        await page.pdf({ path: `${base}-print.pdf`, format: 'A4', preferCSSPageSize: true,
                         printBackground: true });
      }
      await page.close();
    }
  }
} catch (e) {
  console.error(`browser check failed: ${e && e.stack ? e.stack : e}`);
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit(2);
}
await browser.close();
fs.rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
