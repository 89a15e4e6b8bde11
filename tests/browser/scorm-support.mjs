// Helpers of the SCORM tests: a package built by the real binary from the fixture project
// tests/fixtures/quiz, unzipped beside an LMS page (lms-player.js with scorm-again's
// run-time, from node_modules) and served from loopback, as an LMS serves an imported
// package: the SCO on the same origin as the LMS page that holds the API.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repo, serveUnder } from './support.mjs';
import { fixture, mamori } from './quiz-support.mjs';

const here = path.join(repo, 'tests', 'browser');

// `mamori package scorm` on a copy of the fixture (with the repository's theme and the
// [training] `config`), with `args` (--version, --quiz); returns { work, zip, files } where
// files is the folder the zip was extracted into.
export function buildPackage(args = [], { config = '[training]\nask = ["employee_id"]' } = {}) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-scorm-'));
  const project = path.join(work, 'project');
  fs.cpSync(fixture, project, { recursive: true });
  fs.cpSync(path.join(repo, 'themes'), path.join(project, 'themes'), { recursive: true });
  if (config) fs.appendFileSync(path.join(project, 'mamori.toml'), `\n${config}\n`);
  const zip = path.join(work, 'package.zip');
  execFileSync(mamori, ['package', 'scorm', '--root', project, '--out', zip, ...args], {
    env: { ...process.env, MAMORI_TODAY: '2026-11-23' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const files = path.join(work, 'served', 'pkg');
  fs.mkdirSync(files, { recursive: true });
  execFileSync('unzip', ['-q', zip, '-d', files]);
  return { work, zip, files };
}

// Serves the package with the LMS page: /lms/player.html (lms-player.js, scorm-again) and
// /pkg/… (the package). Returns { url, close }: url is the server's root.
export async function serveLms(pkg) {
  const served = path.join(pkg.work, 'served');
  const lms = path.join(served, 'lms');
  fs.mkdirSync(lms, { recursive: true });
  fs.copyFileSync(path.join(here, 'node_modules', 'scorm-again', 'dist', 'scorm-again.js'), path.join(lms, 'scorm-again.js'));
  fs.copyFileSync(path.join(here, 'lms-player.js'), path.join(lms, 'lms-player.js'));
  fs.writeFileSync(path.join(lms, 'player.html'), `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm-again.js"></script></head>
<body><button type="button" id="open" hidden>教材を開く</button>
<iframe id="sco" title="教材" style="width: 100%; height: 90vh"></iframe>
<script src="lms-player.js"></script></body></html>
`);
  return serveUnder(served, '/');
}

// The launch address (href) of the SCO of quiz `id`, as the package's imsmanifest.xml gives it.
export function scoHref(pkg, id) {
  const manifest = fs.readFileSync(path.join(pkg.files, 'imsmanifest.xml'), 'utf8');
  const resource = manifest.match(new RegExp(`<resource identifier="RES-${id}"[^>]*>`));
  return resource && resource[0].match(/ href="([^"]+)"/)[1];
}

// Opens the LMS page of `server` in `page` with the query `options` (lms-player.js; by
// default SCORM 1.2, the SCO of quiz basic, the learner 「山田, 太郎」 E0042) and waits for
// the SCO's questions; returns the SCO's frame.
export async function launch(page, server, options = {}) {
  const query = new URLSearchParams({ version: '1.2', sco: 'quizzes/basic.html', name: '山田, 太郎', id: 'E0042',
    ...options });
  await page.goto(`${server.url}lms/player.html?${query}`);
  const frame = await (await page.$('#sco')).contentFrame();
  await frame.locator('#quiz-questions input').first().waitFor();
  return frame;
}

// What the LMS page logged: { version, calls, commits } (lms-player.js).
export function lmsLog(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.lms)));
}

// The last CMI the SCO saved (Commit or Finish/Terminate), or null.
export async function savedCmi(page) {
  const log = await lmsLog(page);
  return log.commits.length ? log.commits[log.commits.length - 1].cmi : null;
}

// What SCORM requires of the values a SCO sets and scorm-again does not check (it takes a
// 5,000-character suspend_data and any response): the format of each interaction's response
// and pattern for its type, interaction ids in ASCII without spaces, the time formats. Also:
// every call succeeded (GetValue of an element never set answers 403 in 2004, as it should),
// one Initialize, at most one Finish/Terminate. Returns the problems as lines ([] for none).
export function scormProblems(log) {
  const v12 = log.version === '1.2';
  const id = v12 ? /^[\x21-\x7e]{1,255}$/ : /^[\x21-\x7e]{1,4000}$/;
  const shortId = /^[A-Za-z0-9_.:\-]{1,250}$/;  // a 2004 short_identifier_type, without "[," of its delimiter
  const formats = v12 ? { choice: /^[a-z0-9](,[a-z0-9])*$/, 'true-false': /^[tf01]$/ }
    : { choice: { test: (s) => s.split('[,]').every((x) => shortId.test(x)) }, 'true-false': /^(true|false)$/ };
  const span = v12 ? /^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/ : /^P(\d+Y)?(\d+M)?(\d+D)?T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;
  const time = v12 ? /^\d\d:\d\d:\d\d(\.\d{1,2})?$/ : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,2}(Z|[+-]\d\d(:\d\d)?)?)?$/;
  const results = v12 ? ['correct', 'wrong'] : ['correct', 'incorrect'];
  const problems = [];
  const types = {};
  const count = (name) => log.calls.filter((c) => c.name === name).length;
  if (count(v12 ? 'LMSInitialize' : 'Initialize') !== 1) problems.push('Initialize is not called once');
  if (count(v12 ? 'LMSFinish' : 'Terminate') > 1) problems.push('Finish/Terminate is called more than once');
  for (const c of log.calls) {
    const isGet = /GetValue$/.test(c.name);
    if (!isGet && (c.result !== 'true' || c.error !== '0')) problems.push(`${c.name}(${c.args}) failed: ${c.error}`);
    if (isGet && !['0', '403'].includes(c.error)) problems.push(`${c.name}(${c.args}) failed: ${c.error}`);
    if (!/SetValue$/.test(c.name)) continue;
    const [element, value] = c.args;
    const n = element.match(/^cmi\.interactions\.(\d+)\.(.*)$/);
    const bad = (what) => problems.push(`${element} = ${JSON.stringify(value.slice(0, 40))}: ${what}`);
    if (/suspend_data$/.test(element) && value.length >= 4096) bad('4,096 characters or more');
    if (/session_time$/.test(element) && !span.test(value)) bad('not a time span of this version');
    if (/score\.(raw|min|max)$/.test(element) && !(Number(value) >= 0 && Number(value) <= 100)) bad('not 0–100');
    if (!n) continue;
    const [, index, field] = n;
    if (field === 'id' && !id.test(value)) bad('not ASCII without spaces');
    if (field === 'type') types[index] = value;
    if (field === 'type' && !formats[value]) bad('a type the quiz does not have');
    if (/^(student_response|learner_response|correct_responses\.\d+\.pattern)$/.test(field) &&
      !(formats[types[index]] && formats[types[index]].test(value))) bad(`not a response of type ${types[index]}`);
    if (field === 'result' && !results.includes(value)) bad('not a result of this version');
    if ((field === 'time' || field === 'timestamp') && !time.test(value)) bad('not a time of this version');
    if (field === 'description' && value.replace(/^\{lang=[^}]*\}/, '').length > 250) bad('over 250 characters');
  }
  return problems;
}

// The interactions of a CMI (scorm-again's JSON), in order.
export function interactionsOf(cmi) {
  return Object.keys(cmi.interactions).sort((a, b) => a - b).map((n) => cmi.interactions[n]);
}
