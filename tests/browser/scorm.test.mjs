// The training in the company LMS: a package built by `mamori package scorm`, served with a
// real SCORM run-time (scorm-again, the library LMS vendors use) in the LMS page around the
// SCO, and an employee taking the quiz in it. What the LMS keeps is read back from the CMI
// the SCO committed; what scorm-again does not check is checked here (scormProblems).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations, launch as launchBrowser, serveUnder, watchedPage } from './support.mjs';
import { answerBasic, download } from './quiz-support.mjs';
import { buildPackage, interactionsOf, launch, lmsLog, savedCmi, scoHref, scormProblems, serveLms } from './scorm-support.mjs';

let browser;
let pkg;     // SCORM 1.2, every scored quiz (basic, hostile)
let lms;     // its LMS page
let pkg2004; // SCORM 2004, --quiz basic
let lms2004;

before(async () => {
  pkg = buildPackage();
  lms = await serveLms(pkg);
  pkg2004 = buildPackage(['--version', '2004', '--quiz', 'basic']);
  lms2004 = await serveLms(pkg2004);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await lms?.close();
  await lms2004?.close();
  for (const p of [pkg, pkg2004]) if (p) fs.rmSync(p.work, { recursive: true, force: true });
});

const mark = (frame) => frame.getByRole('button', { name: '採点する' }).click();
const lmsStatus = async (frame) => (await frame.locator('#quiz-lms-status').textContent()).trim();

// The basic quiz's three questions, answered all right or all wrong, as (1.2) the LMS keeps them.
// Choice ids are the build's (a fixed permutation of the file's order, quiz/choice_order.h):
// password's right answer, written first, is b; mail's are a and c.
const right12 = { password: 'b', mail: 'a,c', pay: 'f' };
const wrong12 = { password: 'a', mail: 'a', pay: 't' };

// { id: [type, response, result, correct pattern] } of interactions, for comparing.
function byId(interactions, response = 'student_response') {
  const out = {};
  for (const i of interactions) out[i.id] = [i.type, i[response], i.result, i.correct_responses['0'].pattern];
  return out;
}

// The SCO's page in the LMS page, all its requests on the LMS's loopback origin.
async function lmsPage(server = lms) { return watchedPage(browser, server.url.replace(/\/$/, '')); }

describe('the package in an LMS (SCORM 1.2)', () => {
  test('the manifest launches the quiz page; the name and 社員番号 come from the LMS and cannot be changed', async () => {
    assert.equal(scoHref(pkg, 'basic'), 'quizzes/basic.html');
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms, { sco: scoHref(pkg, 'basic') });
    // 「山田, 太郎」 (family name, given name) is written as the page writes names.
    assert.equal(await frame.locator('#quiz-name').inputValue(), '山田 太郎');
    assert.equal(await frame.locator('#quiz-employee-id').inputValue(), 'E0042');
    assert.deepEqual(await frame.locator('#quiz-name, #quiz-employee-id').evaluateAll((l) => l.map((i) => i.readOnly)), [true, true]);
    assert.match(await frame.locator('#quiz-person-note').textContent(), /氏名、社員番号は LMS の登録のとおりです。/);
    assert.ok(await frame.getByRole('button', { name: '終了する' }).isVisible());
    // Inside the LMS, the LMS records the result: no file to hand in.
    assert.ok(await frame.locator('.quiz-hand-in-file').first().isHidden());
    const log = await lmsLog(page);
    assert.deepEqual(log.commits, []);  // nothing saved before marking
    assert.deepEqual(scormProblems(log), []);
    assert.deepEqual(await axeViolations(frame), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a pass: score, passed, one interaction per question, committed at once; the certificate names the learner', async () => {
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms, { mastery: '60' });
    await answerBasic(frame, true);
    await mark(frame);
    assert.equal(await lmsStatus(frame), '結果を LMS に記録しました。');
    const log = await lmsLog(page);
    assert.equal(log.commits.length, 1);
    assert.equal(log.commits[0].by, 'LMSCommit');  // right after marking, before any Finish
    const cmi = log.commits[0].cmi;
    assert.equal(cmi.core.lesson_status, 'passed');
    assert.deepEqual(cmi.core.score, { raw: '100', min: '0', max: '100' });
    assert.match(cmi.core.session_time, /^00:0\d:\d\d\.\d\d$/);
    assert.equal(cmi.suspend_data, '');
    const interactions = interactionsOf(cmi);
    assert.deepEqual(byId(interactions), {
      password: ['choice', 'b', 'correct', 'b'], mail: ['choice', 'a,c', 'correct', 'a,c'], pay: ['true-false', 'f', 'correct', 'f'],
    });
    // In the order the questions were drawn on screen.
    const shown = await frame.locator('#quiz-questions > li').evaluateAll((items) => items.map((li) => li.id.slice(2)));
    assert.deepEqual(interactions.map((i) => i.id), shown);
    // The certificate names the LMS's learner; the files still download inside the LMS.
    await frame.getByRole('button', { name: '修了証を表示' }).click();
    assert.equal(await frame.locator('#quiz-certificate-name').textContent(), '山田 太郎');
    assert.match(await frame.locator('#quiz-certificate-facts').textContent(), /社員番号E0042/);
    const json = await download(page, frame.locator('#quiz-download-json'));
    assert.equal(json.name, '理解度チェック_basic_E0042_' + JSON.parse(json.text).attempt.local_date.slice(0, 10).replace(/-/g, '') + '.json');
    assert.deepEqual(JSON.parse(json.text).person, { name: '山田 太郎', employee_id: 'E0042' });
    // No 「次の小テストへ」: each quiz is an item of its own, and the LMS moves between them.
    assert.ok(await frame.locator('#quiz-next').isHidden());
    // 終了する finishes once; the page going away afterwards does not finish again.
    await frame.getByRole('button', { name: '終了する' }).click();
    assert.equal(await lmsStatus(frame), 'LMS への記録を終えました。LMS の画面に戻って続けてください。');
    assert.equal(await frame.evaluate(() => document.activeElement.id), 'quiz-lms');  // the button is gone
    await page.evaluate(() => document.getElementById('sco').remove());
    const end = await lmsLog(page);
    assert.deepEqual(end.calls.filter((c) => c.name === 'LMSFinish').map((c) => c.result), ['true']);
    assert.equal(end.commits.at(-1).cmi.core.lesson_status, 'passed');
    assert.deepEqual(scormProblems(end), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a fail, then a retry that passes: both committed, the interactions journalled; closing the SCO finishes it', async () => {
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms);
    await answerBasic(frame, false);
    await mark(frame);
    let cmi = await savedCmi(page);
    assert.equal(cmi.core.lesson_status, 'failed');
    assert.equal(cmi.core.score.raw, '0');
    assert.deepEqual(byId(interactionsOf(cmi)), {
      password: ['choice', wrong12.password, 'wrong', right12.password], mail: ['choice', wrong12.mail, 'wrong', right12.mail],
      pay: ['true-false', wrong12.pay, 'wrong', right12.pay],
    });
    await frame.getByRole('button', { name: /もう一度/ }).click();
    await answerBasic(frame, true);
    await mark(frame);
    cmi = await savedCmi(page);
    assert.equal(cmi.core.lesson_status, 'passed');
    assert.equal(cmi.core.score.raw, '100');
    const interactions = interactionsOf(cmi);
    assert.equal(interactions.length, 6);  // the fail's three, then the pass's three
    assert.deepEqual(interactions.slice(3).map((i) => i.result), ['correct', 'correct', 'correct']);
    // The LMS closes the SCO without 終了する: the page going away finishes it, once.
    await page.evaluate(() => document.getElementById('sco').remove());
    const log = await lmsLog(page);
    assert.equal(log.calls.filter((c) => c.name === 'LMSFinish').length, 1);
    assert.equal(log.commits.at(-1).by, 'LMSFinish');
    assert.match(log.commits.at(-1).cmi.core.session_time, /^\d\d:\d\d:\d\d\.\d\d$/);
    assert.deepEqual(scormProblems(log), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a worse retry does not replace the pass the LMS holds; its answers are journalled', async () => {
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms, { held: 'passed', raw: '67' });
    await answerBasic(frame, false);
    await mark(frame);
    assert.equal(await lmsStatus(frame), 'LMS には、この回より良い結果（67%）が記録されています。記録はそのままです。');
    const cmi = await savedCmi(page);
    assert.equal(cmi.core.lesson_status, 'passed');
    assert.equal(cmi.core.score.raw, '67');
    assert.deepEqual(interactionsOf(cmi).map((i) => i.result), ['wrong', 'wrong', 'wrong']);
    assert.deepEqual(scormProblems(await lmsLog(page)), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the 解説のページ links work inside the package: they open in a new tab, and the SCO stays', async () => {
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms);
    await answerBasic(frame, false);
    await mark(frame);
    const link = frame.locator('#q-password .quiz-source a');
    assert.equal(await link.textContent(), '解説のページ：基本');
    const [guidance] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await guidance.waitForLoadState();
    assert.equal(guidance.url(), `${lms.url}pkg/basics/index.html#password`);
    assert.equal(await guidance.locator('h1').textContent(), '基本');
    assert.equal(await guidance.locator('#password').count(), 1);
    assert.equal(await guidance.evaluate(() => window.opener), null);  // it cannot reach the SCO's API
    // The SCO is still the quiz, its session open.
    assert.match(frame.url(), /quizzes\/basic\.html$/);
    const log = await lmsLog(page);
    assert.equal(log.calls.filter((c) => c.name === 'LMSFinish').length, 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a package of one quiz (--quiz): the hostile quiz as its only item', async () => {
    const one = buildPackage(['--quiz', 'hostile']);
    const server = await serveLms(one);
    const manifest = fs.readFileSync(path.join(one.files, 'imsmanifest.xml'), 'utf8');
    assert.deepEqual([...manifest.matchAll(/<item identifier="([^"]+)"/g)].map((m) => m[1]), ['ITEM-hostile']);
    assert.equal(scoHref(one, 'basic'), null);
    const { context, page, problems } = await lmsPage(server);
    const frame = await launch(page, server, { sco: scoHref(one, 'hostile') });
    await frame.locator('#quiz-form label', { hasText: /A$/ }).click();
    await mark(frame);
    const cmi = await savedCmi(page);
    assert.equal(cmi.core.lesson_status, 'passed');  // pass mark 50: 1 of 1
    assert.deepEqual(byId(interactionsOf(cmi)), { html: ['choice', 'a', 'correct', 'a'] });
    assert.deepEqual(scormProblems(await lmsLog(page)), []);
    assert.deepEqual(problems, []);
    await context.close();
    await server.close();
    fs.rmSync(one.work, { recursive: true, force: true });
  });

  test('the self-check is not an item: opened inside an LMS it reports nothing', async () => {
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms, { sco: 'quizzes/self.html' });
    await frame.getByRole('button', { name: '診断する' }).waitFor();
    assert.ok(await frame.locator('#quiz-lms').isHidden());
    assert.equal(await frame.locator('#quiz-name').inputValue(), '');
    assert.deepEqual((await lmsLog(page)).calls, []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('in review mode nothing is recorded', async () => {
    const { context, page, problems } = await lmsPage();
    const frame = await launch(page, lms, { mode: 'review' });
    assert.equal(await lmsStatus(frame), 'LMS の復習モードで開いています。結果は LMS に記録されません。');
    await answerBasic(frame, true);
    await mark(frame);
    assert.deepEqual(await lmsLog(page).then((l) => l.calls.filter((c) => /SetValue|Commit/.test(c.name))), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the package in an LMS (SCORM 2004)', () => {
  test('a fail then a pass: scaled score, success and completion, responses in 2004 formats, Terminate once', async () => {
    const { context, page, problems } = await lmsPage(lms2004);
    const frame = await launch(page, lms2004, { version: '2004', mastery: '60', name: '山田,太郎' });
    assert.equal(await frame.locator('#quiz-name').inputValue(), '山田 太郎');
    await answerBasic(frame, false);
    await mark(frame);
    let cmi = await savedCmi(page);
    assert.deepEqual([cmi.success_status, cmi.completion_status, cmi.score.raw, cmi.score.scaled], ['failed', 'completed', '0', '0']);
    assert.deepEqual(byId(interactionsOf(cmi), 'learner_response'), {
      password: ['choice', 'a', 'incorrect', 'b'], mail: ['choice', 'a', 'incorrect', 'a[,]c'],
      pay: ['true-false', 'true', 'incorrect', 'false'],
    });
    assert.match(interactionsOf(cmi)[0].description, /^\{lang=ja\}/);
    await frame.getByRole('button', { name: /もう一度/ }).click();
    await answerBasic(frame, true);
    await mark(frame);
    cmi = await savedCmi(page);
    assert.deepEqual([cmi.success_status, cmi.completion_status, cmi.score.raw, cmi.score.scaled, cmi.score.min, cmi.score.max],
      ['passed', 'completed', '100', '1', '0', '100']);
    assert.deepEqual(byId(interactionsOf(cmi).slice(3), 'learner_response'), {
      password: ['choice', 'b', 'correct', 'b'], mail: ['choice', 'a[,]c', 'correct', 'a[,]c'], pay: ['true-false', 'false', 'correct', 'false'],
    });
    assert.match(cmi.session_time, /^PT0H\d+M\d+(\.\d\d)?S$/);
    await frame.getByRole('button', { name: '終了する' }).click();
    await page.evaluate(() => document.getElementById('sco').remove());
    const log = await lmsLog(page);
    assert.deepEqual(log.calls.filter((c) => c.name === 'Terminate').map((c) => c.result), ['true']);
    assert.deepEqual(scormProblems(log), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the SCO in a window of its own (the LMS page is its opener)', () => {
  test('the API is found through the opener; closing the window finishes', async () => {
    const { context, page, problems } = await lmsPage();
    const query = new URLSearchParams({ version: '1.2', name: '山田, 太郎', id: 'E0042', window: 'new' });
    await page.goto(`${lms.url}lms/player.html?${query}`);
    const [sco] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '教材を開く' }).click()]);
    await sco.locator('#quiz-questions input').first().waitFor();
    assert.equal(await sco.locator('#quiz-name').inputValue(), '山田 太郎');
    await answerBasic(sco, true);
    await mark(sco);
    assert.equal((await savedCmi(page)).core.lesson_status, 'passed');
    await sco.close({ runBeforeUnload: true });
    await page.waitForFunction(() => window.lms.calls.some((c) => c.name === 'LMSFinish'));
    assert.deepEqual(scormProblems(await lmsLog(page)), []);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the values at their edges', () => {
  test('time spans, moments and responses in the formats of each version', async () => {
    const { context, page, problems } = await lmsPage();
    await page.goto(`${lms.url}pkg/quizzes/basic.html`);
    const values = await page.evaluate(() => {
      const S = window.MamoriQuiz.scorm;
      const when = new Date(2026, 11, 1, 8, 5, 9, 870);
      return {
        span12: [0, 3723456, 36000 * 3600 * 1000].map((ms) => S.span('1.2', ms)),
        span2004: [0, 3723456, 3723000].map((ms) => S.span('2004', ms)),
        stamp12: S.stamp('1.2', when),
        stamp2004: S.stamp('2004', new Date(Date.UTC(2026, 11, 1, 8, 5, 9, 870))),
        choice12: [['a'], ['c', 'a'], ['a1'], ['j1'], ['k1'], []].map((ids) => S.response('1.2', 'multiple', ids)),
        choice2004: [['c', 'a'], ['k1']].map((ids) => S.response('2004', 'single', ids)),
        trueFalse: [S.response('1.2', 'true_false', ['false']), S.response('2004', 'true_false', ['true'])],
        ids: ['phish-1', 'a_b', 'x y', ''].map(S.interactionId),
      };
    });
    assert.deepEqual(values, {
      span12: ['00:00:00.00', '01:02:03.46', '9999:59:59.99'],
      span2004: ['PT0H0M0S', 'PT1H2M3.46S', 'PT1H2M3S'],
      stamp12: '08:05:09',
      stamp2004: '2026-12-01T08:05:09.87Z',
      choice12: ['a', 'a,c', '0', '9', null, null],  // the 27th choice is "0", the 37th cannot be written
      choice2004: ['a[,]c', 'k1'],
      trueFalse: ['f', 'true'],
      ids: ['phish-1', 'a_b', 'x_y', 'q'],
    });
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('without an LMS', () => {
  test('the packaged page alone, or in a frame of another origin, is the intranet quiz', async () => {
    const other = await serveUnder(path.join(pkg.work, 'served'), '/');  // another port: another origin
    const { context, page, problems } = await watchedPage(browser, 'http://127.0.0.1:');
    await page.goto(`${lms.url}pkg/quizzes/basic.html`);
    await page.locator('#quiz-questions input').first().waitFor();
    assert.ok(await page.locator('#quiz-lms').isHidden());
    assert.equal(await page.locator('#quiz-name').evaluate((i) => i.readOnly), false);
    // The LMS page on one origin, the SCO on another: reading its API throws, and is caught.
    const frame = await launch(page, other, { scoUrl: `${lms.url}pkg/quizzes/basic.html` });
    assert.ok(await frame.locator('#quiz-lms').isHidden());
    assert.equal(await frame.locator('#quiz-name').inputValue(), '');
    await frame.locator('#quiz-name').fill('佐藤 花子');
    await frame.locator('#quiz-employee-id').fill('E0100');
    await answerBasic(frame, true);
    await mark(frame);
    assert.match(await frame.getByRole('status').first().textContent(), /3 \/ 3 問正解/);
    assert.deepEqual((await lmsLog(page)).calls, []);
    assert.deepEqual(problems, []);
    await context.close();
    await other.close();
  });
});
