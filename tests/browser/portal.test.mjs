// The bundled portal in a real browser: from file://, under a web server sub-path,
// with the keyboard, on a phone, in print, and through axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, buildSite, fileUrl, htmlPages, launch, serveUnder, watchedPage } from './support.mjs';

let browser;
let site;

before(async () => {
  site = buildSite();
  browser = await launch();
});
after(async () => { await browser?.close(); });

describe('the portal opened from disk (file://)', () => {
  test('the navigation leads through every section, page and back home, with nothing fetched from outside', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site));
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    const sections = await page.locator('.site-nav a').allTextContents();
    assert.ok(sections.length >= 5, `expected the sections in the navigation, got ${sections}`);
    for (const title of sections) {
      await page.locator('.site-nav a', { hasText: title }).first().click();
      assert.equal(await page.locator('h1').textContent(), title);
      const cards = page.locator('.listing .card-title');
      if (await cards.count() > 0) {
        const first = (await cards.first().textContent()).trim();
        await cards.first().click();
        assert.equal((await page.locator('h1').textContent()).trim(), first);
        const next = page.locator('.pager a[rel="next"]');
        if (await next.count() > 0) {
          const label = (await next.textContent()).replace('次のページ', '').trim();
          await next.click();
          assert.equal((await page.locator('h1').textContent()).trim(), label);
        }
        // Breadcrumbs lead back to the section.
        await page.locator('.breadcrumbs a').last().click();
        assert.equal((await page.locator('h1').textContent()).trim(), title);
      }
      await page.locator('.site-title').click();
      assert.ok(page.url().endsWith('/index.html'), page.url());
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every page loads its styles and script and passes axe-core (WCAG 2.1 AA)', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    const failures = [];
    for (const relative of htmlPages(site)) {
      await page.goto(fileUrl(site, relative));
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header') || document.body).backgroundColor);
      assert.notEqual(styled, 'rgba(0, 0, 0, 0)', `${relative}: style.css did not load`);
      for (const violation of await axeViolations(page)) failures.push(`${relative}: ${violation}`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the skip link is the first stop for the keyboard and moves focus to the main content', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'incident/checklist.html'));
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement.textContent, top: document.activeElement.getBoundingClientRect().top }));
    assert.equal(focused.text, '本文へ移動');
    assert.ok(focused.top >= 0, 'the skip link must be visible when focused');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus must be visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'm-main');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('self-check boxes can be ticked by keyboard and are remembered', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'incident/checklist.html'));
    const box = page.locator('input.task').first();
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
    const label = await page.evaluate(() => {
      const input = document.querySelector('input.task');
      return document.getElementById(input.getAttribute('aria-labelledby')).textContent.trim();
    });
    assert.ok(label.length > 0, 'the checkbox is labelled by its text');
    await page.reload();
    assert.equal(await page.locator('input.task').first().isChecked(), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('on a phone the page does not scroll sideways', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { viewport: { width: 360, height: 740 }, isMobile: true });
    for (const relative of ['index.html', 'cyber/threats-2023.html', 'primer/export-control.html', 'contacts/windows.html']) {
      await page.goto(fileUrl(site, relative));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${relative} is ${overflow}px wider than the phone`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('printing hides the navigation and writes out cited URLs', async () => {
    const { context, page } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'cyber/ten-basics.html'));
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() => ['.site-nav', '.breadcrumbs', '.pager', '.toc', '.site-footer']
      .filter((s) => document.querySelector(s))
      .map((s) => getComputedStyle(document.querySelector(s)).display));
    assert.ok(hidden.every((d) => d === 'none'), `navigation printed: ${hidden}`);
    const after = await page.evaluate(() => {
      const link = document.querySelector('.content a[href^="http"]');
      return link ? getComputedStyle(link, '::after').content : null;
    });
    if (after !== null) assert.match(after, /https?:\/\//);
    await context.close();
  });
});

describe('printing', () => {
  // Pages in a PDF Chromium prints on A4.
  async function printedPages(page) {
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  }

  test('the checklist prints on one A4 page, and so does the contact table alone', async () => {
    const { context, page } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'incident/checklist.html'));
    assert.equal(await printedPages(page), 1);
    await page.goto(fileUrl(site, 'contacts/windows.html'));
    const button = page.getByRole('button', { name: /相談先一覧だけを印刷する/ });
    assert.ok(await button.isVisible());
    await page.evaluate(() => document.body.classList.add('print-contacts-only'));  // what the button does before printing
    assert.equal(await printedPages(page), 1);
    await context.close();
  });
});

describe('the portal under a sub-path of a web server', () => {
  test('a missing page deep below the sub-path gets the 404 page: styled (its inline CSS allowed), links to the site root', async () => {
    const server = await serveUnder(site, '/sub/', { notFound: '404.html' });
    try {
      const { context, page, problems } = await watchedPage(browser, server.url);
      await page.goto(`${server.url}index.html`);
      const section = (await page.locator('.site-nav a').first().getAttribute('href')).split('/')[0];
      const home = `${server.url}index.html`;
      for (const missing of [`${section}/a/b/missing.html`, 'quizzes/old/x/missing.html', 'missing.html']) {
        const response = await page.goto(`${server.url}${missing}`);
        assert.equal(response.status(), 404, missing);
        assert.equal(await page.locator('h1').textContent(), 'ページが見つかりません');
        // The theme's styles apply: the header has its colour, the skip link is off screen.
        const styled = await page.evaluate(() => ({
          header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
          skip: document.querySelector('.skip-link').getBoundingClientRect().bottom,
        }));
        assert.notEqual(styled.header, 'rgba(0, 0, 0, 0)', missing);
        assert.ok(styled.skip <= 0, `${missing}: the skip link is shown`);
        // Every link leads into the site from its root, the home page first.
        const links = await page.locator('a[data-site-path]').evaluateAll((as) => as.map((a) => a.href));
        assert.equal(links[0], home, missing);
        assert.equal(await page.getByRole('link', { name: 'トップページへ戻る' }).evaluate((a) => a.href), home);
        for (const href of links) {
          assert.ok(href.startsWith(server.url), href);
          assert.equal((await page.request.get(href)).status(), 200, href);
        }
        assert.deepEqual(await axeViolations(page), [], missing);
      }
      // The page itself answers 404 as it should (the browser logs that too); nothing else
      // failed (any other missing file would be an "HTTP 404" of its own), and no CSP
      // violation (a console error) was reported.
      const expected = (p) => /^HTTP 404: .*missing\.html$/.test(p) ||
        p === 'console error: Failed to load resource: the server responded with a status of 404 (Not Found)';
      assert.deepEqual(problems.filter((p) => !expected(p)), []);
      assert.equal(problems.length, 6);
      await context.close();
    } finally {
      await server.close();
    }
  });

  test('pages, styles and links work below /intranet/security/', async () => {
    const server = await serveUnder(site, '/intranet/security/');
    try {
      const { context, page, problems } = await watchedPage(browser, server.url);
      await page.goto(`${server.url}index.html`);
      for (const href of await page.locator('.site-nav a').evaluateAll((links) => links.map((a) => a.href))) {
        assert.ok(href.startsWith(server.url), href);
        await page.goto(href);
        assert.ok((await page.locator('h1').textContent()).length > 0);
      }
      await page.goto(`${server.url}cyber/ten-basics.html`);
      const links = (await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href)))
        .filter((href) => href.startsWith(server.url));
      assert.ok(links.length > 5);
      for (const href of new Set(links.map((h) => h.split('#')[0]))) {
        const response = await page.request.get(href);
        assert.equal(response.status(), 200, href);
      }
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      await server.close();
    }
  });
});
