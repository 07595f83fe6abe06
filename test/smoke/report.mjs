// The report as a person gets it: the built CLI (dist/cli.js) makes the HTML report of the real Online Retail
// file, and headless Chromium (Debian's `chromium`; .ci/run installs it) opens it from disk, driven over the
// DevTools protocol on a pipe (no extra packages). Checks: no console errors, no exceptions, no network request,
// every chart present as an SVG with a title and an aria-label, one h1, no sideways scrolling on a phone.
// Screenshots (desktop and phone) are saved under test/output/ (git-ignored; CI keeps them as artefacts).
import { killChromium, removeProfile as removeChromiumProfile, spawnChromium } from './chromiumProcess.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const output = path.join(root, 'test', 'output');
const TIMEOUT_MS = 120_000;
const CHARTS = ['plotRfmGrid', 'plotChooseK', 'plotSegments', 'plotProfiles', 'plotClv', 'plotDrift', 'plotTransitions'];

const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const chromium = candidates.find((file) => existsSync(file));
if (chromium === undefined) {
  console.error(
    "report smoke: no Chromium found (looked for $CHROMIUM, /usr/bin/chromium, …); install Debian's chromium (apt-get install -y chromium)",
  );
  process.exit(1);
}

// 1. the report, through the CLI as built
mkdirSync(output, { recursive: true });
const report = path.join(output, 'online-retail-report.html');
execFileSync(
  process.execPath,
  [
    path.join(root, 'dist', 'cli.js'),
    'report',
    path.join(root, 'test/data/online_retail/OnlineRetail_sample30k.csv'),
    '--customer-id',
    'CustomerID',
    '--date',
    'InvoiceDate',
    '--date-format',
    'YYYY-MM-DD HH:mm:ss',
    '--quantity',
    'Quantity',
    '--price',
    'UnitPrice',
    '--split-date',
    '2011-07-01',
    '--title',
    'Online Retail: customer segments',
    '--generated-at',
    '2024-01-01T00:00:00Z',
    '-o',
    report,
    '--quiet',
  ],
  { stdio: 'inherit' },
);

// 2. Chromium over the DevTools pipe: fd 3 carries commands in, fd 4 events out, NUL-separated JSON
const profile = mkdtempSync(path.join(os.tmpdir(), 'segmentkit-report-chromium-'));
const browser = spawnChromium(
  chromium,
  [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
    '--remote-debugging-pipe',
    'about:blank',
  ],
  ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
);
const killBrowser = () => killChromium(browser);
const removeProfile = () => removeChromiumProfile(profile);
let stderr = '';
browser.stderr.on('data', (chunk) => {
  stderr += chunk;
});
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];
let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = '';
fromBrowser.on('data', (chunk) => {
  buffer += chunk.toString('utf8');
  let end = buffer.indexOf('\0');
  while (end !== -1) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id !== undefined && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
      else resolve(message.result);
    } else for (const listen of listeners) listen(message);
    end = buffer.indexOf('\0');
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) })}\0`);
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function once(method) {
  return new Promise((resolve) => {
    const listen = (message) => {
      if (message.method === method) {
        listeners.splice(listeners.indexOf(listen), 1);
        resolve(message.params);
      }
    };
    listeners.push(listen);
  });
}

const problems = [];
listeners.push((message) => {
  const p = message.params;
  if (message.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert'))
    problems.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
  if (message.method === 'Runtime.exceptionThrown')
    problems.push(`exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
  if (message.method === 'Log.entryAdded' && p.entry.level === 'error') problems.push(`log: ${p.entry.text} ${p.entry.url ?? ''}`);
  if (message.method === 'Network.requestWillBeSent' && !/^(file|data|about):/.test(p.request.url))
    problems.push(`network request: ${p.request.url}`);
});

const timer = setTimeout(() => {
  console.error(`report smoke: no result from Chromium within ${TIMEOUT_MS / 1000} s\n${stderr.slice(-2000)}`);
  killBrowser();
  process.exit(1);
}, TIMEOUT_MS);

let failed = false;
try {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const on = (method, params) => send(method, params, sessionId);
  await Promise.all([on('Runtime.enable'), on('Log.enable'), on('Page.enable'), on('Network.enable')]);
  await on('Emulation.setDeviceMetricsOverride', { width: 1200, height: 1400, deviceScaleFactor: 1, mobile: false });
  const loaded = once('Page.loadEventFired');
  await on('Page.navigate', { url: pathToFileURL(report).href });
  await loaded;
  const check = async () =>
    JSON.parse(
      (
        await on('Runtime.evaluate', {
          returnByValue: true,
          expression: `JSON.stringify({
            lang: document.documentElement.lang,
            h1: document.querySelectorAll('h1').length,
            charts: [...document.querySelectorAll('figure.chart')].map((f) => {
              const svg = f.querySelector('svg');
              const box = svg ? svg.getBoundingClientRect() : null;
              return { builder: f.dataset.chart, svg: !!svg, role: svg?.getAttribute('role'), label: svg?.getAttribute('aria-label'),
                title: svg?.querySelector('title')?.textContent, marks: svg ? svg.querySelectorAll('path, text, line').length : 0,
                width: box ? box.width : 0, height: box ? box.height : 0 };
            }),
            tables: document.querySelectorAll('table').length,
            captions: document.querySelectorAll('table > caption').length,
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
          })`,
        })
      ).result.value,
    );
  const desktop = await check();
  const shot = await on('Page.captureScreenshot', { format: 'png' });
  writeFileSync(path.join(output, 'report-desktop.png'), Buffer.from(shot.data, 'base64'));
  // a phone: 390 px wide; nothing may make the page scroll sideways (wide tables and charts scroll in their boxes)
  await on('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const phone = await check();
  const phoneShot = await on('Page.captureScreenshot', { format: 'png' });
  writeFileSync(path.join(output, 'report-phone.png'), Buffer.from(phoneShot.data, 'base64'));

  const builders = desktop.charts.map((c) => c.builder);
  if (JSON.stringify(builders) !== JSON.stringify(CHARTS))
    problems.push(`charts: expected ${CHARTS.join(', ')}, found ${builders.join(', ')}`);
  for (const c of desktop.charts) {
    if (!c.svg || c.role !== 'img' || !c.label || !c.title) problems.push(`${c.builder}: not an accessible SVG (${JSON.stringify(c)})`);
    if (c.marks < 5 || c.width < 50 || c.height < 50) problems.push(`${c.builder}: drawn empty or tiny (${JSON.stringify(c)})`);
  }
  if (desktop.lang !== 'en' || desktop.h1 !== 1) problems.push(`lang ${desktop.lang}, ${desktop.h1} h1 elements`);
  if (desktop.captions !== desktop.tables) problems.push(`${desktop.tables} tables but ${desktop.captions} captions`);
  if (phone.scrollWidth > phone.innerWidth + 1)
    problems.push(`on a phone the page scrolls sideways (${phone.scrollWidth} > ${phone.innerWidth} px)`);
  if (problems.length > 0) {
    failed = true;
    console.error(`report smoke failed:\n  ${problems.join('\n  ')}`);
  } else {
    console.log(
      `report smoke: the CLI's report of Online Retail opens in Chromium without errors; ${desktop.charts.length} charts as SVG (${builders.join(', ')}), ${desktop.tables} captioned tables; screenshots in test/output/`,
    );
  }
} catch (error) {
  failed = true;
  console.error(`report smoke failed: ${error instanceof Error ? error.message : String(error)}\n${stderr.slice(-2000)}`);
} finally {
  clearTimeout(timer);
  const exited = new Promise((resolve) => browser.on('exit', resolve));
  killBrowser();
  await exited;
  removeProfile();
}
process.exit(failed ? 1 : 0);
