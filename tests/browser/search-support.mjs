// Helpers of the search's browser tests (search.test.mjs): the fixture project, typing a
// query into a box and reading what the page shows.
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, repo } from './support.mjs';

export const fixture = path.join(repo, 'tests', 'fixtures', 'search', 'site');

// The rows of tests/fixtures/search/normalise.tsv: [input, normalised].
export function normaliseRows() {
  const file = path.join(repo, 'tests', 'fixtures', 'search', 'normalise.tsv');
  return fs.readFileSync(file, 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

// The fixture project built once per test file.
let built = null;
export function fixtureSite() {
  if (!built) built = buildSite(fixture);
  return built;
}

// Types `query` into the box `selector` (after clearing it) and waits until the status
// line answers it; returns that line.
export async function typeQuery(page, selector, query) {
  await page.fill(selector, '');
  await page.focus(selector);
  return typeMore(page, query);
}

// Types `more` where the focus is and waits for the answer.
export async function typeMore(page, more) {
  await page.evaluate(() => {
    for (const status of document.querySelectorAll('[data-search-status]')) status.removeAttribute('data-search-ms');
  });
  await page.keyboard.type(more);
  return waitForAnswer(page);
}

// Waits until a status line has answered the query in the box; returns its text.
// (The status line says which query it answers: a pause while typing may answer a part.)
export async function waitForAnswer(page) {
  const handle = await page.waitForFunction(() => {
    const box = document.querySelector('#m-search-q, #m-search-page-q');
    const status = [...document.querySelectorAll('[data-search-status]')].find((s) => s.hasAttribute('data-search-ms'));
    return status && status.getAttribute('data-search-query') === box.value ? status.textContent : null;
  }, null, { timeout: 10000 });
  return handle.jsonValue();
}

// The results a list shows: [{ title, href, section, snippet, marks }].
export async function shownResults(page, listSelector) {
  return page.$$eval(`${listSelector} .search-result`, (items) => items.map((item) => ({
    title: item.querySelector('.search-result-title').textContent,
    heading: item.querySelector('.search-result-heading')?.textContent ?? '',
    href: item.querySelector('a').getAttribute('href'),
    section: item.querySelector('.search-result-section')?.textContent ?? '',
    snippet: item.querySelector('.search-result-snippet')?.textContent ?? '',
    marks: [...item.querySelectorAll('mark')].map((m) => m.textContent),
  })));
}

// The element that has focus, described for assertions.
export async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el.tagName, id: el.id, text: el.textContent.trim().slice(0, 80), href: el.getAttribute('href') };
  });
}

// An init script: window.scriptsAdded lists the src of every script element the page adds.
export function recordScripts() {
  window.scriptsAdded = [];
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) if (node.tagName === 'SCRIPT' && node.src) window.scriptsAdded.push(node.src);
    }
  }).observe(document, { childList: true, subtree: true });
}
