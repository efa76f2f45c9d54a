/* page.js — drives the browser edition's page in Debian's headless Chromium
 * (puppeteer-core): opens oversight.html from file://, checks it with axe-core
 * (WCAG 2.0/2.1/2.2 A and AA), chooses the data folder through the page's own
 * folder control, types the options and runs with the keyboard, waits for the
 * result, checks axe-core again, and downloads every output and the zip of
 * them all. Every network request is recorded (the page itself excepted) and
 * so is any browser storage the page left.
 *
 * Usage: node tests/web/page.js HTML DATA PERIOD AS_OF DOWNLOADS [CONTROL]
 * CONTROL: folder (DATA is a data folder; the default), zip (DATA is a zip of
 * one) or files (DATA is a folder whose files are chosen as one agency's);
 * REFUSE=1: the data is expected to be refused before any run (the page's
 * limit), and what the page said is recorded instead.
 * Prints one JSON object: {requests, storage, axe_before, axe_after, status,
 * seconds, files, summary_rows}; exits 1 when the run could not be driven. */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
// The project's browser test tools: tests/browser/package.json (puppeteer-core,
// axe-core), shared with make test-html.
const shared = require('module').createRequire(path.join(__dirname, '..', 'browser', 'package.json'));
const puppeteer = shared('puppeteer-core');

const [html, data, period, asOf, downloads, control = 'folder'] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const axeSource = fs.readFileSync(shared.resolve('axe-core/axe.min.js'), 'utf8');

/* axe-core's violations on the page as "rule: n nodes" strings. CDP's evaluate
 * is not bound by the page's policy, so the page itself is left as it is. */
async function axe(page) {
  await page.evaluate(axeSource);
  const res = await page.evaluate((tags) => window.axe.run(document,
    { runOnly: { type: 'tag', values: tags }, iframes: false }), TAGS);
  return res.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/* Thrown to end the drive once the page has refused the data. */
class Refused extends Error {}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ov-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--no-default-browser-check'],
  });
  // requests: every load that is not the page itself, a blob of the page's own
  // (its worker, its downloads) or data inside the page (the browser's own icons)
  const out = { requests: [], local: 0, storage: null, axe_before: [], axe_after: [], console_errors: [] };
  try {
    const page = await browser.newPage();
    const url = 'file://' + path.resolve(html);
    // every request of the page, its frames and its workers
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    const seen = (u, who) => {
      if (u === url) return;
      if (/^(blob:|data:)/.test(u)) out.local++;
      else out.requests.push(who + u.slice(0, 100));
    };
    cdp.on('Network.requestWillBeSent', (e) => seen(e.request.url, ''));
    page.on('request', (r) => seen(r.url(), ''));
    page.on('workercreated', async (w) => {
      try {
        await w.client.send('Network.enable');
        w.client.on('Network.requestWillBeSent', (e) => seen(e.request.url, 'worker: '));
      } catch (e) { /* the worker may be gone already */ }
    });
    page.on('console', (m) => { if (m.type() === 'error') out.console_errors.push(m.text()); });
    fs.mkdirSync(downloads, { recursive: true });
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: path.resolve(downloads), eventsEnabled: true });
    const finished = new Set();
    cdp.on('Browser.downloadProgress', (e) => { if (e.state === 'completed') finished.add(e.guid); });

    await page.goto(url, { waitUntil: 'load' });
    // the program compiled, as a user sees it before choosing anything
    await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready.', { timeout: 60000 });
    out.axe_before = await axe(page);

    // the page's own controls: the folder picker, then the keyboard
    const input = await page.$('#' + control);
    if (control === 'files')
      await input.uploadFile(...fs.readdirSync(data).map((n) => path.resolve(data, n)));
    else
      await input.uploadFile(path.resolve(data));
    await page.waitForFunction(() => /^Chosen:/.test(document.getElementById('chosen').textContent), { timeout: 20000 });
    out.chosen = await page.$eval('#chosen', (e) => e.textContent);
    await page.focus('#period');
    await page.keyboard.type(period);
    if (asOf) await page.$eval('#asof', (e, v) => { e.value = v; }, asOf);
    await page.focus('#run');
    const t0 = Date.now();
    await page.keyboard.press('Enter');
    if (process.env.REFUSE) {
      await page.waitForFunction(() => document.getElementById('error').textContent !== '', { timeout: 20000 });
      out.error = await page.$eval('#error', (e) => e.textContent);
      out.results_hidden = await page.$eval('#results', (e) => e.hidden);
      out.workers = page.workers().length;
      out.axe_after = await axe(page);
      throw new Refused();
    }
    await page.waitForFunction(() => /^(Done|The run)/.test(document.getElementById('status').textContent),
      { timeout: 600000, polling: 50 });
    out.seconds = (Date.now() - t0) / 1000;
    out.status = await page.$eval('#status', (e) => e.textContent);
    out.error = await page.$eval('#error', (e) => e.textContent);
    out.summary_rows = await page.$$eval('#summary tbody tr', (r) => r.length);
    out.summary_status = await page.$$eval('#summary tbody tr',
      (rows) => rows.map((r) => [r.cells[1].textContent, r.cells[2].textContent]));
    out.rejection_rows = await page.$$eval('#rejections tbody tr', (r) => r.length);
    out.focus = await page.evaluate(() => document.activeElement && document.activeElement.id);
    // the HTML report, shown in the page when the run wrote one
    out.report_shown = await page.$eval('#report', (f) => !f.hidden && f.srcdoc.length > 0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    out.report_h1 = frame && out.report_shown
      ? await frame.evaluate(() => (document.querySelector('h1') || {}).textContent || '') : '';
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    out.axe_after = await axe(page);

    // every download link, clicked
    const links = await page.$$('#downloads a');
    out.files = [];
    for (const a of links) {
      out.files.push(await a.evaluate((e) => e.getAttribute('download')));
      await a.click();
    }
    const deadline = Date.now() + 60000;
    while (finished.size < links.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    out.downloaded = finished.size;
    out.storage = await page.evaluate(async () => ({
      localStorage: (() => { try { return localStorage.length; } catch (e) { return 'unavailable'; } })(),
      sessionStorage: (() => { try { return sessionStorage.length; } catch (e) { return 'unavailable'; } })(),
      indexedDB: await (async () => { try { return (await indexedDB.databases()).length; } catch (e) { return 'unavailable'; } })(),
      cookie: (() => { try { return document.cookie.length; } catch (e) { return 'unavailable'; } })(),
    }));
  } catch (e) {
    if (!(e instanceof Refused)) out.failure = String(e && e.stack || e);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
  process.exit(out.failure ? 1 : 0);
})();
