// The record of an attempt: a 修了証 only for a pass (a 受験記録 otherwise) on the local day,
// numbered, printed alone on one A4 page; the files with their names and what the page says
// about handing them in; the best pass kept printable and downloadable after a reload, on the
// quiz page and the quizzes index; kept records that do not add up shown nowhere; what
// [training] adds (社員番号, 所属, the issuer, the deadline, how to hand in); the next quiz.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, buildSite, fileUrl, launch, watchedPage } from './support.mjs';
import { answerBasic, bankVersion, download, downloaded, enterName, fixture, keptResults, nameField, storedResults, takeBasic, takeHostile } from './quiz-support.mjs';

let browser;
let site;      // the quiz fixture as it is: no [training]
let training;  // the same with [training]
const HAND_IN = ['人事部の共有フォルダ「研修記録」に保存してください。', '<b>締切</b>は月末です。'];
const TRAINING = '[training]\nask = ["employee_id", "department"]\norganisation = "株式会社テスト"\ndeadline = 2026-12-25\n' +
  `hand_in = """\n${HAND_IN.join('\n')}\n"""`;

before(async () => {
  site = buildSite(fixture);
  training = buildSite(fixture, { config: TRAINING });
  browser = await launch();
});
after(async () => { await browser?.close(); });

// 23:30 UTC on 30 November is 08:30 on 1 December in Tokyo.
const WHEN = new Date('2026-11-30T23:30:00.000Z');

// A browser in Tokyo (or `timezoneId`) whose clock says WHEN (or `when`).
async function tokyoPage(when = WHEN, timezoneId = 'Asia/Tokyo') {
  const watched = await watchedPage(browser, 'file://', { acceptDownloads: true, timezoneId });
  await watched.page.clock.setFixedTime(when);
  return watched;
}

// FNV-1a, 32 bits, of the UTF-8 of `text` (as the contract numbers an attempt).
function fnv1a32(text) {
  let hash = 2166136261;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash;
}

function expectedNumber(record) {
  const hex = fnv1a32(`${record.quiz.id}\n${record.attempt.date}\n${record.attempt.seed}`).toString(16).toUpperCase();
  return `20261201-${hex.padStart(8, '0')}`;
}

// The certificate section as text, one line per element.
const certificateText = async (page) => (await page.locator('#quiz-certificate').innerText()).replace(/\n+/g, '\n');

describe('the certificate', () => {
  test('a pass gets a 修了証 on the local day with its number; a fail a 受験記録, never a 修了証', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    const record = JSON.parse(await keptResults(page, 'basic')).last;
    assert.equal(record.attempt.date, '2026-11-30T23:30:00.000Z');
    assert.equal(record.attempt.local_date, '2026-12-01T08:30:00+09:00');
    assert.equal(record.attempt.number, expectedNumber(record));
    await page.getByRole('button', { name: '修了証を表示' }).click();
    const text = await certificateText(page);
    assert.match(text, /^修了証\n/);
    assert.match(text, /山田 太郎\n上記の者は、次の小テストに合格したことを証します。\n基本の小テスト/);
    assert.match(text, /受験日\s+2026年12月1日/);
    assert.match(text, new RegExp(`修了証番号\\s+${record.attempt.number}`));
    assert.match(text, /小テストの試験用ポータル/);  // the issuer: the site title, without [training] organisation
    assert.doesNotMatch(text, /社員番号|所属/);  // not asked by this site
    assert.deepEqual(await axeViolations(page), []);
    // A fail: no 修了証 anywhere, a 受験記録 with the same facts.
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    await takeBasic(page, false);
    assert.equal(await page.getByRole('button', { name: '修了証を表示' }).count(), 0);
    await page.getByRole('button', { name: '受験記録を表示' }).click();
    const failed = JSON.parse(await keptResults(page, 'basic')).last;
    const record2 = await certificateText(page);
    assert.match(record2, /^受験記録\n山田 太郎\n次の小テストを受験した記録です（合格ではありません）。\n基本の小テスト/);
    assert.match(record2, /受験日\s+2026年12月1日/);
    assert.match(record2, /判定\s+不合格/);
    assert.match(record2, new RegExp(`記録番号\\s+${failed.attempt.number}`));
    assert.doesNotMatch(record2, /修了/);
    assert.match(await page.getByRole('button', { name: '受験記録を印刷する' }).textContent(), /受験記録/);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('印刷 prints the certificate alone, on one A4 page', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    await page.getByRole('button', { name: '修了証を表示' }).click();
    // window.print opens a dialog: note what the page looked like when it was called.
    await page.evaluate(() => { window.print = () => { window.printedWith = document.body.className; }; });
    await page.getByRole('button', { name: '修了証を印刷する' }).click();
    assert.match(await page.evaluate(() => window.printedWith), /printing-certificate/);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.checkVisibility() && e.getBoundingClientRect().height > 0 && !e.closest('#quiz-certificate') &&
        !e.querySelector('#quiz-certificate'))
      .map((e) => e.id || e.className || e.tagName));
    assert.deepEqual(shown, []);
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    assert.equal(pdf.match(/\/Type\s*\/Page\b/g).length, 1);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the result files', () => {
  test('are named after the quiz, the person and the local day, with characters Windows refuses replaced', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, false, '山田/太郎:"*?<>|\\');
    // A failed attempt's files say so: they never overwrite a pass of the same day.
    const json = await download(page, page.locator('#quiz-download-json'));
    assert.equal(json.name, '理解度チェック_basic_山田_太郎_________20261201_不合格.json');
    assert.equal(JSON.parse(json.text).person.name, '山田/太郎:"*?<>|\\');
    const csv = await download(page, page.locator('#quiz-download-csv'));
    assert.equal(csv.name, '理解度チェック_basic_山田_太郎_________20261201_不合格.csv');
    assert.match(csv.text.split('\r\n')[1], /^basic,基本の小テスト,[0-9a-f]{16},2026-12-01 08:30:00 \+09:00,/);
    // After a fail the page does not ask for this file: the file of a pass is handed in.
    const note = () => page.locator('#quiz-result .quiz-file-note p:visible').allTextContents();
    assert.deepEqual(await note(), [
      '合格したら、そのときの結果ファイル（JSON）を提出します。',
      '提出方法は研修の担当者の案内に従ってください。',
      'このファイルは本人が申告する記録です。持っている人が書き換えることもできます。']);
    await page.getByRole('button', { name: /もう一度/ }).click();
    await takeBasic(page, true, '山田/太郎:"*?<>|\\');
    assert.equal((await download(page, page.locator('#quiz-download-json'))).name, '理解度チェック_basic_山田_太郎_________20261201.json');
    assert.equal((await download(page, page.locator('#quiz-download-csv'))).name, '理解度チェック_basic_山田_太郎_________20261201.csv');
    // The page says which file to hand in and how, and plainly what the file proves; not
    // how HR collects the files (an employee does not know that tool).
    assert.deepEqual(await note(), [
      '提出するのは「結果をダウンロード（JSON）」で保存したファイル（名前が .json で終わるファイル）です。CSV のファイルは、結果を読むためのものです。',
      '提出方法は研修の担当者の案内に従ってください。',
      'このファイルは本人が申告する記録です。持っている人が書き換えることもできます。']);
    assert.doesNotMatch(await page.locator('#quiz-app').innerText(), /mamori results/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('[training] hand_in says how to hand them in, each line its own, as text: quiz pages, the index, the home page', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    await enterName(page);
    await page.getByRole('textbox', { name: '社員番号' }).fill('A-0012');
    await page.getByRole('textbox', { name: '所属' }).fill('製造部');
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    const handIn = page.locator('#quiz-result .quiz-hand-in p');
    assert.deepEqual(await handIn.allTextContents(), HAND_IN);
    assert.equal(await page.locator('.quiz-hand-in b').count(), 0);  // text, not markup
    assert.doesNotMatch(await page.locator('#quiz-result .quiz-file-note').textContent(), /案内に従ってください/);
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.deepEqual(await page.locator('#quiz-kept .quiz-hand-in p').allTextContents(), HAND_IN);
    assert.deepEqual(await axeViolations(page), []);
    await page.goto(fileUrl(training, 'quizzes/index.html'));
    assert.deepEqual(await page.locator('.quiz-hand-in p').allTextContents(), HAND_IN);
    // A self-check is not handed in.
    await page.goto(fileUrl(training, 'quizzes/self.html'));
    assert.equal(await page.locator('.quiz-hand-in').count(), 0);
    assert.match(await page.locator('#quiz-kept .quiz-file-note').textContent(), /研修の修了には数えません/);
    // The home page's step ③, escaped by the template.
    await page.goto(fileUrl(training));
    const step = page.locator('.path-steps > li').last();
    assert.equal(await step.locator('h3').textContent(), '結果ファイルを提出する');
    assert.equal(await step.locator('.path-hand-in').textContent(), HAND_IN.join('\n'));
    assert.equal(await step.locator('b').count(), 0);
    assert.ok((await step.locator('.path-hand-in').boundingBox()).height > 30, 'two lines');
    await page.goto(fileUrl(site));
    assert.match(await page.locator('.path-steps > li').last().textContent(), /提出方法は研修の担当者の案内に従ってください。/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the kept best result', () => {
  test('stays printable and downloadable without retaking: on the quiz page and the quizzes index', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    const json = await download(page, page.locator('#quiz-download-json'));
    const csv = await download(page, page.locator('#quiz-download-csv'));
    const record = JSON.parse(json.text);
    // A later fail is the last result; the pass stays the best.
    await page.getByRole('button', { name: /もう一度/ }).click();
    await takeBasic(page, false);
    assert.ok(await page.locator('#quiz-kept').isHidden());  // the attempt on screen has its own buttons
    // The next visit (a new tab: no attempt on screen) offers the kept pass.
    const later = await context.newPage();
    await later.goto(fileUrl(site, 'quizzes/basic.html'));
    const kept = later.locator('#quiz-kept');
    assert.ok(await kept.isVisible());
    assert.match(await kept.locator('.quiz-file-note').textContent(), /本人が申告する記録/);
    assert.deepEqual(await download(later, kept.getByRole('button', { name: /JSON/ })), json);
    assert.deepEqual(await download(later, kept.getByRole('button', { name: /CSV/ })), csv);
    await kept.getByRole('button', { name: '修了証を表示' }).click();
    const text = await certificateText(later);
    assert.match(text, /^修了証\n山田 太郎\n/);
    assert.match(text, /受験日\s+2026年12月1日/);
    assert.match(text, new RegExp(`修了証番号\\s+${record.attempt.number}`));
    assert.deepEqual(await axeViolations(later), []);
    // The quizzes index: the kept pass to download (the CSV too, in the same words: the index
    // has no questions, the quiz page kept what the CSV needs), and its certificate.
    await later.goto(fileUrl(site, 'quizzes/index.html'));
    const card = later.locator('[data-quiz-kept="basic"]');
    assert.deepEqual(await download(later, card.getByRole('button', { name: '基本の小テスト：結果をダウンロード（JSON）' })), json);
    assert.deepEqual(await download(later, card.getByRole('button', { name: '基本の小テスト：結果をダウンロード（CSV）' })), csv);
    const link = card.getByRole('link', { name: '基本の小テスト：修了証を表示' });
    assert.equal(await link.getAttribute('href'), 'basic.html#quiz-certificate');
    assert.ok(await later.locator('[data-quiz-kept="self"]').isHidden());  // nothing kept
    assert.ok(await later.locator('[data-quiz-kept="hostile"]').isHidden());
    assert.deepEqual(await axeViolations(later), []);
    await link.click();
    await later.waitForURL(/\/basic\.html#quiz-certificate$/);
    assert.ok(await later.locator('#quiz-certificate').isVisible());
    assert.equal(await later.evaluate(() => document.activeElement.id), 'quiz-certificate');
    assert.match(await certificateText(later), new RegExp(`修了証番号\\s+${record.attempt.number}`));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the index opens a kept certificate alone: no questions until the employee asks for them', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    const { best } = JSON.parse(await keptResults(page, 'basic'));
    await page.getByRole('button', { name: /もう一度/ }).click();
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    await page.getByRole('link', { name: '基本の小テスト：修了証を表示' }).click();
    await page.waitForURL(/\/basic\.html#quiz-certificate$/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-certificate');
    assert.match(await certificateText(page), new RegExp(`^修了証\n山田 太郎\n[\\s\\S]*修了証番号\\s+${best.attempt.number}`));
    assert.equal(await page.locator('#quiz-questions > li').count(), 0);  // nothing drawn
    for (const part of ['#quiz-person', '#quiz-form', '#quiz-result', '#quiz-kept']) assert.ok(await page.locator(part).isHidden(), part);
    assert.deepEqual(await axeViolations(page), []);
    // By keyboard: from the certificate to 印刷, then to 「この小テストを受ける」.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-certificate-print');
    await page.evaluate(() => { window.print = () => { window.printedWith = document.body.className; }; });
    await page.keyboard.press('Enter');
    assert.match(await page.evaluate(() => window.printedWith), /printing-certificate/);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'この小テストを受ける');
    await page.keyboard.press('Enter');
    // Now the quiz: a fresh draw, the certificate gone, focus on the name, the address without #quiz-certificate.
    assert.equal(await page.locator('#quiz-questions > li').count(), 3);
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    assert.ok(await page.locator('#quiz-take').isHidden());
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-name');
    assert.ok(page.url().endsWith('/basic.html'), page.url());
    assert.ok(await page.locator('#quiz-kept').isVisible());
    await page.reload();
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    assert.equal(await page.locator('#quiz-questions > li').count(), 3);
    // 「この端末の記録を消す」 while the certificate is shown alone: it goes, and the quiz is offered.
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    await page.goto(`${fileUrl(site, 'quizzes/basic.html')}#quiz-certificate`);
    assert.ok(await page.locator('#quiz-certificate').isVisible());
    await page.getByRole('button', { name: 'この端末の記録を消す' }).click();
    await page.getByRole('button', { name: 'はい、消します' }).click();
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    assert.equal(await page.locator('#quiz-questions > li').count(), 3);
    assert.ok(await page.locator('#quiz-person').isVisible());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a kept fail is not offered again; a self-check\'s best is, as a 受験記録', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, false);
    await page.goto(fileUrl(site, 'quizzes/self.html'));
    await page.locator('#quiz-questions fieldset').nth(0).getByLabel('実施している', { exact: true }).check();
    await page.locator('#quiz-questions fieldset').nth(1).getByLabel('わからない', { exact: true }).check();
    await page.getByRole('button', { name: '診断する' }).click();
    await page.getByRole('button', { name: '最初から答え直す' }).click();
    const kept = page.locator('#quiz-kept');
    await kept.getByRole('button', { name: '受験記録を表示' }).click();
    assert.match(await certificateText(page), /^受験記録\n山田 太郎\n次の自己診断を受けた記録です。\n自己診断/);
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    assert.ok(await page.locator('[data-quiz-kept="basic"]').isHidden());
    assert.ok(await page.getByRole('link', { name: '自己診断：受験記録を表示' }).isVisible());
    await page.goto(`${fileUrl(site, 'quizzes/basic.html')}#quiz-certificate`);
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('kept records are checked before anything is shown of them', () => {
  test('a marked attempt restored for Back is marked again from its answers: one with an edited score is dropped', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, false);
    const kept = await keptResults(page, 'basic');
    await page.evaluate(() => {
      const saved = JSON.parse(sessionStorage.getItem('mamori:attempt:basic'));
      saved.record.score = { correct: 3, total: 3, percent: 100, pass_mark: 60, passed: true };
      for (const a of saved.record.answers) a.correct = true;
      sessionStorage.setItem('mamori:attempt:basic', JSON.stringify(saved));
    });
    await page.reload();
    // Marked again it is not the record kept with it: not shown, not kept, a fresh draw.
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await page.getByRole('button', { name: '修了証を表示' }).count(), 0);
    assert.equal(await page.locator('#quiz-form input:checked').count(), 0);
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('mamori:attempt:basic')), null);
    assert.equal(await keptResults(page, 'basic'), kept);  // nothing kept on the way
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a kept record that does not fit the quiz shows no 修了証 and no 合格: quiz page, index, home page', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    await page.getByRole('button', { name: /もう一度/ }).click();
    const stored = await storedResults(page, 'basic');
    const pass = stored.people['name:山田太郎'].best;
    const forged = (change) => { const r = structuredClone(pass); change(r); return r; };
    const score = (correct, total, percent, passMark, passed) => (r) => {
      r.score = { correct, total, percent, pass_mark: passMark, passed };
      r.answers = r.answers.slice(0, total).map((a, i) => ({ ...a, correct: i < correct }));
    };
    // Every page checks a kept record against the quiz as built: its id, bank version, pass
    // mark and questions per attempt, and a score that adds up.
    const cases = [
      ['passed with 0%', forged(score(0, 3, 0, 60, true))],
      ['a percent that is not correct / total', forged(score(1, 3, 100, 60, true))],
      ['more right than asked', forged(score(4, 3, 100, 60, true))],
      ['a count of right answers the answers do not have', forged((r) => { r.answers[0].correct = false; })],
      ['another quiz', forged((r) => { r.quiz.id = 'hostile'; })],
      ['passed as text', forged((r) => { r.score.passed = 'true'; })],
      ['a lower pass mark', forged(score(1, 3, 33, 30, true))],
      ['fewer questions', forged(score(1, 1, 100, 60, true))],
      ['another question bank', forged((r) => { r.quiz.version = '0000000000000000'; })],
    ];
    for (const [what, record] of cases) {
      await page.evaluate((people) => localStorage.setItem('mamori:quiz:basic', JSON.stringify({ people })),
        { 'name:山田太郎': { last: record, best: record, words: {} } });
      await page.goto(fileUrl(site, 'quizzes/basic.html'));
      assert.ok(await page.locator('#quiz-kept').isHidden(), what);
      assert.equal(await page.locator('#quiz-history').textContent(), '', what);
      await page.goto(`${fileUrl(site, 'quizzes/basic.html')}#quiz-certificate`);
      assert.ok(await page.locator('#quiz-certificate').isHidden(), what);
      assert.equal(await page.locator('#quiz-questions > li').count(), 3, what);
      await page.goto(fileUrl(site, 'quizzes/index.html'));
      assert.ok(await page.locator('[data-quiz-kept="basic"]').isHidden(), what);
      assert.equal(await page.locator('[data-quiz-result="basic"]').textContent(), '山田 太郎 さんの前回の結果：まだ受けていません', what);
      assert.equal(await page.locator('#quiz-index-status').textContent(), '山田 太郎 さんの進み具合：2つ中0つ合格', what);
      await page.goto(fileUrl(site));
      assert.equal(await page.locator('#m-path-progress').textContent(), '山田 太郎 さんの進み具合：2つ中0つ合格', what);
      assert.equal(await page.locator('.path-passed:visible').count(), 0, what);
    }
    // The pass itself, put back, shows everywhere again.
    await page.evaluate((saved) => localStorage.setItem('mamori:quiz:basic', JSON.stringify(saved)), stored);
    await page.goto(fileUrl(site));
    assert.equal(await page.locator('#m-path-progress').textContent(), '山田 太郎 さんの進み具合：2つ中1つ合格');
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    assert.ok(await page.locator('[data-quiz-kept="basic"]').isVisible());
    await page.goto(`${fileUrl(site, 'quizzes/basic.html')}#quiz-certificate`);
    assert.ok(await page.locator('#quiz-certificate').isVisible());
    assert.equal(await bankVersion(page), pass.quiz.version);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('[training]', () => {
  test('社員番号 and 所属 are asked after 氏名, kept in the record, the file name and the certificate; the issuer is the organisation', async () => {
    const { context, page, problems } = await tokyoPage();
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    const fields = await page.locator('#quiz-person input').evaluateAll((inputs) => inputs.map((i) => i.id));
    assert.deepEqual(fields, ['quiz-name', 'quiz-employee-id', 'quiz-department']);
    await enterName(page);
    await page.getByRole('textbox', { name: '社員番号' }).fill('A-0012');
    await page.getByRole('textbox', { name: '所属' }).fill('製造部 第二課');
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    const json = await download(page, page.locator('#quiz-download-json'));
    assert.equal(json.name, '理解度チェック_basic_A-0012_20261201.json');
    const record = JSON.parse(json.text);
    assert.deepEqual(record.person, { name: '山田 太郎', employee_id: 'A-0012', department: '製造部 第二課' });
    const csv = await downloaded(page, 'CSV');
    assert.match(csv.split('\r\n')[1], new RegExp(`,山田 太郎,A-0012,製造部 第二課,${record.attempt.number},3,3,100,60,合格,`));
    await page.getByRole('button', { name: '修了証を表示' }).click();
    const text = await certificateText(page);
    assert.match(text, /社員番号\s+A-0012/);
    assert.match(text, /所属\s+製造部 第二課/);
    assert.match(text, /株式会社テスト/);
    assert.doesNotMatch(text, /小テストの試験用ポータル/);
    // Remembered, all three, on the next quiz.
    await page.goto(fileUrl(training, 'quizzes/self.html'));
    assert.equal(await nameField(page).inputValue(), '山田 太郎');
    assert.equal(await page.getByRole('textbox', { name: '社員番号' }).inputValue(), 'A-0012');
    assert.equal(await page.getByRole('textbox', { name: '所属' }).inputValue(), '製造部 第二課');
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the deadline is on the home page, the quizzes index and every quiz page', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    for (const relative of ['index.html', 'quizzes/index.html', 'quizzes/basic.html', 'quizzes/self.html']) {
      await page.goto(fileUrl(training, relative));
      // The home page has it in 研修の進め方, the quiz pages under their title.
      const deadline = page.locator(relative === 'index.html' ? '.training-path .deadline' : '.page-header .deadline');
      assert.equal(await deadline.textContent(), '受講期限：2026年12月25日', relative);
      await page.goto(fileUrl(site, relative));
      assert.equal(await page.locator('.deadline').count(), 0, relative);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the deadline', () => {
  test('after it (the browser\'s local day) the pages say so and the quiz can still be taken; on the day itself they do not', async () => {
    const passed = '受講期限（2026年12月25日）を過ぎています。受験はできます。提出は研修の担当者に相談してください。';
    // [clock, time zone, past the deadline there]: 15:30 UTC on the 25th is already the 26th in Tokyo.
    const clocks = [[new Date('2026-12-25T14:59:00Z'), 'Asia/Tokyo', false], [new Date('2026-12-25T15:30:00Z'), 'Asia/Tokyo', true],
      [new Date('2026-12-25T15:30:00Z'), 'UTC', false]];
    for (const [when, zone, late] of clocks) {
      const { context, page, problems } = await tokyoPage(when, zone);
      for (const relative of ['index.html', 'quizzes/index.html', 'quizzes/basic.html', 'quizzes/self.html']) {
        await page.goto(fileUrl(training, relative));
        const note = page.locator('.deadline-passed');
        assert.equal(await note.count(), 1, relative);
        assert.equal(await note.isVisible(), late, `${relative} ${when.toISOString()} ${zone}`);
        if (late) assert.equal(await note.textContent(), passed);
        assert.equal(await page.locator('.deadline').textContent(), '受講期限：2026年12月25日');
      }
      if (late) {
        await page.goto(fileUrl(training, 'quizzes/basic.html'));
        await enterName(page);
        await page.getByRole('textbox', { name: '社員番号' }).fill('A-0012');
        await page.getByRole('textbox', { name: '所属' }).fill('製造部');
        await answerBasic(page, true);
        await page.getByRole('button', { name: '採点する' }).click();
        assert.match(await page.getByRole('status').first().textContent(), /3 \/ 3 問正解/);
        assert.deepEqual(await axeViolations(page), []);
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
    const { context, page } = await tokyoPage(new Date('2027-01-10T00:00:00Z'));
    await page.goto(fileUrl(site));
    assert.equal(await page.locator('.deadline-passed').count(), 0);  // no deadline, nothing past
    await context.close();
  });
});

describe('the next quiz', () => {
  test('「次の小テストへ」 leads to the next scored quiz without a kept pass; 「すべて合格しました」 when there is none', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    // Section order here: basic, hostile, self (no sections: by id). self is not scored.
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, false);
    const next = page.locator('#quiz-next');
    // After a fail: no next quiz; もう一度 is what the result offers first.
    assert.ok(await next.isHidden());
    const first = page.locator('#quiz-next a:visible, #quiz-result .quiz-actions button:visible').first();
    assert.match(await first.textContent(), /^もう一度/);
    assert.match(await first.getAttribute('class'), /button-primary/);
    await page.getByRole('button', { name: /もう一度/ }).click();
    await takeBasic(page, true);
    assert.doesNotMatch(await page.locator('#quiz-retry').getAttribute('class'), /button-primary/);
    assert.equal(await next.getByRole('link').getAttribute('href'), 'hostile.html');
    assert.match(await next.textContent(), /^次の小テストへ：<\/title><script>alert\('title'\)<\/script>$/);  // as text
    await next.getByRole('link').click();
    await page.waitForURL(/\/hostile\.html$/);
    await takeHostile(page, false);
    assert.ok(await next.isHidden());
    await page.getByRole('button', { name: /もう一度/ }).click();
    await takeHostile(page, true);
    assert.match(await next.textContent(), /^すべての小テストに合格しました。/);
    const index = next.getByRole('link', { name: '小テストの一覧へ' });
    assert.equal(await index.getAttribute('href'), 'index.html');
    assert.deepEqual(await axeViolations(page), []);
    await index.click();
    await page.waitForURL(/\/quizzes\/index\.html$/);
    assert.equal(await page.locator('#quiz-index-status').textContent(), 'すべての小テストに合格しました。');
    // A self-check offers the next quiz too, when one is left.
    await page.evaluate(() => localStorage.removeItem('mamori:quiz:hostile'));
    await page.reload();
    assert.equal(await page.locator('#quiz-index-status').textContent(), '山田 太郎 さんの進み具合：2つ中1つ合格');
    await page.goto(fileUrl(site, 'quizzes/self.html'));
    await page.getByRole('button', { name: '診断する' }).click();
    await page.getByRole('button', { name: '未回答のまま診断する' }).click();
    assert.equal(await next.getByRole('link').getAttribute('href'), 'hostile.html');
    // hostile passed (its attempt is back from the tab); the next without a pass wraps round to basic.
    await page.evaluate(() => localStorage.removeItem('mamori:quiz:basic'));
    await page.goto(fileUrl(site, 'quizzes/hostile.html'));
    assert.equal(await next.getByRole('link').getAttribute('href'), 'basic.html');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
