// Times search queries in Chromium for search.py: mamori's search from file:// and
// Pagefind's JS API over a loopback HTTP server, on the same queries.
// stdin: {"sites": [{"name", "mamori": site folder, "pagefind": "http://127.0.0.1:port",
//                     "pagefind_dir": the folder it serves}],
//         "queries": [...], "runs": fresh pages per query}
// stdout: {name: {"queries": [{query, mamori: {...}, pagefind: {...}}]}}
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// playwright-core comes from tests/browser's node_modules (or ours, if installed here).
function loadPlaywright() {
  for (const base of [here, path.join(here, '..', 'browser')]) {
    try { return createRequire(path.join(base, 'package.json'))('playwright-core'); } catch (e) { /* next */ }
  }
  throw new Error('playwright-core is missing: cd tests/browser && npm ci');
}
const { chromium } = loadPlaywright();
const TIMEOUT = 180000;
const AGAIN = 3;

const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// A page's url as a path from the site root, the same for both tools.
function normalise(url) {
  let p = decodeURIComponent(String(url).replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '')).replace(/^\/+/, '');
  if (p === '' || p.endsWith('/')) p += 'index.html';
  return p;
}

// In the page: resolves with the ms from the Enter key to the frame after the results.
const INSTRUMENT = () => {
  const status = document.querySelector('[data-search-status]');
  window.__bench = window.__bench || { t0: 0 };
  if (!window.__benchKey) {
    window.__benchKey = true;
    window.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__bench.t0 = performance.now(); }, true);
  }
  window.__benchDone = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - window.__bench.t0);
        channel.port2.postMessage(0);
      });
    });
    observer.observe(status, { attributes: true, attributeFilter: ['data-search-ms'] });
  });
};

const WARM_UP = 'zzzz';

// A fresh context and page; `files` collects every URL it requests (workers' too).
async function freshPage(browser) {
  const context = await browser.newContext();
  const files = [];
  context.on('request', (request) => files.push(request.url()));
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return { context, page, files };
}

// The bytes on disk of the requested URLs that `pattern` picks, each file once;
// `toPath` maps a URL to its file.
function bytesOf(urls, pattern, toPath) {
  const files = new Set(urls.filter((u) => pattern.test(u)).map((u) => u.replace(/[?#].*$/, '')));
  let total = 0;
  for (const file of files) total += fs.statSync(toPath(file)).size;
  return total;
}

async function openSearchPage(browser, site) {
  const fresh = await freshPage(browser);
  await fresh.page.goto(pathToFileURL(path.join(site, 'search.html')).href);
  await fresh.page.evaluate(() => new Promise((resolve) => window.mamoriSearch.start(resolve)));
  return fresh;
}

async function pressEnter(page, query) {
  await page.$eval('#m-search-page-q', (input, q) => { input.value = q; }, query);
  await page.evaluate(INSTRUMENT);
  await page.press('#m-search-page-q', 'Enter');
  return page.evaluate(() => window.__benchDone);
}

const mamoriRun = (page, query) => page.evaluate((q) => new Promise((resolve) => {
  const t0 = performance.now();
  window.mamoriSearch.run(q, (answer) => resolve({
    ms: performance.now() - t0, count: answer.results.length, more: !!answer.more,
    top: answer.results.slice(0, 5).map((r) => r.url),
  }));
}), query);

// mamori: search.html in a fresh page (meta.js loaded, as after focusing the box): Enter →
// painted, then the same again; the bytes of search/*.js it loaded. Then the bare API in
// another fresh page after one warm-up query, like Pagefind's.
async function mamoriQuery(browser, site, query) {
  let { context, page, files } = await openSearchPage(browser, site);
  const pageMs = await pressEnter(page, query);
  const bytes = bytesOf(files, /\/search\/[^/]+\.js(\?|$)/, fileURLToPath);
  const again = [];
  for (let i = 0; i < AGAIN; i++) again.push(await pressEnter(page, query));
  await context.close();
  ({ context, page } = await openSearchPage(browser, site));
  await mamoriRun(page, WARM_UP);
  const api = await mamoriRun(page, query);
  await context.close();
  return { page_ms: pageMs, again_ms: median(again), api_ms: api.ms, bytes, count: api.count, more: api.more,
    top: api.top.map(normalise) };
}

const PF_INDEX = /\.pf_(index|fragment|meta|filter)(\?|$)/;

// Pagefind: its API in a fresh page after init() (its worker and wasm start on the first
// search: that is in `cold_ms`), then in another fresh page after one warm-up query.
async function pagefindQuery(browser, base, folder, query) {
  const toPath = (url) => path.join(folder, decodeURIComponent(new URL(url).pathname));
  const open = async () => {
    const fresh = await freshPage(browser);
    await fresh.page.goto(`${base}/__bench.html`);
    await fresh.page.evaluate(async () => {
      window.pf = await import('/pagefind/pagefind.js');
      await window.pf.options({ excerptLength: 30 });
      await window.pf.init();
    });
    return fresh;
  };
  const run = (page, q) => page.evaluate(async (text) => {
    const t0 = performance.now();
    const search = await window.pf.search(text);
    const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
    return { ms: performance.now() - t0, count: search.results.length, top: data.map((d) => d.url) };
  }, q);
  let { context, page, files } = await open();
  const first = await run(page, query);
  const pagefindFiles = files.filter((u) => u.startsWith(`${base}/pagefind/`));
  const bytes = bytesOf(pagefindFiles, /./, toPath);
  const indexBytes = bytesOf(pagefindFiles, PF_INDEX, toPath);
  const again = [];
  for (let i = 0; i < AGAIN; i++) again.push((await run(page, query)).ms);
  await context.close();
  ({ context, page } = await open());
  await run(page, WARM_UP);
  const warm = await run(page, query);
  await context.close();
  return { cold_ms: first.ms, api_ms: warm.ms, again_ms: median(again), count: first.count,
    top: first.top.map(normalise), bytes, index_bytes: indexBytes };
}

// Runs `measure` `runs` times in fresh pages; keeps the first run's details and the
// median of each timing.
async function repeated(runs, measure) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measure());
  const result = { ...all[0] };
  for (const key of Object.keys(result)) {
    if (key.endsWith('_ms')) result[key] = median(all.map((r) => r[key]));
  }
  return result;
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(0, 'utf8'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const out = {};
  try {
    for (const site of spec.sites) {
      const queries = [];
      for (const query of spec.queries) {
        process.stderr.write(`[browser] ${site.name}: ${query}\n`);
        const mamori = await repeated(spec.runs, () => mamoriQuery(browser, site.mamori, query));
        const pagefind = await repeated(spec.runs, () => pagefindQuery(browser, site.pagefind, site.pagefind_dir, query));
        queries.push({ query, mamori, pagefind });
      }
      out[site.name] = { queries };
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => { console.error(error); process.exit(1); });
