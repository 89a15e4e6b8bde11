// `mamori serve` in a browser: a page reloads by itself after an edit; a broken edit shows
// the error panel (announced: role="alert"), which goes away after the fix; the panel
// passes axe; the page's CSP (script-src 'self', connect-src 'self' in the preview only)
// reports nothing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { axeViolations, launch, repo, watchedPage } from './support.mjs';

const mamori = process.env.MAMORI || path.join(repo, 'build', 'dev', 'mamori');

let browser;
let work;
let project;
let server;
let url;

// Starts serve on a free loopback port; resolves with the address it prints.
function startServe() {
  server = spawn(mamori, ['serve', '--root', project, '--port', '0'], {
    env: { ...process.env, MAMORI_TODAY: '2026-11-23', TMPDIR: path.join(work, 'tmp'), LANG: 'C.UTF-8' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines = readline.createInterface({ input: server.stdout });
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(line);
      if (match) resolve(match[0]);
    });
    server.on('exit', (code) => reject(new Error(`mamori serve exited with ${code}`)));
  });
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-browser-serve-'));
  fs.mkdirSync(path.join(work, 'tmp'));
  project = path.join(work, 'project');
  fs.cpSync(path.join(repo, 'tests', 'fixtures', 'good'), project, { recursive: true });
  fs.cpSync(path.join(repo, 'themes'), path.join(project, 'themes'), { recursive: true });
  url = await startServe();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  assert.deepEqual(fs.readdirSync(path.join(work, 'tmp')), [], 'the private folder is removed');
  fs.rmSync(work, { recursive: true, force: true });
});

const page = (relative) => path.join(project, 'content', relative);

describe('mamori serve in a browser', () => {
  test('the page reloads by itself after an edit', async () => {
    const { context, page: tab, problems } = await watchedPage(browser, url);
    await tab.goto(`${url}cyber/basics.html`);
    await tab.evaluate(() => { window.mamoriBeforeReload = true; });
    const file = page('cyber/basics.md');
    const reloaded = tab.waitForEvent('load', { timeout: 20000 });
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}\n自動で再読み込みされた段落です。\n`);
    await reloaded;
    assert.ok((await tab.textContent('main')).includes('自動で再読み込みされた段落です。'));
    assert.equal(await tab.evaluate(() => window.mamoriBeforeReload), undefined, 'a new document, not a patch');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a broken edit shows the error panel, announced, closable with Escape; the fix removes it', async () => {
    const { context, page: tab, problems } = await watchedPage(browser, url);
    await tab.goto(`${url}cyber/phishing.html`);
    const file = page('cyber/phishing.md');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, '+++\ntitle = "<img src=x onerror=alert(1)>"\n');
    const panel = tab.locator('#mamori-preview-overlay');
    await panel.waitFor({ timeout: 20000 });
    assert.equal(await panel.getAttribute('role'), 'alert');
    assert.equal(await panel.getAttribute('lang'), 'en');
    assert.equal((await panel.locator('h2').textContent()), 'The preview could not be rebuilt');
    const items = await panel.locator('li').allTextContents();
    assert.ok(items.includes("content/cyber/phishing.md:1:1: error: front matter is not closed: add a '+++' line after it"),
      items.join('\n'));
    assert.equal(await panel.locator('img').count(), 0, 'text only');
    assert.ok((await tab.textContent('h1')).includes('標的型メール'), 'the last good page stays');
    assert.deepEqual(await axeViolations(tab), []);

    await tab.keyboard.press('Escape');
    assert.equal(await panel.count(), 0, 'Escape closes the panel');
    await tab.reload();
    await panel.waitFor({ timeout: 10000 });  // the panel comes back while the build is still broken
    await panel.getByRole('button', { name: 'Close' }).click();
    assert.equal(await panel.count(), 0, 'so does its button');
    await tab.reload();
    await panel.waitFor({ timeout: 10000 });

    const reloaded = tab.waitForEvent('load', { timeout: 20000 });
    fs.writeFileSync(file, good);
    await reloaded;
    await tab.waitForTimeout(300);  // the status the new page asks for says ok: no panel comes back
    assert.equal(await panel.count(), 0, 'the fix removes the panel');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
