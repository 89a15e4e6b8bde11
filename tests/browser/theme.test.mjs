// The default theme held against the Digital Agency design system (DADS) and GOV.UK, on the
// bundled portal: answers as large targets with a hint, tables that scroll on a phone and
// are named, the black-and-yellow focus, the type scale and line length, print sizes in pt,
// 3:1 borders and the breadcrumbs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSite, fileUrl, htmlPages, launch, watchedPage } from './support.mjs';

let browser;
let site;

before(async () => {
  site = buildSite();
  browser = await launch();
});
after(async () => { await browser?.close(); });

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
const YELLOW = 'rgb(255, 212, 61)';
const BLACK = 'rgb(0, 0, 0)';

// The contrast ratio of a CSS rgb() colour against white.
function contrastWithWhite(rgb) {
  const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

describe('answers', () => {
  for (const [name, options] of [['a desktop', {}], ['a phone', PHONE]]) {
    test(`on ${name} every answer row is its label, at least 44 px high, with a 24 px control and a hint`, async () => {
      const { context, page, problems } = await watchedPage(browser, 'file://', options);
      for (const quiz of ['primer', 'cyber', 'self-check']) {
        await page.goto(fileUrl(site, `quizzes/${quiz}.html`));
        const rows = await page.locator('.quiz-option').evaluateAll((labels) => labels.map((label) => {
          const box = label.getBoundingClientRect();
          const input = label.querySelector('input').getBoundingClientRect();
          return { tag: label.tagName, for: label.htmlFor, id: label.querySelector('input').id,
            width: box.width, height: box.height, control: Math.min(input.width, input.height) };
        }));
        assert.ok(rows.length > 10, quiz);
        for (const row of rows) {
          assert.equal(row.tag, 'LABEL', `${quiz} ${row.id}`);
          assert.equal(row.for, row.id);
          assert.ok(row.height >= 44 && row.width >= 44, `${quiz} ${row.id}: ${row.width}×${row.height}`);
          assert.ok(row.control >= 24, `${quiz} ${row.id}: control ${row.control}`);
        }
        // Every question names its hint; a checkbox question asks for all that apply.
        const hints = await page.locator('#quiz-questions fieldset').evaluateAll((sets) => sets.map((set) => {
          const ids = (set.getAttribute('aria-describedby') || '').split(' ');
          const hint = document.getElementById(ids[ids.length - 1]);
          return { multiple: !!set.querySelector('input[type="checkbox"]'), hint: hint && hint.textContent };
        }));
        for (const h of hints) assert.equal(h.hint, h.multiple ? '当てはまるものをすべて選んでください' : '1つ選んでください', quiz);
      }
      // A tap on the far end of a row, away from the words and the control, chooses it.
      await page.goto(fileUrl(site, 'quizzes/primer.html'));
      const row = page.locator('.quiz-option').first();
      const box = await row.boundingBox();
      await row.click({ position: { x: box.width - 4, y: box.height - 4 } });
      assert.ok(await row.locator('input').isChecked());
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

describe('tables', () => {
  test('on a 375 px phone a wide table scrolls inside its region, which the keyboard reaches and the heading names', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', PHONE);
    await page.goto(fileUrl(site, 'approaches/cases.html'));
    const region = page.locator('.table-scroll').first();
    const facts = await region.evaluate((node) => {
      let heading = node.previousElementSibling;
      while (heading && !/^H[2-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      return { scrollWidth: node.scrollWidth, clientWidth: node.clientWidth, role: node.getAttribute('role'),
        tabIndex: node.tabIndex, label: node.getAttribute('aria-label'), heading: heading.textContent.trim(),
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        shadow: getComputedStyle(node).backgroundImage };
    });
    assert.ok(facts.scrollWidth > facts.clientWidth, `the table does not scroll: ${facts.scrollWidth} ≤ ${facts.clientWidth}`);
    assert.ok(facts.page <= 0, 'the page itself does not scroll sideways');
    assert.equal(facts.role, 'region');
    assert.equal(facts.tabIndex, 0);
    assert.equal(facts.label, `表：${facts.heading}`);
    assert.match(facts.shadow, /radial-gradient/, 'a scroll shadow');
    // The keyboard scrolls it.
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((node) => node.scrollLeft > 0, await region.elementHandle(), { timeout: 5000 });
    // Columns keep room for a few characters a line.
    const narrowest = await region.locator('td').evaluateAll((cells) => Math.min(...cells.map((c) => c.getBoundingClientRect().width)));
    assert.ok(narrowest >= 100, `a column ${narrowest} px wide`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every table region of the portal is named after its heading, none twice on a page', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    let tables = 0;
    for (const relative of htmlPages(site)) {
      await page.goto(fileUrl(site, relative));
      const labels = await page.locator('.table-scroll').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
      for (const label of labels) assert.match(label, /^表：\S/, relative);
      assert.equal(new Set(labels).size, labels.length, `${relative}: ${labels}`);
      tables += labels.length;
    }
    assert.ok(tables > 20, `${tables} tables`);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('focus', () => {
  test('is a black ring with yellow inside it, links turn yellow: never the old orange', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    const focused = () => page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { tag: document.activeElement.tagName, outline: `${style.outlineStyle} ${style.outlineColor}`,
        width: parseFloat(style.outlineWidth), shadow: style.boxShadow, background: style.backgroundColor };
    });
    await page.goto(fileUrl(site, 'cyber/ten-basics.html'));
    await page.keyboard.press('Tab');  // the skip link
    await page.keyboard.press('Tab');  // the site title, on the header's blue
    for (let i = 0; i < 3; i++) {
      const f = await focused();
      assert.equal(f.tag, 'A');
      assert.equal(f.outline, `solid ${BLACK}`);
      assert.ok(f.width >= 3);
      assert.match(f.shadow, new RegExp(YELLOW.replace(/[()]/g, '\\$&')));
      assert.equal(f.background, YELLOW);
      await page.keyboard.press('Tab');
    }
    await page.goto(fileUrl(site, 'quizzes/primer.html'));
    await page.locator('#quiz-questions input').first().focus();
    await page.keyboard.press('ArrowDown');  // keyboard focus, so :focus-visible
    const f = await focused();
    assert.equal(f.tag, 'INPUT');
    assert.equal(f.outline, `solid ${BLACK}`);
    assert.match(f.shadow, new RegExp(YELLOW.replace(/[()]/g, '\\$&')));
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('type', () => {
  test('headings follow the DADS scale, h4 no smaller than the body; lines are about 40 characters', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { viewport: { width: 1280, height: 900 } });
    for (const options of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      await page.setViewportSize(options);
      await page.goto(fileUrl(site, 'approaches/cases.html'));
      const sizes = await page.evaluate(() => {
        const content = document.querySelector('.content');
        for (const tag of ['h4', 'h5', 'h6']) content.appendChild(document.createElement(tag));
        const size = (el) => parseFloat(getComputedStyle(el).fontSize);
        const p = content.querySelector('p');
        const style = getComputedStyle(document.body);
        return { body: size(document.body), h1: size(document.querySelector('h1')), h2: size(content.querySelector('h2')),
          h3: size(content.querySelector('h3')), h4: size(content.querySelector('h4')), h6: size(content.querySelector('h6')),
          spacing: parseFloat(style.letterSpacing) / size(document.body), lineBreak: style.lineBreak,
          trim: style.textSpacingTrim, autospace: style.textAutospace, chars: p.getBoundingClientRect().width / (size(p) * 1.02) };
      });
      assert.ok(sizes.h1 > sizes.h2 && sizes.h2 > sizes.h3 && sizes.h3 >= sizes.h4, JSON.stringify(sizes));
      assert.ok(sizes.h4 >= sizes.body && sizes.h6 >= sizes.body, JSON.stringify(sizes));
      assert.ok(Math.abs(sizes.spacing - 0.02) < 0.005, `letter-spacing ${sizes.spacing}em`);
      assert.equal(sizes.lineBreak, 'strict');
      assert.equal(sizes.trim, 'trim-start');
      assert.equal(sizes.autospace, 'normal');
      if (options.width > 1000) {
        assert.deepEqual([sizes.body, sizes.h1, sizes.h2, sizes.h3, sizes.h4], [17, 32, 24, 20, 18]);
        assert.ok(sizes.chars > 38 && sizes.chars < 42, `${sizes.chars} characters a line`);
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('printed: the body 10.5 pt, nothing below 9 pt, tables and sources no larger than the body', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    for (const relative of ['index.html', 'approaches/cases.html', 'contacts/windows.html', 'incident/checklist.html', 'quizzes/primer.html']) {
      await page.goto(fileUrl(site, relative));
      await page.emulateMedia({ media: 'print' });
      const found = await page.evaluate(() => {
        const px = (el) => parseFloat(getComputedStyle(el).fontSize);
        const shown = (el) => el.getClientRects().length > 0;
        const small = [...document.body.querySelectorAll('*')]
          .filter((el) => shown(el) && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
          .filter((el) => px(el) < 12)
          .map((el) => `${el.tagName}.${el.className} ${px(el)}px`);
        const largest = (selector) => Math.max(0, ...[...document.querySelectorAll(selector)].map(px));
        return { body: px(document.body), small, table: largest('.table-scroll td, .contacts-table td'), sources: largest('.sources li') };
      });
      assert.equal(found.body, 14, `${relative}: the body prints at 10.5 pt`);
      assert.deepEqual(found.small, [], `${relative}: text below 9 pt`);
      assert.ok(found.table <= found.body && found.sources <= found.body, `${relative}: ${JSON.stringify(found)}`);
      await page.emulateMedia({ media: 'screen' });
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('borders and breadcrumbs', () => {
  test('tables and questions have 3:1 borders; breadcrumbs are body-sized with a separator after each item', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'approaches/cases.html'));
    const cell = await page.locator('.table-scroll td').first().evaluate((td) => getComputedStyle(td).borderTopColor);
    assert.ok(contrastWithWhite(cell) >= 3, `table border ${cell}`);
    const crumbs = await page.locator('.breadcrumbs li').evaluateAll((items) => items.map((li) => {
      const after = getComputedStyle(li, '::after');
      return { size: parseFloat(getComputedStyle(li).fontSize), separator: after.content !== 'none' && after.display !== 'none' };
    }));
    assert.ok(crumbs.length >= 2);
    assert.ok(crumbs.every((c) => c.size === 16), JSON.stringify(crumbs));
    assert.deepEqual(crumbs.map((c) => c.separator), crumbs.map((_, i) => i < crumbs.length - 1));
    await page.goto(fileUrl(site, 'quizzes/primer.html'));
    for (const selector of ['#quiz-questions fieldset', '.quiz-option']) {
      const colour = await page.locator(selector).first().evaluate((el) => getComputedStyle(el).borderTopColor);
      assert.ok(contrastWithWhite(colour) >= 3, `${selector} border ${colour}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('on a phone the contact table is still one card per window', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', PHONE);
    await page.goto(fileUrl(site, 'contacts/windows.html'));
    const display = await page.locator('.contacts-table tbody tr').first().evaluate((tr) => getComputedStyle(tr).display);
    assert.equal(display, 'block');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
