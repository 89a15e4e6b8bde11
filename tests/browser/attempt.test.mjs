// An attempt as an employee goes through it: the name first (remembered; every asked field
// required), unanswered questions named before marking, the marked attempt kept for Back,
// and on a shared PC: kept results that belong to the person who marked them, and
// 「この端末の記録を消す」 on the quiz page and the quizzes index.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { axeViolations, buildSite, fileUrl, launch, watchedPage } from './support.mjs';
import { answerBasic, bankVersion, download, enterName, fixture, keptResults, nameField, quizKeys, shownAttempt, storedResults, takeBasic } from './quiz-support.mjs';

let browser;
let site;
let training;  // the same with [training]: 社員番号 and 所属 asked

before(async () => {
  site = buildSite(fixture);
  training = buildSite(fixture, { config: '[training]\nask = ["employee_id", "department"]' });
  browser = await launch();
});
after(async () => { await browser?.close(); });

const focused = (page) => page.evaluate(() => document.activeElement.id);

// "問2" for the question `id` as the attempt on screen numbers it.
async function questionName(page, id) {
  const order = await page.locator('#quiz-questions > li').evaluateAll((items) => items.map((li) => li.id));
  return `問${order.indexOf(`q-${id}`) + 1}`;
}

describe('the name comes first', () => {
  test('氏名 is asked before the questions, needed to mark, and remembered on this browser', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    // Before the questions in the page (and so for the keyboard and a screen reader).
    assert.equal(await page.evaluate(() => document.querySelector('#quiz-app input').id), 'quiz-name');
    // Not offered by the browser's autofill nor restored by it on Back: on a shared PC that
    // would be the previous person's name. The page remembers it (and forgets it) itself.
    assert.equal(await nameField(page).getAttribute('autocomplete'), 'off');
    assert.ok(await page.locator('#quiz-employee-id').isHidden());  // not asked by this site
    assert.ok(await page.locator('#quiz-department').isHidden());
    // The questions can be answered; 採点する without a name asks for it and marks nothing.
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    assert.match(await page.getByRole('alert').textContent(), /氏名を入力してください。/);
    assert.equal(await focused(page), 'quiz-name');
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await keptResults(page, 'basic'), null);
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    // Spaces alone are no name.
    await enterName(page, '　 ');
    await page.getByRole('button', { name: '採点する' }).click();
    assert.equal(await focused(page), 'quiz-name');
    await enterName(page, ' 山田 太郎 ');
    assert.ok(await page.getByRole('alert').isHidden());  // typing a name takes the message away
    await page.getByRole('button', { name: '採点する' }).click();
    assert.match(await page.getByRole('status').first().textContent(), /3 \/ 3 問正解/);
    assert.deepEqual(JSON.parse(await keptResults(page, 'basic')).last.person, { name: '山田 太郎' });
    // The person is locked with the attempt: the record names who marked it.
    assert.ok(await nameField(page).isDisabled());
    // Remembered: prefilled on the next visit (a new tab) and on another quiz.
    const next = await context.newPage();
    await next.goto(fileUrl(site, 'quizzes/self.html'));
    assert.equal(await nameField(next).inputValue(), '山田 太郎');
    assert.ok(await nameField(next).isEnabled());
    assert.equal(await next.evaluate(() => localStorage.getItem('mamori:person')), JSON.stringify({ name: '山田 太郎' }));
    // もう一度 opens the name again.
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.ok(await nameField(page).isEnabled());
    assert.equal(await nameField(page).inputValue(), '山田 太郎');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the person\'s fields', () => {
  test('社員番号 and 所属 are required when the site asks for them; the 社員番号 is kept NFKC-normalised', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { acceptDownloads: true });
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    const [id, department] = [page.locator('#quiz-employee-id'), page.locator('#quiz-department')];
    assert.equal(await page.getByRole('textbox', { name: '社員番号（必須）' }).count(), 1);
    assert.equal(await page.getByRole('textbox', { name: '所属（必須）' }).count(), 1);
    await enterName(page);
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    const alert = page.getByRole('alert');
    assert.equal(await alert.textContent(), '社員番号、所属を入力してください。記録に載せるために必要です。');
    assert.equal(await focused(page), 'quiz-employee-id');
    assert.equal(await id.getAttribute('aria-invalid'), 'true');
    assert.equal(await department.getAttribute('aria-invalid'), 'true');
    assert.equal(await nameField(page).getAttribute('aria-invalid'), null);
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await keptResults(page, 'basic'), null);
    assert.deepEqual(await axeViolations(page), []);
    // 全角 digits and spaces: the 社員番号 is the same as typed in ASCII; spaces alone are no 所属.
    await id.fill(' ０１２３ ');
    assert.equal(await id.getAttribute('aria-invalid'), null);  // filled: no longer marked
    await department.fill('　');
    await page.getByRole('button', { name: '採点する' }).click();
    assert.equal(await alert.textContent(), '所属を入力してください。記録に載せるために必要です。');
    assert.equal(await focused(page), 'quiz-department');
    await department.fill('製造部');
    assert.ok(await alert.isHidden());  // every field filled: the message goes
    await page.getByRole('button', { name: '採点する' }).click();
    assert.match(await page.getByRole('status').first().textContent(), /3 \/ 3 問正解/);
    assert.equal(await id.inputValue(), '0123');  // as the record has it
    const json = await download(page, page.locator('#quiz-download-json'));
    assert.match(json.name, /^理解度チェック_basic_0123_\d{8}\.json$/);
    assert.deepEqual(JSON.parse(json.text).person, { name: '山田 太郎', employee_id: '0123', department: '製造部' });
    assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('mamori:person'))),
      { name: '山田 太郎', employee_id: '0123', department: '製造部' });
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the next person on a shared PC', () => {
  test('another 氏名 clears the 社員番号 and 所属 filled from the remembered person, not those typed now', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    const [id, department] = [page.locator('#quiz-employee-id'), page.locator('#quiz-department')];
    await enterName(page);
    await id.fill('E0042');
    await department.fill('総務部');
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    await page.getByRole('button', { name: /もう一度/ }).click();
    await page.goto(fileUrl(training, 'quizzes/self.html'));
    // The same person (written with a full-width space): everything stays.
    assert.equal(await id.inputValue(), 'E0042');
    await enterName(page, '山田　太郎');
    assert.deepEqual([await id.inputValue(), await department.inputValue()], ['E0042', '総務部']);
    // Another person: the previous person's 社員番号 and 所属 go, and so do their results.
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    assert.ok(await page.locator('#quiz-kept').isVisible());
    await enterName(page, '佐藤 花子');
    assert.deepEqual([await id.inputValue(), await department.inputValue()], ['', '']);
    assert.ok(await page.locator('#quiz-kept').isHidden());
    // What was typed in this visit stays, whichever field was typed first.
    await page.reload();
    await id.fill('E0050');
    await enterName(page, '佐藤 花子');
    assert.deepEqual([await id.inputValue(), await department.inputValue()], ['E0050', '']);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('before marking', () => {
  test('unanswered questions are named, focus moves to the first, and marking them blank needs a second press', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await enterName(page);
    await page.getByLabel('サービスごとに変える').check();
    const [mail, pay] = [await questionName(page, 'mail'), await questionName(page, 'pay')];
    const blanks = [mail, pay].sort().join('、');
    await page.getByRole('button', { name: '採点する' }).click();
    const warning = page.locator('#quiz-warning');
    assert.equal(await warning.textContent(), `${blanks}が未回答です。未回答のまま採点すると、その問題は不正解になります。`);
    assert.equal(await warning.getAttribute('role'), 'alert');
    const first = blanks.startsWith(mail) ? 'mail' : 'pay';
    assert.equal(await page.evaluate(() => document.activeElement.closest('li').id), `q-${first}`);
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await keptResults(page, 'basic'), null);
    assert.equal(await page.getByRole('button', { name: '採点する', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: '未回答のまま採点する' }).count(), 1);
    // Answering a blank takes the second press back: 採点する again, and only the rest named.
    await page.getByLabel('誤り', { exact: true }).check();
    assert.equal(await page.getByRole('button', { name: '未回答のまま採点する' }).count(), 0);
    assert.equal(await warning.textContent(), `${mail}が未回答です。未回答のまま採点すると、その問題は不正解になります。`);
    await page.getByRole('button', { name: '採点する' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.closest('li').id), 'q-mail');
    assert.equal(await keptResults(page, 'basic'), null);
    // The second, explicit press marks: the blank is wrong.
    await page.getByRole('button', { name: '未回答のまま採点する' }).click();
    assert.equal((await page.getByRole('status').first().textContent()).trim(), '2 / 3 問正解（67%） 合格（合格ライン 60%）');
    assert.ok(await warning.isHidden());
    assert.ok(await page.locator('#q-mail .quiz-verdict', { hasText: '× 未回答' }).isVisible());
    const { last } = JSON.parse(await keptResults(page, 'basic'));
    assert.deepEqual(last.answers.find((a) => a.question === 'mail').chosen, []);
    // With every question answered one press marks.
    await page.getByRole('button', { name: /もう一度/ }).click();
    await answerBasic(page, false);
    await page.getByRole('button', { name: '採点する' }).click();
    assert.match(await page.getByRole('status').first().textContent(), /0 \/ 3/);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('the marked attempt', () => {
  test('the result links the wrongly answered questions', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await enterName(page);
    await page.getByLabel('サービスごとに変える').check();
    await page.getByLabel('添付ファイルを開かない').check();  // half of the right answer: wrong
    await page.getByLabel('正しい', { exact: true }).check();
    await page.getByRole('button', { name: '採点する' }).click();
    const wrong = page.locator('#quiz-wrong');
    assert.match(await wrong.locator('p').textContent(), /^間違えた問題（2 問）/);
    const links = await wrong.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
    const expected = [];
    for (const [id, text] of [['mail', '不審なメールへの対応として正しいものをすべて選んでください。'], ['pay', 'ランサムウェアの身代金はすぐに払うのがよい。']]) {
      expected.push([`#q-${id}`, `${await questionName(page, id)}：${text}`]);
    }
    assert.deepEqual(links, expected.sort((a, b) => a[1].localeCompare(b[1])));
    await wrong.locator('a').first().click();
    assert.ok(page.url().endsWith(links[0][0]));
    // A pass with nothing wrong lists nothing.
    await page.getByRole('button', { name: /もう一度/ }).click();
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    assert.ok(await wrong.isHidden());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('Back from an explanation shows the marked attempt again, locked, and keeps no second result', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    const status = await takeBasic(page, false);
    const shown = await shownAttempt(page);
    assert.equal(shown.length, 3);
    assert.ok(shown.every((q) => q.disabled));
    const kept = await keptResults(page, 'basic');
    const feedback = await page.locator('#quiz-questions').innerText();
    await page.getByRole('link', { name: /^解説のページ/ }).first().click();
    await page.waitForURL(/\/basics\/index\.html#/);
    await page.goBack();
    assert.match(page.url(), /\/quizzes\/basic\.html$/);
    assert.deepEqual(await shownAttempt(page), shown);  // the same draw, answers, locked
    assert.equal((await page.getByRole('status').first().textContent()).trim(), status);
    assert.equal(await page.locator('#quiz-questions').innerText(), feedback);
    assert.equal(await page.getByRole('button', { name: '採点する' }).count(), 0);
    assert.ok(await page.getByRole('button', { name: /もう一度/ }).isVisible());
    assert.equal(await nameField(page).inputValue(), '山田 太郎');
    assert.ok(await nameField(page).isDisabled());
    assert.equal(await keptResults(page, 'basic'), kept);  // one kept result, not two
    assert.equal(await page.locator('#quiz-kept').isHidden(), true);
    // The restored attempt is locked like the first: a script's change is put back.
    await page.evaluate(() => {
      for (const input of document.querySelectorAll('#quiz-form input')) { input.disabled = false; input.checked = false; }
      document.querySelector('#quiz-form input').dispatchEvent(new Event('change', { bubbles: true }));
    });
    assert.deepEqual(await shownAttempt(page), shown);
    // もう一度 ends it: a reload now shows a new, open attempt.
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
    await page.reload();
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    assert.equal(await page.locator('#quiz-form input:checked').count(), 0);
    assert.equal(await keptResults(page, 'basic'), kept);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a marked attempt edited in sessionStorage is not marked again into another result: it is dropped', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    const attempt = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('mamori:attempt:basic')));
    await takeBasic(page, true);
    const right = (await attempt()).picked;  // the right answers (the page shows them after marking)
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.match(await takeBasic(page, false), /不合格/);
    const kept = await keptResults(page, 'basic');
    // A reload shows the marked attempt as it was marked.
    await page.reload();
    assert.match(await page.getByRole('status').first().textContent(), /不合格/);
    // The failed attempt's answers replaced by the right ones: not re-marked into 合格.
    await page.evaluate((picked) => {
      const saved = JSON.parse(sessionStorage.getItem('mamori:attempt:basic'));
      sessionStorage.setItem('mamori:attempt:basic', JSON.stringify({ ...saved, picked }));
    }, right);
    await page.reload();
    assert.ok(await page.locator('#quiz-result').isHidden());  // never shown
    assert.equal(await page.getByRole('button', { name: '修了証を表示' }).isVisible(), true);  // the first pass, kept
    assert.equal(await page.locator('#quiz-certificate').isHidden(), true);
    assert.equal(await page.locator('#quiz-form input:checked').count(), 0);  // a fresh draw, open
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    assert.ok(await nameField(page).isEnabled());
    assert.equal(await attempt(), null);  // never kept
    assert.equal(await keptResults(page, 'basic'), kept);
    // A chosen id changed where the verdict stays the same (wrong either way) is dropped too.
    assert.match(await takeBasic(page, false), /不合格/);
    await page.evaluate(() => {
      const saved = JSON.parse(sessionStorage.getItem('mamori:attempt:basic'));
      saved.picked.mail = [];
      sessionStorage.setItem('mamori:attempt:basic', JSON.stringify(saved));
    });
    await page.reload();
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await attempt(), null);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a page back from the back-forward cache forgets an attempt whose records were cleared meanwhile', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    const shown = await shownAttempt(page);
    const persisted = () => page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    // Nothing changed meanwhile: the marked attempt stays as it is.
    await persisted();
    assert.deepEqual(await shownAttempt(page), shown);
    assert.ok(await page.locator('#quiz-result').isVisible());
    // Another page cleared this browser's records (「この端末の記録を消す」 on the index).
    await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await persisted();
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    assert.equal(await page.locator('#quiz-form input:checked').count(), 0);
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    assert.equal(await nameField(page).inputValue(), '');
    assert.equal(await page.locator('#quiz-history').textContent(), '');
    assert.deepEqual(problems, []);
    await context.close();
  });
});

// The visible text of the home page's progress line, or null when it is hidden.
async function progress(page) {
  const line = page.locator('#m-path-progress');
  return await line.isVisible() ? (await line.textContent()).trim() : null;
}

// What the home page, the quizzes index and the quiz page (opened as the index opens a
// certificate) show of the kept results of the quiz basic, for the person remembered.
async function shownEverywhere(page, where) {
  await page.goto(fileUrl(where));
  const shown = { progress: await progress(page), marks: await page.locator('.path-passed:visible').count() };
  await page.goto(fileUrl(where, 'quizzes/index.html'));
  shown.index = (await page.locator('[data-quiz-result="basic"]').textContent()).replace(/\d{4}年\d{1,2}月\d{1,2}日/g, 'DAY');
  shown.indexKept = await page.locator('[data-quiz-kept="basic"]').isVisible();
  shown.indexStatus = await page.locator('#quiz-index-status').isVisible() ? await page.locator('#quiz-index-status').textContent() : null;
  await page.goto(`${fileUrl(where, 'quizzes/basic.html')}#quiz-certificate`);
  shown.certificate = await page.locator('#quiz-certificate').isVisible();
  shown.kept = await page.locator('#quiz-kept').isVisible();
  shown.history = await page.locator('#quiz-history').textContent();
  return shown;
}

describe('a shared PC', () => {
  test('kept results belong to the person who marked them: the next person sees none of them', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    // Nobody has typed a name yet: no progress line at all.
    await page.goto(fileUrl(site));
    assert.equal(await progress(page), null);
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true, '山田 太郎');
    await page.getByRole('button', { name: /もう一度/ }).click();  // the attempt on screen is over
    const passed = await shownEverywhere(page, site);
    assert.deepEqual({ ...passed, history: passed.history.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, 'DAY') }, {
      progress: '山田 太郎 さんの進み具合：2つ中1つ合格', marks: 1,
      index: '山田 太郎 さんの前回の結果：DAY 3 / 3 問正解（100%） 合格　最高の結果：DAY 3 / 3 問正解（100%） 合格', indexKept: true,
      indexStatus: '山田 太郎 さんの進み具合：2つ中1つ合格', certificate: true, kept: false,
      history: '山田 太郎 さんの前回の結果：DAY 3 / 3 問正解（100%） 合格山田 太郎 さんの最高の結果：DAY 3 / 3 問正解（100%） 合格' });
    // The next person on this PC types their name on a quiz page: nothing of the first is shown there.
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    assert.ok(await page.locator('#quiz-kept').isVisible());  // 山田 太郎 is remembered
    assert.match(await page.locator('#quiz-kept p').first().textContent(), /^山田 太郎 さんの最高の結果は、/);
    // A phone or a tablet is no パソコン: the page says 端末.
    assert.match(await page.locator('#quiz-person-note').textContent(), /この端末のブラウザに記憶し、/);
    assert.doesNotMatch(await page.locator('#quiz-app').textContent(), /パソコン/);
    await page.getByRole('button', { name: '修了証を表示' }).click();
    await nameField(page).fill('佐藤 花子');
    assert.ok(await page.locator('#quiz-kept').isHidden());
    assert.ok(await page.locator('#quiz-certificate').isHidden());
    assert.equal(await page.locator('#quiz-history').textContent(), '');
    await nameField(page).press('Tab');  // remembered from here on
    assert.deepEqual(await shownEverywhere(page, site), {
      progress: '佐藤 花子 さんの進み具合：2つ中0つ合格', marks: 0, index: '佐藤 花子 さんの前回の結果：まだ受けていません', indexKept: false,
      indexStatus: '佐藤 花子 さんの進み具合：2つ中0つ合格', certificate: false, kept: false, history: '' });
    assert.equal(await page.locator('#quiz-index-person').count(), 0);  // the quiz page has no such line
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    assert.doesNotMatch(await page.locator('main').textContent(), /パソコン/);
    assert.equal(await page.locator('#quiz-index-person').textContent(),
      '佐藤 花子 さんの結果です。別の人の結果は、小テストのページで氏名を入力すると表示されます。');
    // The first person again (a full-width space is the same name): their results are back.
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await nameField(page).fill('山田　太郎');
    assert.ok(await page.locator('#quiz-kept').isVisible());
    await nameField(page).press('Tab');
    // Named as typed this time.
    const again = JSON.parse(JSON.stringify(passed).replaceAll('山田 太郎 さん', '山田　太郎 さん'));
    assert.deepEqual(await shownEverywhere(page, site), again);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('with 社員番号 asked, results belong to the 社員番号 (the same in 全角), not to the name', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    await enterName(page);
    await page.locator('#quiz-employee-id').fill('E0042');
    await page.locator('#quiz-department').fill('総務部');
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.deepEqual(Object.keys((await storedResults(page, 'basic')).people), ['id:E0042']);
    await page.goto(fileUrl(training, 'quizzes/basic.html'));
    const kept = page.locator('#quiz-kept');
    assert.ok(await kept.isVisible());
    await page.locator('#quiz-employee-id').fill('E0043');  // the same name, another person
    assert.ok(await kept.isHidden());
    await page.locator('#quiz-employee-id').fill('Ｅ００４２');
    assert.ok(await kept.isVisible());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('results kept in the earlier format ({ last, best }) belong to nobody: never shown, replaced by the next', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    const record = { format: 'mamori-quiz-result', version: 2,
      quiz: { id: 'basic', title: '基本の小テスト', type: 'quiz', version: await bankVersion(page) },
      person: { name: '山田 太郎' }, attempt: { date: '2026-11-19T23:30:00.000Z', seed: 5 },
      score: { correct: 3, total: 3, percent: 100, pass_mark: 60, passed: true },
      answers: ['password', 'mail', 'pay'].map((question) => ({ question, chosen: ['a'], correct: true })) };
    await page.evaluate((saved) => {
      localStorage.setItem('mamori:person', JSON.stringify({ name: '山田 太郎' }));
      localStorage.setItem('mamori:quiz:basic', JSON.stringify(saved));
    }, { last: record, best: record });
    const shown = await shownEverywhere(page, site);
    assert.deepEqual(shown, { progress: '山田 太郎 さんの進み具合：2つ中0つ合格', marks: 0, index: '山田 太郎 さんの前回の結果：まだ受けていません',
      indexKept: false, indexStatus: '山田 太郎 さんの進み具合：2つ中0つ合格', certificate: false, kept: false, history: '' });
    await takeBasic(page, false);
    const stored = await storedResults(page, 'basic');
    assert.deepEqual(Object.keys(stored), ['people']);
    assert.equal(stored.people['name:山田太郎'].best.score.passed, false);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('「この端末の記録を消す」 on a quiz page asks first, then clears the person and every kept result, and says so', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/self.html'));
    await enterName(page);
    await page.locator('#quiz-questions fieldset').nth(0).getByLabel('実施している', { exact: true }).check();
    await page.locator('#quiz-questions fieldset').nth(1).getByLabel('実施している', { exact: true }).check();
    await page.getByRole('button', { name: '診断する' }).click();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    await page.evaluate(() => localStorage.setItem('mamori:tasks:/x.html', '{}'));  // the guidance's check boxes are not results
    const everything = ['mamori:attempt:basic', 'mamori:attempt:self', 'mamori:person', 'mamori:quiz:basic', 'mamori:quiz:self'];
    assert.deepEqual(await quizKeys(page), everything);
    const clear = page.getByRole('button', { name: 'この端末の記録を消す' });
    const question = page.getByRole('group', { name: /すべての小テストの結果を消します/ });
    // The question, by keyboard: it takes focus; やめる and Escape leave everything as it was.
    await clear.focus();
    await page.keyboard.press('Enter');
    assert.ok(await question.isVisible());
    assert.equal(await focused(page), 'quiz-clear-confirm');
    assert.equal(await clear.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(await quizKeys(page), everything);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'quiz-clear-no');
    await page.keyboard.press('Enter');
    assert.ok(await question.isHidden());
    assert.equal(await focused(page), 'quiz-clear');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    assert.ok(await question.isHidden());
    assert.deepEqual(await quizKeys(page), everything);
    // はい、消します.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'quiz-clear-yes');
    await page.keyboard.press('Enter');
    assert.deepEqual(await quizKeys(page), []);
    assert.equal(await page.evaluate(() => localStorage.getItem('mamori:tasks:/x.html')), '{}');
    assert.equal(await page.getByRole('status').filter({ hasText: '消しました' }).textContent(), 'この端末の記録を消しました。');
    assert.equal(await focused(page), 'quiz-clear');
    // The page forgets them too: a new attempt, no name, no history.
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    assert.equal(await nameField(page).inputValue(), '');
    assert.ok(await nameField(page).isEnabled());
    assert.equal(await page.locator('#quiz-history').textContent(), '');
    await page.reload();
    assert.equal(await nameField(page).inputValue(), '');
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('「この端末の記録を消す」 on the quizzes index', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    assert.equal(await page.locator('.quiz-list .quiz-kept:visible').count(), 0);  // nobody yet: no empty box
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    const kept = page.locator('[data-quiz-result="basic"]');
    assert.ok(await kept.isVisible());
    assert.match(await kept.textContent(), /^山田 太郎 さんの前回の結果：\d{4}年\d{1,2}月\d{1,2}日 /);  // a date as Japanese write it
    assert.match(await kept.textContent(), /最高の結果：.*3 \/ 3 問正解/);
    assert.ok(await page.locator('[data-quiz-kept="basic"]').isVisible());
    await page.getByRole('button', { name: 'この端末の記録を消す' }).click();
    assert.equal(await focused(page), 'quiz-clear-confirm');
    await page.getByRole('button', { name: 'はい、消します' }).click();
    assert.deepEqual(await quizKeys(page), []);
    assert.equal(await page.getByRole('status').filter({ hasText: '消しました' }).textContent(), 'この端末の記録を消しました。');
    assert.equal(await kept.textContent(), '');  // nobody is remembered: nobody's results
    assert.equal(await page.locator('.quiz-list .quiz-kept:visible').count(), 0);  // no empty box
    assert.ok(await page.locator('#quiz-index-person').isHidden());
    assert.ok(await page.locator('[data-quiz-kept="basic"]').isHidden());
    // Back to the quiz page: nothing of the previous person is shown there either.
    await page.goBack();
    assert.match(page.url(), /\/quizzes\/basic\.html$/);
    assert.equal(await nameField(page).inputValue(), '');
    assert.ok(await page.locator('#quiz-result').isHidden());
    assert.equal(await page.locator('#quiz-form input:checked').count(), 0);
    assert.equal(await page.locator('#quiz-history').textContent(), '');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
