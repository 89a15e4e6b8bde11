// An attempt as an employee goes through it: the name first (remembered), unanswered
// questions named before marking, the marked attempt kept for Back, and the shared-PC
// 「この端末の記録を消す」 on the quiz page and the quizzes index.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSite, fileUrl, launch, watchedPage } from './support.mjs';
import { answerBasic, enterName, fixture, keptResults, nameField, quizKeys, shownAttempt, takeBasic } from './quiz-support.mjs';

let browser;
let site;

before(async () => {
  site = buildSite(fixture);
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

describe('a shared PC', () => {
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
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    const kept = page.locator('[data-quiz-result="basic"]');
    assert.match(await kept.textContent(), /最高の結果：.*3 \/ 3 問正解/);
    assert.ok(await page.locator('[data-quiz-kept="basic"]').isVisible());
    await page.getByRole('button', { name: 'この端末の記録を消す' }).click();
    assert.equal(await focused(page), 'quiz-clear-confirm');
    await page.getByRole('button', { name: 'はい、消します' }).click();
    assert.deepEqual(await quizKeys(page), []);
    assert.equal(await page.getByRole('status').filter({ hasText: '消しました' }).textContent(), 'この端末の記録を消しました。');
    assert.equal(await kept.textContent(), '前回の結果：まだ受けていません');
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
