// Shared set-up for the browser tests: build the bundled portal once into a temp folder,
// launch Debian's Chromium through playwright-core, and watch for anything that leaves
// the site.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mamori = process.env.MAMORI || path.join(repo, 'build', 'dev', 'mamori');

// Builds a project (default: the bundled portal) into a fresh temp folder; returns the
// site folder. A fixture project is copied there first, with the repository's theme;
// `config` is appended to its mamori.toml (e.g. a [training] table).
export function buildSite(root = repo, { config = '' } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-browser-'));
  const out = path.join(work, 'site');
  if (root !== repo) {
    const project = path.join(work, 'project');
    fs.cpSync(root, project, { recursive: true });
    fs.cpSync(path.join(repo, 'themes'), path.join(project, 'themes'), { recursive: true });
    if (config) fs.appendFileSync(path.join(project, 'mamori.toml'), `\n${config}\n`);
    root = project;
  }
  execFileSync(mamori, ['build', '--root', root, '--out', out], {
    env: { ...process.env, MAMORI_TODAY: '2026-11-23' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return out;
}

export function fileUrl(site, page = 'index.html') {
  return pathToFileURL(path.join(site, page)).href;
}

// Every .html file of a built site, relative to it.
export function htmlPages(site) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) pages.push(path.relative(site, full));
    }
  };
  walk(site);
  return pages.sort();
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// A page that records every request outside `allowedPrefix`, every page error and every
// console error (CSP violations are reported there).
export async function watchedPage(browser, allowedPrefix, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(allowedPrefix)) return route.continue();
    problems.push(`request outside the site: ${url}`);
    return route.abort();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return { context, page, problems };
}

const axeSource = fs.readFileSync(path.join(repo, 'tests', 'browser', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

// Runs axe-core for WCAG 2.1 A and AA; returns the violations as readable lines.
// (Evaluated through DevTools, so the page's Content-Security-Policy stays in force; axe's
// own stylesheet preloading is off because that policy rightly blocks its fetches.)
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, { preload: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

// A static file server on loopback that serves `site` under `prefix` (like an intranet
// server hosting the portal below a sub-path); with `notFound` (a file of the site, e.g.
// '404.html') it answers a missing address below `prefix` with that page and status 404,
// as a server configured with the site's error page does. Returns { url, close }.
export async function serveUnder(site, prefix, { notFound = null } = {}) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
    '.svg': 'image/svg+xml', '.xml': 'application/xml', '.png': 'image/png' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const relative = decodeURIComponent(url.pathname);
    if (!relative.startsWith(prefix)) { res.writeHead(404); res.end(); return; }
    const file = path.join(site, relative.slice(prefix.length));
    if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, notFound ? { 'Content-Type': types['.html'] } : {});
      res.end(notFound ? fs.readFileSync(path.join(site, notFound)) : undefined);
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}
