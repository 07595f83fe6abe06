// Loads the built ESM package unbundled in headless Chromium (Debian's `chromium`; .ci/run installs it) and
// checks the same fingerprint as every other runtime, then worker threads inside a Worker of the (cross-origin
// isolated) page. A tiny static server serves the repository; the page imports /dist/index.js directly and POSTs
// the result back.
import { killChromium, removeProfile as removeChromiumProfile, spawnChromium } from './chromiumProcess.mjs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TIMEOUT_MS = 120_000;
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const chromium = candidates.find((file) => existsSync(file));
if (chromium === undefined) {
  console.error(
    "browser smoke: no Chromium found (looked for $CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome); install Debian's chromium (apt-get install -y chromium) or set CHROMIUM",
  );
  process.exit(1);
}

let settle;
const result = new Promise((resolve) => {
  settle = resolve;
});
const server = createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (request.method === 'POST' && url.pathname === '/result') {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      response.end('ok');
      settle(body);
    });
    return;
  }
  // only dist/ and test/smoke/ are served: what the page needs and nothing else
  const file = path.normalize(path.join(root, url.pathname));
  const allowed = [path.join(root, 'dist') + path.sep, path.join(root, 'test', 'smoke') + path.sep];
  if (!allowed.some((dir) => file.startsWith(dir)) || !existsSync(file)) {
    response.statusCode = 404;
    response.end();
    return;
  }
  response.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream');
  // cross-origin isolation, so the page has SharedArrayBuffer and its Worker can run worker threads
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-embedder-policy', 'require-corp');
  response.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const profile = mkdtempSync(path.join(os.tmpdir(), 'segmentkit-chromium-'));
const browser = spawnChromium(
  chromium,
  [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `http://127.0.0.1:${port}/test/smoke/browser.html`,
  ],
  ['ignore', 'ignore', 'pipe'],
);
const killBrowser = () => killChromium(browser);
const removeProfile = () => removeChromiumProfile(profile);
let stderr = '';
browser.stderr.on('data', (chunk) => {
  stderr += chunk;
});
const timer = setTimeout(() => settle(`error no result from Chromium within ${TIMEOUT_MS / 1000} s\n${stderr.slice(-2000)}`), TIMEOUT_MS);
const exited = new Promise((resolve) => {
  browser.on('exit', (code) => {
    settle(`error Chromium exited (${code}) before reporting\n${stderr.slice(-2000)}`);
    resolve();
  });
});
const outcome = await result;
clearTimeout(timer);
killBrowser();
await exited;
server.close();
// Chromium's helper processes may still be writing to the profile for a moment after the main one exits
removeProfile();
if (!outcome.startsWith('ok ')) {
  console.error(`browser smoke failed: ${outcome.slice(outcome.indexOf(' ') + 1)}`);
  process.exit(1);
}
console.log(outcome.slice(3));
