// Quizzes as an employee takes them: from file://, by labels and by keyboard, with the
// result announced, kept, printed as a certificate and downloaded.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axeViolations, buildSite, fileUrl, launch, watchedPage } from './support.mjs';
import { answerBasic, bankVersion, downloaded, enterName, fixture, keptResults, mamori, nameField, takeBasic } from './quiz-support.mjs';

let browser;
let site;

before(async () => {
  site = buildSite(fixture);
  browser = await launch();
});
after(async () => { await browser?.close(); });

describe('a quiz page', () => {
  test('the answers are not in the page source', () => {
    const html = fs.readFileSync(path.join(site, 'quizzes', 'basic.html'), 'utf8');
    assert.doesNotMatch(html, /サービスごとに別のパスワード/);  // the explanation
    const data = html.match(/<script type="application\/json" id="quiz-data">([^<]*)<\/script>/)[1];
    assert.doesNotMatch(data, /correct|feedback|explanation/);
    assert.match(data, /サービスごとに変える/);  // the choices are shown, of course
  });

  test('an employee picks answers by label, submits, hears the score, and finds it kept after a reload', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    assert.equal(await page.locator('#quiz-questions fieldset legend').count(), 3);
    await enterName(page);
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    const status = page.getByRole('status');
    assert.equal((await status.textContent()).trim(), '3 / 3 問正解（100%） 合格（合格ライン 60%）');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-result');
    // Each question says right or wrong in words, with its explanation and a link to the guidance.
    assert.equal(await page.locator('.quiz-verdict', { hasText: '○ 正解' }).count(), 3);
    assert.ok(await page.getByText('サービスごとに別のパスワードにします。').isVisible());
    const source = page.locator('.quiz-source a').first();
    assert.match(await source.getAttribute('href'), /^\.\.\/basics\/index\.html#/);
    await page.reload();
    assert.match(await page.locator('#quiz-history').textContent(), /前回の結果：\d{4}年\d{1,2}月\d{1,2}日 3 \/ 3 問正解（100%） 合格/);
    await page.goto(fileUrl(site, 'quizzes/index.html'));
    assert.match(await page.locator('[data-quiz-result="basic"]').textContent(), /最高の結果：.*3 \/ 3 問正解/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('wrong answers show the answer given beside the correct one, and the chosen choice\'s feedback; "もう一度" draws anew', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    assert.equal(await takeBasic(page, false), '0 / 3 問正解（0%） 不合格（合格ライン 60%）');
    assert.equal(await page.locator('.quiz-verdict', { hasText: '× 不正解' }).count(), 3);
    assert.ok(await page.getByText('一つ漏れると全部に入られてしまいます。').isVisible());
    // Each its own paragraph, every choice in 「」 (the words of a choice can hold 、).
    const answers = (id) => page.locator(`#q-${id} .quiz-feedback`).locator('.quiz-your-answer, .quiz-correct-answer').allTextContents();
    assert.deepEqual(await answers('password'), ['あなたの答え：「覚えやすいように全部同じにする」', '正しい答え：「サービスごとに変える」']);
    assert.deepEqual(await answers('mail'), ['あなたの答え：「添付ファイルを開かない」', '正しい答え：「添付ファイルを開かない」「情報システムの担当者に知らせる」']);
    assert.deepEqual(await answers('pay'), ['あなたの答え：「正しい」', '正しい答え：「誤り」']);
    // A right answer shows the answer given; a blank says so.
    await page.getByRole('button', { name: /もう一度/ }).click();
    await page.getByLabel('サービスごとに変える').check();
    await page.getByLabel('誤り', { exact: true }).check();
    await page.getByRole('button', { name: '採点する' }).click();
    await page.getByRole('button', { name: '未回答のまま採点する' }).click();
    assert.deepEqual(await answers('password'), ['あなたの答え：「サービスごとに変える」']);
    assert.deepEqual(await answers('mail'), ['あなたの答え：未回答', '正しい答え：「添付ファイルを開かない」「情報システムの担当者に知らせる」']);
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.equal(await page.locator('#quiz-result').isHidden(), true);
    assert.equal(await page.locator('input:checked').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('#quiz-form input')), true);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a marked attempt is locked: neither mouse, keyboard nor script can mark it again; もう一度 starts afresh', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await enterName(page);
    await answerBasic(page, false);
    await page.getByRole('button', { name: '採点する' }).click();
    const failed = '0 / 3 問正解（0%） 不合格（合格ライン 60%）';
    const status = page.getByRole('status');
    assert.equal((await status.textContent()).trim(), failed);
    const keptAfterMarking = await keptResults(page, 'basic');
    assert.equal(JSON.parse(keptAfterMarking).best.score.passed, false);
    const checkedLabels = () => page.locator('#quiz-form input:checked').evaluateAll(
      (inputs) => inputs.map((i) => document.querySelector(`label[for="${i.id}"]`).textContent).sort());
    const graded = await checkedLabels();
    assert.deepEqual(graded, ['正しい', '添付ファイルを開かない', '覚えやすいように全部同じにする'].sort());
    // Nothing is left to mark with: every answer is disabled, 採点する is gone.
    assert.equal(await page.locator('#quiz-form input:not(:disabled)').count(), 0);
    assert.equal(await page.getByRole('button', { name: '採点する' }).count(), 0);
    assert.ok(await page.locator('#quiz-submit').isHidden());
    assert.ok(await page.locator('#quiz-submit').isDisabled());
    const unchanged = async (how) => {
      assert.equal((await status.textContent()).trim(), failed, how);
      assert.equal(await keptResults(page, 'basic'), keptAfterMarking, how);
      assert.deepEqual(await checkedLabels(), graded, how);
      assert.equal(await page.locator('.quiz-verdict', { hasText: '○ 正解' }).count(), 0, how);
      assert.equal(await page.locator('.quiz-verdict', { hasText: '× 不正解' }).count(), 3, how);
      assert.doesNotMatch(await page.locator('#quiz-history').textContent(), /\s合格/, how);
      assert.equal(await page.locator('#quiz-form input:not(:disabled)').count(), 0, how);
      assert.equal(await page.getByRole('button', { name: '採点する' }).count(), 0, how);
    };

    // By mouse: click the right answers (their words and their boxes), then where 採点する was.
    for (const label of ['サービスごとに変える', '情報システムの担当者に知らせる', '誤り']) {
      const text = page.getByText(label, { exact: true });
      const box = await text.boundingBox();
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const input = await page.getByLabel(label, { exact: true }).boundingBox();
      await page.mouse.click(input.x + input.width / 2, input.y + input.height / 2);
    }
    const submitBox = await page.locator('#quiz-submit').boundingBox();
    assert.equal(submitBox, null);  // not on screen, so no click can reach it
    await unchanged('mouse');

    // By keyboard: no tab stop is an answer or 採点する; Space and Enter there change nothing.
    await page.locator('#m-main').focus();
    const stops = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => ({ id: document.activeElement.id, tag: document.activeElement.tagName }));
      if (stop.id === 'quiz-retry') break;
      stops.push(stop);
      if (stop.tag !== 'A') { await page.keyboard.press('Space'); await page.keyboard.press('Enter'); }
    }
    assert.ok(stops.length < 40, 'Tab reaches もう一度');
    assert.deepEqual(stops.filter((s) => s.tag === 'INPUT' || s.id === 'quiz-submit'), []);
    await page.locator('#m-main').focus();
    await page.evaluate(() => document.querySelector('#quiz-form input').focus());
    assert.notEqual(await page.evaluate(() => document.activeElement.tagName), 'INPUT');
    for (const key of ['Space', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
    await unchanged('keyboard');

    // From a script: re-enable the answers, check the right ones, say so, and submit in every way.
    const afterChange = await page.evaluate(() => {
      const form = document.getElementById('quiz-form');
      const right = ['サービスごとに変える', '添付ファイルを開かない', '情報システムの担当者に知らせる', '誤り'];
      const cheat = () => {
        for (const input of form.querySelectorAll('input')) {
          input.disabled = false;
          input.checked = right.includes(document.querySelector(`label[for="${input.id}"]`).textContent);
        }
      };
      cheat();
      for (const input of form.querySelectorAll('input')) {
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
      // The page has put the graded answers back; cheat again without telling it, then submit.
      const restored = [...form.querySelectorAll('input:checked')].map((i) => i.disabled);
      cheat();
      const button = document.getElementById('quiz-submit');
      button.disabled = false;
      button.hidden = false;
      button.click();
      form.requestSubmit();
      form.requestSubmit(button);
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      return restored;
    });
    assert.deepEqual(afterChange, [true, true, true]);  // three graded answers, checked and disabled again
    assert.equal((await status.textContent()).trim(), failed);
    assert.equal(await keptResults(page, 'basic'), keptAfterMarking);
    assert.equal(await page.locator('.quiz-verdict', { hasText: '○ 正解' }).count(), 0);
    await page.evaluate(() => {  // the next change puts the graded answers back
      document.querySelector('#quiz-form input').dispatchEvent(new Event('change', { bubbles: true }));
    });
    await unchanged('script');

    // もう一度: a new attempt that can be answered and marked, and is then locked in turn.
    await page.getByRole('button', { name: /もう一度/ }).click();
    assert.ok(await page.getByRole('button', { name: '採点する' }).isEnabled());
    assert.equal(await page.locator('#quiz-form input:disabled').count(), 0);
    assert.equal(await page.locator('#quiz-form input:checked').count(), 0);
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    assert.equal((await status.textContent()).trim(), '3 / 3 問正解（100%） 合格（合格ライン 60%）');
    const kept = JSON.parse(await keptResults(page, 'basic'));
    assert.equal(kept.last.score.passed, true);
    assert.equal(kept.best.score.passed, true);
    assert.equal(await page.locator('#quiz-form input:not(:disabled)').count(), 0);
    assert.equal(await page.getByRole('button', { name: '採点する' }).count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the whole quiz can be done with the keyboard', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    // The name first, then Tab into the first question, choose with space, move on with Tab.
    await nameField(page).focus();
    await page.keyboard.type('山田 太郎');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('#quiz-form input')), true);
    const names = await page.locator('#quiz-questions fieldset').evaluateAll((sets) => sets.map((s) => s.querySelector('input').type));
    for (let q = 0; q < names.length; q++) {
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      // Checkboxes are separate tab stops: move past the rest of this question's boxes.
      if (names[q] === 'checkbox') {
        const count = await page.locator('#quiz-questions fieldset').nth(q).locator('input').count();
        for (let i = 1; i < count; i++) await page.keyboard.press('Tab');
      }
    }
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-submit');
    await page.keyboard.press('Enter');
    assert.match(await page.getByRole('status').textContent(), /^\d \/ 3 問正解/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-result');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the certificate and the results download', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { acceptDownloads: true, timezoneId: 'Asia/Tokyo' });
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await takeBasic(page, true);
    await page.getByRole('button', { name: '修了証を表示' }).click();
    const certificate = page.locator('#quiz-certificate');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quiz-certificate');
    assert.match(await certificate.textContent(), /修了証[\s\S]*山田 太郎[\s\S]*基本の小テスト[\s\S]*3 \/ 3 問正解[\s\S]*合格/);
    const recordText = await downloaded(page, 'JSON');
    const record = JSON.parse(recordText);
    assert.equal(record.format, 'mamori-quiz-result');
    assert.equal(record.version, 2);
    assert.deepEqual(record.quiz, { id: 'basic', title: '基本の小テスト', type: 'quiz', version: await bankVersion(page) });
    assert.match(record.quiz.version, /^[0-9a-f]{16}$/);
    assert.deepEqual(record.score, { correct: 3, total: 3, percent: 100, pass_mark: 60, passed: true });
    assert.deepEqual(record.person, { name: '山田 太郎' });
    assert.equal(record.name, undefined);
    // The local time is Tokyo's (UTC+9) for the same instant, to the second.
    const tokyo = new Date(Date.parse(record.attempt.date) + 9 * 3600 * 1000).toISOString().slice(0, 19);
    assert.equal(record.attempt.local_date, `${tokyo}+09:00`);
    const [y, m, d] = tokyo.slice(0, 10).split('-').map(Number);
    assert.match(await certificate.textContent(), new RegExp(`受験日${y}年${m}月${d}日成績`));  // the employee's day
    assert.match(record.attempt.number, new RegExp(`^${tokyo.slice(0, 10).replace(/-/g, '')}-[0-9A-F]{8}$`));
    assert.match(await certificate.textContent(), new RegExp(`修了証番号${record.attempt.number}`));
    const texts = Object.fromEntries(record.answers.map((a) => [a.question, a.text]));
    assert.deepEqual(texts, { password: 'パスワードはどうしますか。', mail: '不審なメールへの対応として正しいものをすべて選んでください。',
      pay: 'ランサムウェアの身代金はすぐに払うのがよい。' });
    // mamori results reads the file as it was downloaded: the person, the pass on the local day,
    // the question bank of today.
    const handedIn = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-handed-in-'));
    fs.writeFileSync(path.join(handedIn, 'result.json'), recordText);
    const report = JSON.parse(execFileSync(mamori, ['results', '--format', 'json', '--root', fixture, handedIn],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    assert.deepEqual(report.notes, []);
    assert.equal(report.people.length, 1);
    assert.equal(report.people[0].name, '山田 太郎');
    assert.deepEqual(report.people[0].quizzes.basic, { attempts: 1, best_percent: 100, passed: true,
      first_pass: tokyo.slice(0, 10), versions: [record.quiz.version], older_version: false,
      status: 'passed', certificate: record.attempt.number, not_counted: 0 });
    // The CSV: for a person, in Japanese, in local time with its offset, UTF-8 with BOM and CRLF.
    const csvText = await downloaded(page, 'CSV');
    // mamori results reads the CSV download too; handed in beside the JSON, the attempt counts once.
    fs.writeFileSync(path.join(handedIn, 'result.csv'), csvText);
    const both = JSON.parse(execFileSync(mamori, ['results', '--format', 'json', '--root', fixture, handedIn],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    assert.equal(both.notes.length, 1, JSON.stringify(both.notes));
    assert.deepEqual(both.people[0].quizzes.basic, report.people[0].quizzes.basic);
    fs.rmSync(handedIn, { recursive: true });
    const lines = csvText.split('\r\n');
    assert.equal(lines[0], '\ufeff小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,正解数,出題数,正答率(%),合格ライン(%),判定,問題ID,問題,回答,正誤');
    assert.equal(lines.length, 5);  // the header, three questions, and the last CRLF
    const start = `basic,基本の小テスト,${record.quiz.version},${tokyo.replace('T', ' ')} +09:00,山田 太郎,,,${record.attempt.number},3,3,100,60,合格,`;
    assert.ok(lines.includes(`${start}password,パスワードはどうしますか。,サービスごとに変える,正解`), csvText);
    assert.ok(lines.includes(`${start}pay,ランサムウェアの身代金はすぐに払うのがよい。,誤り,正解`), csvText);
    // Several choices: each in 「」, as on the page.
    assert.ok(lines.some((l) => /^basic,.*,mail,不審な[^,]+,(「添付ファイルを開かない」「情報システムの担当者に知らせる」|「情報システムの担当者に知らせる」「添付ファイルを開かない」),正解$/.test(l)), csvText);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a name that a spreadsheet would run as a formula stays text in the CSV', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { acceptDownloads: true });
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    const version = await bankVersion(page);
    // Each name as typed, and its CSV cell: a leading ' (quoted as CSV needs); like the contact export.
    const names = [
      ['=HYPERLINK("http://evil/")', '"\'=HYPERLINK(""http://evil/"")"'],
      ['+1+2', "'+1+2"], ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"], ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
      ["'=1", "''=1"], ['山田 =太郎', '山田 =太郎'], ['＝全角', '＝全角'],
    ];
    for (const [name, cell] of names) {
      if (name !== names[0][0]) await page.getByRole('button', { name: /もう一度/ }).click();
      await takeBasic(page, false, name);
      const rows = (await downloaded(page, 'CSV')).split('\r\n').slice(1, -1);
      assert.equal(rows.length, 3);
      for (const row of rows) {
        assert.ok(row.startsWith(`basic,基本の小テスト,${version},${row.split(',')[3]},${cell},,,`), `${name}: ${row}`);
        assert.match(row, /,\d{8}-[0-9A-F]{8},0,3,0,60,不合格,/, row);
        // No cell of the file starts like a formula.
        assert.doesNotMatch(row, /(^|,)"?[=+\-@\t\r]/, row);
      }
    }
    // The record keeps the name as typed.
    assert.equal(JSON.parse(await downloaded(page, 'JSON')).person.name, '＝全角');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('without storage the quiz still works and says results will not be kept', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new Error('blocked'); } });
    });
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    assert.match(await page.locator('#quiz-storage-note').textContent(), /結果を保存できません/);
    await enterName(page);
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    assert.match(await page.getByRole('status').textContent(), /3 \/ 3/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a self-check totals the points and gives the advice of the band', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    await page.goto(fileUrl(site, 'quizzes/self.html'));
    const fieldsets = page.locator('#quiz-questions fieldset');
    assert.equal(await fieldsets.count(), 2);
    await enterName(page);
    for (let i = 0; i < 2; i++) await fieldsets.nth(i).getByLabel('実施している', { exact: true }).check();
    await page.getByRole('button', { name: '診断する' }).click();
    assert.equal((await page.getByRole('status').textContent()).trim(), '診断：よくできています。合計 8 点（-2 点〜8 点）');
    assert.ok(await page.getByText('この状態を保ちましょう。').isVisible());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a self-check\'s record and CSV: version 2, the items in words, points as numbers', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { acceptDownloads: true });
    await page.goto(fileUrl(site, 'quizzes/self.html'));
    const fieldsets = page.locator('#quiz-questions fieldset');
    await enterName(page);
    await fieldsets.nth(0).getByLabel('実施している', { exact: true }).check();
    await fieldsets.nth(1).getByLabel('わからない', { exact: true }).check();
    await page.getByRole('button', { name: '診断する' }).click();
    assert.equal((await page.getByRole('status').textContent()).trim(), '診断：これから整える段階。合計 3 点（-2 点〜8 点）');
    assert.equal(await page.locator('#quiz-form input:not(:disabled)').count(), 0);
    const record = JSON.parse(await downloaded(page, 'JSON'));
    assert.equal(record.version, 2);
    assert.deepEqual(record.quiz, { id: 'self', title: '自己診断', type: 'self_check', version: await bankVersion(page) });
    assert.deepEqual(record.person, { name: '山田 太郎' });
    assert.deepEqual(record.score, { points: 3, min: -2, max: 8, band: 'これから整える段階' });
    assert.deepEqual(record.answers, [
      { question: 'lock', text: '書類を鍵のかかる棚に保管している', answer: '実施している', points: 4 },
      { question: 'rules', text: '情報の持ち出しルールを決めている', answer: 'わからない', points: -1 }]);
    const lines = (await downloaded(page, 'CSV')).split('\r\n');
    assert.equal(lines[0], '\ufeff小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,合計点,最低点,最高点,診断,項目ID,項目,回答,点数');
    const when = lines[1].split(',')[3];
    assert.match(when, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
    const start = `self,自己診断,${record.quiz.version},${when},山田 太郎,,,${record.attempt.number},3,-2,8,これから整える段階`;
    assert.deepEqual(lines.slice(1), [
      `${start},lock,書類を鍵のかかる棚に保管している,実施している,4`,
      `${start},rules,情報の持ち出しルールを決めている,わからない,-1`, '']);
    // A self-check has no pass: its printable page is a 受験記録, never a 修了証.
    await page.getByRole('button', { name: '受験記録を表示' }).click();
    assert.match(await page.locator('#quiz-certificate').innerText(), /^受験記録[\s\S]*記録番号/);
    assert.doesNotMatch(await page.locator('#quiz-certificate').innerText(), /修了/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the record\'s local time carries the browser\'s offset, also west of UTC and by the half hour', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://', { timezoneId: 'Pacific/Marquesas' });
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    await enterName(page);
    await answerBasic(page, true);
    await page.getByRole('button', { name: '採点する' }).click();
    const { last } = JSON.parse(await keptResults(page, 'basic'));
    assert.equal(last.version, 2);
    assert.match(last.attempt.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const marquesas = new Date(Date.parse(last.attempt.date) - 9.5 * 3600 * 1000).toISOString().slice(0, 19);
    assert.equal(last.attempt.local_date, `${marquesas}-09:30`);
    // The history shows the employee's day, not UTC's.
    assert.match(await page.locator('#quiz-history').textContent(), new RegExp(`前回の結果：${marquesas.slice(0, 4)}年${Number(marquesas.slice(5, 7))}月${Number(marquesas.slice(8, 10))}日 3 / 3`));
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('hostile text in a quiz stays inert', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(fileUrl(site, 'quizzes/hostile.html'));
    await enterName(page, '<img src=x onerror=alert(\'name\')>');
    await page.locator('#quiz-form input').first().check();
    await page.getByRole('button', { name: '採点する' }).click();
    await page.locator('label').first().hover();
    assert.deepEqual(dialogs, []);
    const live = await page.evaluate(() => ({
      scripts: [...document.scripts].filter((s) => s.src === '' && s.type !== 'application/json').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      frames: document.querySelectorAll('iframe').length,
    }));
    assert.deepEqual(live, { scripts: 0, handlers: 0, frames: 0 });
    // The record keeps the question as shown: its text, no markup.
    const { last } = JSON.parse(await keptResults(page, 'hostile'));
    const shown = (await page.locator('.quiz-text').first().textContent()).replace(/\s+/g, ' ').trim();
    assert.equal(last.answers[0].text, shown);
    assert.match(shown, /<img src=x onerror=alert\('text'\)> <\/script><script>alert\('code'\)<\/script> どれ？/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('quiz pages pass axe-core before answering, with each message, marked, and with the certificate', async () => {
    const { context, page, problems } = await watchedPage(browser, 'file://');
    for (const name of ['index', 'basic', 'self']) {
      await page.goto(fileUrl(site, `quizzes/${name}.html`));
      assert.deepEqual(await axeViolations(page), [], `${name} before answering`);
      if (name === 'index') continue;
      const mark = name === 'self' ? '診断する' : '採点する';  // a self-check is diagnosed, not marked
      await nameField(page).fill('');  // remembered from the quiz before
      await page.getByRole('button', { name: mark }).click();
      assert.ok(await page.getByText('氏名を入力してください。').isVisible());
      assert.deepEqual(await axeViolations(page), [], `${name} without a name`);
      await enterName(page);
      await page.getByRole('button', { name: mark }).click();
      assert.ok(await page.locator('#quiz-warning').isVisible());
      assert.deepEqual(await axeViolations(page), [], `${name} with unanswered questions`);
      await page.getByRole('button', { name: `未回答のまま${mark}` }).click();
      assert.deepEqual(await axeViolations(page), [], `${name} after answering`);
      await page.locator('#quiz-certificate-show').click();
      await page.getByRole('button', { name: 'この端末の記録を消す' }).click();
      assert.deepEqual(await axeViolations(page), [], `${name} with the certificate and the question to clear`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('with JavaScript off the page says it is needed', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(fileUrl(site, 'quizzes/basic.html'));
    assert.match(await page.locator('body').innerText(), /この小テストには JavaScript が必要です/);
    await context.close();
  });
});
