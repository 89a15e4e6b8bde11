// The training path of the bundled portal as an employee follows it: 研修の進め方 at the top of
// the home page with the visitor's progress (with and without storage), the quizzes in the
// order of the sections, and self-checks that say what they are.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, buildSite, fileUrl, launch, watchedPage } from './support.mjs';
import { enterName } from './quiz-support.mjs';

let browser;
let site;

before(async () => {
  site = buildSite();
  browser = await launch();
});
after(async () => { await browser?.close(); });

// What the quizzes index knows of every quiz, in its order: [{ id, title, href, type }].
async function siteQuizzes(page) {
  await page.goto(fileUrl(site, 'quizzes/index.html'));
  return page.evaluate(() => JSON.parse(document.getElementById('quiz-index-data').textContent).quizzes);
}

// Keeps a result of quiz `q` (an entry of the index's data) for 山田 太郎 as the quiz pages
// keep it (quiz-store.js), and remembers him as the person on this browser: all right
// (`passed`) or all wrong, fitting the quiz as built (its bank version, pass mark, draw).
function keepResult(page, q, passed = true) {
  return page.evaluate(([quiz, pass]) => {
    const total = quiz.draw;
    const right = pass ? total : 0;
    const best = { format: 'mamori-quiz-result', version: 2,
      quiz: { id: quiz.id, title: quiz.title, type: 'quiz', version: quiz.bank_version },
      person: { name: '山田 太郎' }, attempt: { date: '2026-12-01T00:00:00.000Z', seed: 1 },
      score: { correct: right, total, percent: Math.round(right * 100 / total), pass_mark: quiz.pass_mark, passed: pass },
      answers: Array.from({ length: total }, (_, i) => ({ question: `q${i}`, chosen: ['a'], correct: pass })) };
    localStorage.setItem('mamori:person', JSON.stringify({ name: '山田 太郎' }));
    localStorage.setItem(`mamori:quiz:${quiz.id}`, JSON.stringify({ people: { 'name:山田太郎': { last: null, best, words: {} } } }));
  }, [q, passed]);
}

// The visible text of the progress line, or null when it is hidden.
async function progress(page) {
  const line = page.locator('#m-path-progress');
  return await line.isVisible() ? (await line.textContent()).trim() : null;
}

describe('研修の進め方 on the home page', () => {
  test('comes first, in three steps: every section with its reading time, the scored quizzes in section order, the file to hand in', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { viewport: { width: 375, height: 740 }, isMobile: true });
    const quizzes = await siteQuizzes(page);
    await page.goto(fileUrl(site));
    const box = page.locator('.training-path');
    assert.equal((await page.locator('main h2').first().textContent()).trim(), '研修の進め方');
    // Its heading and first step are on the first screen of a phone, whatever font the system
    // has (with Noto CJK the lead wraps to four lines), right after the page's header.
    assert.ok((await box.boundingBox()).y + 150 < 740, 'the path starts within the first screen of a phone');
    assert.equal(await page.locator('.page-header + .training-path').count(), 1);
    const steps = await box.locator('.path-steps > li > h3').allTextContents();
    assert.deepEqual(steps, ['各章を読む', '理解度チェックに合格する', '結果ファイルを提出する']);
    // ① every section of the navigation, linked, in its order.
    const nav = await page.locator('.site-nav a').evaluateAll((as) => as.map((a) => a.href));
    const read = await box.locator('.path-steps > li').nth(0).locator('.path-list > li > a').evaluateAll((as) => as.map((a) => a.href));
    assert.deepEqual(read, nav.filter((href) => read.includes(href)));
    assert.ok(read.length >= 5, `sections: ${read}`);
    // A reading time on every section, with the rate it is computed at.
    const times = await box.locator('.path-steps > li').nth(0).locator('.path-list > li')
      .evaluateAll((items) => items.map((li) => li.querySelector('.path-time')?.textContent ?? null));
    assert.equal(times.length, read.length);
    for (const time of times) assert.match(String(time), /^（約[1-9]\d*分）$/);
    assert.match(await box.locator('.path-note', { hasText: '1分間に' }).textContent(), /^（1分間に\d+字として計算）$/);
    // ② the scored quizzes in the order of the index (section order), the self-checks as 任意.
    const scored = quizzes.filter((q) => q.type === 'quiz');
    const pass = box.locator('[data-path-quiz]');
    assert.deepEqual(await pass.evaluateAll((items) => items.map((li) => li.dataset.pathQuiz)), scored.map((q) => q.id));
    assert.deepEqual(await pass.locator('a').allTextContents(), scored.map((q) => q.title));
    const optional = await box.locator('.path-optional').allTextContents();
    assert.equal(optional.length, quizzes.length - scored.length);
    for (const text of optional) assert.match(text, /^任意.+（自己診断）$/);
    // ③ the result file (JSON) is handed in, as the training's organisers say.
    const third = await box.locator('.path-steps > li').nth(2).textContent();
    assert.match(third, /結果ファイル（結果の画面の「結果をダウンロード（JSON）」で保存します）を提出してください。/);
    assert.match(third, /提出方法は研修の担当者の案内に従ってください。/);
    // The intro's 「まずはここから」 is a link to that list.
    assert.equal(await page.locator('.content a', { hasText: 'まずはここから' }).getAttribute('href'), '#start-here');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('says how many scored quizzes this browser kept a pass of for the person it remembers, and marks them', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    const scored = (await siteQuizzes(page)).filter((q) => q.type === 'quiz');
    const total = scored.length;
    await page.goto(fileUrl(site));
    assert.equal(await progress(page), null);  // nobody typed a name yet
    await page.evaluate(() => localStorage.setItem('mamori:person', JSON.stringify({ name: '山田 太郎' })));
    await page.reload();
    assert.equal(await progress(page), `山田 太郎 さんの進み具合：${total}つ中0つ合格`);
    assert.equal(await page.locator('.path-passed:visible').count(), 0);
    await keepResult(page, scored[1]);
    await page.reload();
    assert.equal(await progress(page), `山田 太郎 さんの進み具合：${total}つ中1つ合格`);
    const marked = page.locator(`[data-path-quiz="${scored[1].id}"] .path-passed`);
    assert.ok(await marked.isVisible());
    assert.equal((await marked.textContent()).trim(), '✓ 合格');
    assert.equal(await page.locator('.path-passed:visible').count(), 1);
    assert.deepEqual(await axeViolations(page), []);
    // A kept fail is no pass.
    await keepResult(page, scored[1], false);
    await page.reload();
    assert.equal(await progress(page), `山田 太郎 さんの進み具合：${total}つ中0つ合格`);
    for (const q of scored) await keepResult(page, q);
    await page.reload();
    assert.equal(await progress(page), `山田 太郎 さんの進み具合：${total}つすべてに合格しました。結果ファイルを提出してください。`);
    assert.equal(await page.locator('.path-passed:visible').count(), total);
    // Kept results that are not records are not counted.
    await page.evaluate((id) => localStorage.setItem(`mamori:quiz:${id}`, '{"best":{"score":{"passed":true}}}'), scored[0].id);
    await page.reload();
    assert.equal(await progress(page), `山田 太郎 さんの進み具合：${total}つ中${total - 1}つ合格`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without storage there is no progress line and no mark, rather than a wrong one', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new Error('blocked'); } });
    });
    await page.goto(fileUrl(site));
    assert.ok(await page.locator('.training-path').isVisible());
    assert.equal(await progress(page), null);
    assert.equal(await page.locator('.path-passed:visible').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the quizzes index', () => {
  test('lists the quizzes in the order of the sections they test, self-checks labelled 任意', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    const quizzes = await siteQuizzes(page);
    const cards = await page.locator('.quiz-list > li').evaluateAll((items) => items.map((li) => li.dataset.quizId));
    assert.deepEqual(cards, quizzes.map((q) => q.id));
    // The bundled scored quizzes are named after their section folders: they come in the
    // order of the navigation.
    await page.goto(fileUrl(site));
    const sections = await page.locator('.site-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href').split('/')[0]));
    const scored = quizzes.filter((q) => q.type === 'quiz').map((q) => q.id);
    assert.deepEqual(scored, sections.filter((s) => scored.includes(s)));
    assert.ok(scored.length >= 4, `scored quizzes: ${scored}`);
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    for (const q of quizzes) {
      const card = page.locator(`.quiz-list > li[data-quiz-id="${q.id}"]`);
      const tag = card.locator('.card-tag');
      const meta = await card.locator('.card-meta').first().textContent();
      if (q.type === 'self_check') {
        assert.equal((await tag.textContent()).trim(), '自己診断（任意）');
        assert.match(meta, /研修の修了には数えません/);
      } else {
        assert.equal(await tag.count(), 0);
        assert.match(meta, /合格ライン/);
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('a self-check', () => {
  test('is diagnosed, not marked: its buttons, result and record say so, and nothing offers a 修了証', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    const self = (await siteQuizzes(page)).filter((q) => q.type === 'self_check');
    assert.ok(self.length >= 1);
    for (const q of self) {
      await page.goto(fileUrl(site, `quizzes/${q.href}`));
      const app = page.locator('#quiz-app');
      assert.match(await page.locator('.quiz-facts').textContent(), /合格はなく、研修の修了にも数えません（任意）/);
      assert.equal((await page.locator('#quiz-person legend').textContent()).trim(), '回答者');
      assert.equal(await page.getByRole('button', { name: /採点/ }).count(), 0);
      await enterName(page);
      await page.locator('#quiz-questions fieldset').first().getByRole('radio').first().check();
      await page.getByRole('button', { name: '診断する', exact: true }).click();
      assert.match(await page.locator('#quiz-warning').textContent(), /未回答のまま診断すると、その項目は0点になります。$/);
      await page.getByRole('button', { name: '未回答のまま診断する' }).click();
      assert.equal((await page.locator('#quiz-result-title').textContent()).trim(), '診断結果');
      assert.match(await page.getByRole('status').first().textContent(), /^(診断：.+。)?合計 -?\d+ 点（-?\d+ 点〜\d+ 点）$/);
      assert.ok(await page.getByRole('button', { name: '最初から答え直す' }).isVisible());
      assert.equal(await page.getByRole('button', { name: /もう一度|問題を選び直す/ }).count(), 0);
      await page.getByRole('button', { name: '受験記録を表示' }).click();
      assert.doesNotMatch(await app.innerText(), /修了証|採点/);
      assert.match(await page.locator('#quiz-certificate').innerText(), /回答日[\s\S]*合計点[\s\S]*記録番号/);
      await page.getByRole('button', { name: '最初から答え直す' }).click();
      assert.match(await page.locator('#quiz-history').innerText(), /^山田 太郎 さんの前回の診断：[\s\S]*山田 太郎 さんの最高点の診断：/);
      assert.deepEqual(await axeViolations(page), [], q.id);
    }
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    const line = page.locator(`[data-quiz-result="${self[0].id}"]`);
    assert.match(await line.textContent(), /^山田 太郎 さんの前回の診断：/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
