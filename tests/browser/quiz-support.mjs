// Helpers shared by the quiz tests: the fixture project tests/fixtures/quiz, answered as an
// employee would (by the labels on screen).
import fs from 'node:fs';
import path from 'node:path';
import { repo } from './support.mjs';

export const fixture = path.join(repo, 'tests', 'fixtures', 'quiz');
export const mamori = process.env.MAMORI || path.join(repo, 'build', 'dev', 'mamori');

// The 氏名 field (asked before the questions).
export function nameField(page) {
  return page.getByRole('textbox', { name: /^氏名/ });
}

export async function enterName(page, name = '山田 太郎') {
  await nameField(page).fill(name);
}

// The kept results of a quiz for one person, { last, best } as a string (null when there are
// none): the person `key` ("name:山田太郎", "id:0123"), or the only person kept.
export function keptResults(page, id, key = null) {
  return page.evaluate(([item, who]) => {
    const people = JSON.parse(localStorage.getItem(item) || 'null')?.people || {};
    const keys = Object.keys(people);
    const mine = people[who ?? (keys.length === 1 ? keys[0] : '')];
    return mine ? JSON.stringify({ last: mine.last, best: mine.best }) : null;
  }, [`mamori:quiz:${id}`, key]);
}

// Everything localStorage keeps of a quiz (parsed), or null.
export function storedResults(page, id) {
  return page.evaluate((item) => JSON.parse(localStorage.getItem(item) || 'null'), `mamori:quiz:${id}`);
}

// Every key this browser keeps for the quizzes: localStorage and sessionStorage.
export function quizKeys(page) {
  return page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]
    .filter((k) => k.startsWith('mamori:quiz:') || k.startsWith('mamori:attempt:') || k === 'mamori:person').sort());
}

// The question bank version the page's JSON carries.
export function bankVersion(page) {
  return page.evaluate(() => JSON.parse(document.getElementById('quiz-data').textContent).bank_version);
}

// Clicks `button` (a locator) and returns the download: { name, text }.
export async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

// Downloads the result on screen in `format` (CSV or JSON) and returns its text.
export async function downloaded(page, format) {
  const button = page.locator('#quiz-result').getByRole('button', { name: new RegExp(format) });
  return (await download(page, button)).text;
}

// Answers the fixture's basic quiz; `right` chooses all-correct or all-wrong answers.
export async function answerBasic(page, right) {
  await page.getByLabel(right ? 'サービスごとに変える' : '覚えやすいように全部同じにする').check();
  await page.getByLabel('添付ファイルを開かない').check();
  if (right) await page.getByLabel('情報システムの担当者に知らせる').check();
  await page.getByLabel(right ? '誤り' : '正しい', { exact: true }).check();
}

// Takes the basic quiz as `name`: answers, marks; returns the status line.
export async function takeBasic(page, right, name = '山田 太郎') {
  await enterName(page, name);
  await answerBasic(page, right);
  await page.getByRole('button', { name: '採点する' }).click();
  return (await page.getByRole('status').first().textContent()).trim();
}

// The fixture's hostile quiz has one question; its first choice (A) is right.
export async function takeHostile(page, right, name = '山田 太郎') {
  await enterName(page, name);
  const label = page.locator('#quiz-form label', { hasText: right ? /A$/ : /B$/ });
  await label.click();
  await page.getByRole('button', { name: '採点する' }).click();
}

// The questions on screen in order, with the labels of their checked answers.
export function shownAttempt(page) {
  return page.locator('#quiz-questions > li').evaluateAll((items) => items.map((li) => ({
    id: li.id,
    checked: [...li.querySelectorAll('input:checked')].map((i) => i.id).sort(),
    disabled: [...li.querySelectorAll('input')].every((i) => i.disabled),
  })));
}
