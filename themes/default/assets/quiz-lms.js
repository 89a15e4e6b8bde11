// Mamori quizzes, the quiz page in the company LMS (window.MamoriQuiz.lms): when the page runs
// as a SCO of the package `mamori package scorm` makes, it reports the attempt to the LMS's
// run-time (quiz-scorm.js finds it and writes its formats). Without one (the intranet,
// file://) page.lms stays null and nothing here changes the page.
//
// - A self-check is not an item of the package: its page never talks to an LMS (it reports
//   neither a score nor completion; an item's record must not get another page's data).
// - Initialize once. The LMS's learner name ("姓, 名" → "姓 名") and id fill 氏名 and 社員番号
//   (when the site asks for it), read-only (quiz-person.js: given). 1.2's "not attempted"
//   (2004's "unknown") becomes "incomplete".
// - On marking: the score (raw 0–100, min 0, max 100; 2004 also scaled), passed/failed by the
//   page's own pass mark (the manifest's mastery score is the same number; setting the status
//   too spares us LMSs that disagree on which wins), 2004's completion "completed", one
//   interaction per question, the session time, then Commit at once (a browser may drop what
//   is saved while a page unloads). Interactions are a journal: a retry appends its own. A
//   retry worse than what the LMS holds (a fail after a pass, a lower score) does not replace
//   the score: the LMS keeps the best attempt, as this browser does.
// - Finish (Terminate) once: from 終了する, or best effort when the page is hidden.
// - suspend_data is not used: a marked attempt is recorded at once and an unmarked one starts
//   again with a new draw, so nothing needs resuming.
// - In review or browse mode nothing is recorded (the LMS would not keep it for credit).
// - Links that leave the quiz page open in a new tab without an opener: the SCO stays, and a
//   page opened from it cannot find this SCO's API and report into its record.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;
  var MAX_INTERACTIONS = 250;  // SCORM 2004's smallest permitted maximum; 1.2 names none

  // What the LMS holds of this item: { raw (-1 for nothing), passed }.
  function held(s) {
    var raw = Q.scorm.get(s, s.rt.score + 'raw');
    return { raw: raw === '' || isNaN(Number(raw)) ? -1 : Number(raw), passed: Q.scorm.get(s, s.rt.success) === 'passed' };
  }

  // Whether attempt `now` is to replace `before` in the LMS: a pass beats a fail; with the
  // same verdict, a score at least as high.
  function better(now, before) { return now.passed !== before.passed ? now.passed : now.raw >= before.raw; }

  function say(text, warning) {
    var status = D.$('quiz-lms-status');
    status.textContent = text;
    status.classList.toggle('quiz-warning', !!warning);
  }

  // The box with 終了する, and the hand-in note: inside the LMS no file is handed in.
  function show(page, note) {
    D.$('quiz-lms').hidden = false;
    if (note) say(note, false);
    Array.prototype.forEach.call(document.querySelectorAll('.quiz-hand-in-file'), function (p) { p.hidden = true; });
    Array.prototype.forEach.call(document.querySelectorAll('.quiz-hand-in'), function (box) {
      box.textContent = '';
      box.appendChild(D.text('p', null, page.S.lms.handIn));
    });
  }

  // The person the LMS names: { name, employee_id } (empty when it gives none).
  function learner(s) {
    var name = Q.scorm.get(s, s.rt.name).trim();
    var parts = /^([^,]+?)\s*,\s*(.+)$/.exec(name);  // "山田, 太郎": family name, given name
    return { name: parts ? parts[1] + ' ' + parts[2] : name, employee_id: Q.scorm.get(s, s.rt.id).trim() };
  }

  // Links that leave the page open in a new tab, without an opener (see the top).
  function linksInNewTab() {
    document.addEventListener('click', function (event) {
      var a = event.target && event.target.closest ? event.target.closest('a[href]') : null;
      if (!a || a.hasAttribute('download') || a.getAttribute('href').charAt(0) === '#') return;
      a.target = '_blank';
      a.rel = 'noopener';
    });
  }

  // Connects to the LMS when there is one: page.lms is then the session (quiz-scorm.js) with
  // `started`, `recording`, `best` and `finished`.
  function start(page) {
    var s = page.selfCheck ? null : Q.scorm.find();
    if (!s) return;
    if (!Q.scorm.call(s, 'initialize')) {
      show(page, null);
      say(Q.record.format(page.S.lms.noConnection, { code: s.error }), true);
      D.$('quiz-lms-finish').hidden = true;
      return;
    }
    page.lms = s;
    s.started = Date.now();
    s.finished = false;
    var mode = Q.scorm.get(s, s.rt.mode);
    s.recording = mode === '' || mode === 'normal';
    s.best = held(s);
    var first = Q.scorm.get(s, s.rt.completion);
    if (s.recording && (first === 'not attempted' || first === 'unknown' || first === '')) {
      Q.scorm.set(s, s.rt.completion, 'incomplete');
    }
    Q.person.given(page, learner(s));
    show(page, s.recording ? page.S.lms.finishHint : page.S.lms.review);
    linksInNewTab();
    D.$('quiz-lms-finish').addEventListener('click', function () { finish(page, true); });
    window.addEventListener('pagehide', function () { finish(page, false); });
  }

  // One interaction, n, of the marked question `q` answered `answer` at `when`.
  function interaction(s, n, q, answer, when) {
    var at = 'cmi.interactions.' + n + '.';
    var key = Q.draw.decodeKey(answer.quiz, q.id, q.key);
    var given = Q.scorm.response(s.version, q.type, answer.chosen || []);
    var pattern = Q.scorm.response(s.version, q.type, key.correct || []);
    Q.scorm.set(s, at + 'id', Q.scorm.interactionId(q.id));
    Q.scorm.set(s, at + 'type', Q.scorm.interactionType(q.type));
    Q.scorm.set(s, at + s.rt.time, Q.scorm.stamp(s.version, when));
    if (s.version === '2004' && answer.text) Q.scorm.set(s, at + 'description', '{lang=ja}' + answer.text.slice(0, 250));
    if (pattern !== null) Q.scorm.set(s, at + 'correct_responses.0.pattern', pattern);
    if (given !== null) Q.scorm.set(s, at + s.rt.response, given);
    Q.scorm.set(s, at + 'result', answer.correct ? s.rt.correct : s.rt.wrong);
  }

  // The interactions of the marked attempt, after those the LMS already holds.
  function interactions(page, s, when) {
    var count = Number(Q.scorm.get(s, 'cmi.interactions._count')) || 0;
    page.record.answers.forEach(function (answer, i) {
      var q = page.attempt.questions[i];
      if (count >= MAX_INTERACTIONS || !q || q.id !== answer.question) return;
      interaction(s, count++, q, { quiz: page.quiz.id, text: answer.text, chosen: answer.chosen, correct: answer.correct }, when);
    });
  }

  function score(s, percent, passed) {
    Q.scorm.set(s, s.rt.score + 'min', 0);
    Q.scorm.set(s, s.rt.score + 'max', 100);
    Q.scorm.set(s, s.rt.score + 'raw', percent);
    if (s.version === '2004') Q.scorm.set(s, s.rt.score + 'scaled', percent / 100);
    Q.scorm.set(s, s.rt.success, passed ? 'passed' : 'failed');
    if (s.version === '2004') Q.scorm.set(s, s.rt.completion, 'completed');
  }

  // Reports the attempt just marked (page.record) and commits; says what the LMS got.
  function report(page) {
    var s = page.lms;
    if (!s || s.finished || !s.recording) return;
    var S = page.S.lms;
    var now = { raw: page.record.score.percent, passed: page.record.score.passed };
    var replaces = better(now, s.best);
    s.error = null;
    if (replaces) score(s, now.raw, now.passed);
    interactions(page, s, new Date());
    Q.scorm.set(s, s.rt.sessionTime, Q.scorm.span(s.version, Date.now() - s.started));
    var committed = Q.scorm.call(s, 'commit');
    if (!committed || s.error) return say(Q.record.format(S.notRecorded, { code: s.error }), true);
    if (replaces) s.best = now;
    say(replaces ? S.recorded : Q.record.format(S.keptBetter, { percent: s.best.raw }), false);
  }

  // Ends the session once: from 終了する (`asked`: focus moves to what it says, as the button
  // goes), or as the page goes away (it may come back from the back-forward cache, saying so).
  function finish(page, asked) {
    var s = page.lms;
    if (!s || s.finished) return;
    s.finished = true;
    s.error = null;
    if (s.recording) Q.scorm.set(s, s.rt.sessionTime, Q.scorm.span(s.version, Date.now() - s.started));
    var done = Q.scorm.call(s, 'finish');
    var button = D.$('quiz-lms-finish');
    button.disabled = true;
    button.hidden = true;
    say(done ? page.S.lms.finished : Q.record.format(page.S.lms.notFinished, { code: s.error }), !done);
    if (asked) D.focusOn(D.$('quiz-lms'));
  }

  Q.lms = { start: start, report: report, finish: finish };
})();
