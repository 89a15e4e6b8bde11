// Mamori quizzes, the quiz page: runs a quiz from the page's embedded data (#quiz-data), with
// no request anywhere (it must work from file://). Texts come from #quiz-strings. The
// quiz-*.js scripts load before this one, in order: record (the result record, pure),
// store (what the browser keeps), dom, device (「この端末の記録を消す」), draw (the questions
// from a seed), grade (marking), person (who answers), certificate, result, scorm and lms
// (in the company LMS: the attempt reported to its SCORM run-time; nothing without one).
//
// The flow: the person's 氏名 (and what the site asks besides) first; 採点する (on a
// self-check 診断する) without a name moves focus to it; with unanswered questions it names
// them and needs a second, explicit press. An attempt is marked once: marking locks its
// answers and the person and removes 採点する, so the score it got stands; only もう一度 (a
// new draw; on a self-check 最初から答え直す) is offered. The marked attempt is kept for the
// tab (sessionStorage), so Back from an explanation shows it again, locked, without keeping
// a second result; its score is marked again from its answers, never taken from storage.
// The form and the person's fields are autocomplete="off" (quiz.mustache), so the browser
// itself restores nothing on Back: on a shared PC that would be the previous person's name
// and answers. The kept results shown are those of the person typed (quiz-store.js), and
// only when they fit this quiz (record.fits). The quizzes index opens a kept certificate as
// this page + #quiz-certificate: the certificate alone, and the questions only on request.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;

  // A quiz page's state: its texts (a self-check's own words where it has them: 診断する,
  // 最初から答え直す), storage and data, the page's parts, the attempt on screen
  // ({ seed, questions, picked, graded }), its record and the kept best record.
  function quizPage(S, quiz) {
    var selfCheck = quiz.type === 'self_check';
    var page = {
      S: Q.record.words(S, selfCheck), quiz: quiz, selfCheck: selfCheck,
      store: window.Mamori ? window.Mamori.storage() : null,
      session: window.Mamori ? window.Mamori.session() : null,
      form: D.$('quiz-form'), list: D.$('quiz-questions'), result: D.$('quiz-result'), status: D.$('quiz-status'),
      expect: Q.record.expectation(quiz), attempt: null, record: null, kept: null, certificateOnly: false,
      lms: null
    };
    // A self-check's explanation is shown unless the answer earned the most points there are.
    if (page.selfCheck) page.bestPoints = Math.max.apply(null, quiz.options.map(function (o) { return o.points; }));
    return page;
  }

  function labelControls(page) {
    var S = page.S;
    D.$('quiz-app').hidden = false;
    D.$('quiz-submit').textContent = S.submit;
    D.$('quiz-retry').textContent = S.retry;
    ['quiz-download-csv', 'quiz-kept-csv'].forEach(function (id) { D.$(id).textContent = S.downloadCsv; });
    ['quiz-download-json', 'quiz-kept-json'].forEach(function (id) { D.$(id).textContent = S.downloadJson; });
    D.handIn(page.quiz.training);
    if (!page.store) {
      var note = D.$('quiz-storage-note');
      note.textContent = S.storageOff;
      note.hidden = false;
    }
  }

  function submitButton(page, label, usable) {
    var button = D.$('quiz-submit');
    button.textContent = label;
    button.disabled = !usable;
    button.hidden = !usable;
  }

  // Locks the marked attempt: no answer and no person can be changed, and 採点する is gone
  // (disabled and hidden, so neither the mouse nor the keyboard reaches it).
  function lock(page) {
    page.attempt.questions.forEach(function (q) {
      Q.grade.inputsOf(page, q).forEach(function (input) { input.disabled = true; });
    });
    Q.person.lock(page, true);
    submitButton(page, page.S.submit, false);
  }

  function check(page, picked) {
    page.attempt.questions.forEach(function (q) {
      var ids = picked[q.id] || [];
      Q.grade.inputsOf(page, q).forEach(function (input) { input.checked = ids.indexOf(input.value) >= 0; });
    });
  }

  // The questions of the attempt on screen that have no answer.
  function blanks(page) {
    return page.attempt.questions.filter(function (q) { return Q.grade.chosen(page, q).length === 0; });
  }

  // 「問3、問7が未回答です。…」
  function sayBlanks(page, missing) {
    var warning = D.$('quiz-warning');
    warning.hidden = missing.length === 0;
    var names = missing.map(function (q) { return Q.draw.questionName(page, page.attempt.questions.indexOf(q)); });
    warning.textContent = missing.length ? Q.record.format(page.S.unansweredNamed, { questions: names.join('、') }) : '';
  }

  // The first press with blanks names them and moves focus to the first; the next press marks.
  function askAboutBlanks(page, missing) {
    page.attempt.confirmBlanks = true;
    sayBlanks(page, missing);
    submitButton(page, page.S.submitAnyway, true);
    Q.grade.inputsOf(page, missing[0])[0].focus();
  }

  // An answer changed. On a marked attempt only a script can do that: the marked answers are
  // put back. Otherwise a pending 「未回答のまま採点する」 goes back to 採点する.
  function answered(page) {
    if (!page.attempt) return;
    if (page.attempt.graded) {
      check(page, page.attempt.picked);
      lock(page);
    } else if (page.attempt.confirmBlanks) {
      page.attempt.confirmBlanks = false;
      submitButton(page, page.S.submit, true);
      sayBlanks(page, blanks(page));
    }
  }

  // Marks the attempt on screen with `picked` and locks it; returns the tally.
  function marked(page, picked) {
    page.attempt.graded = true;
    page.attempt.picked = picked;
    var tally = Q.grade.mark(page, picked);
    lock(page);
    return tally;
  }

  // Shows the result of the marked attempt whose record is page.record.
  function showResult(page, tally) {
    D.$('quiz-warning').hidden = true;
    Q.grade.announce(page, page.record.score);
    Q.result.wrongList(page, tally.wrong);
    Q.result.next(page);
    Q.result.history(page);
    Q.result.keptOffer(page);
    D.$('quiz-certificate-show').textContent = Q.certificate.showLabel(page.S, page.record);
    page.result.hidden = false;
  }

  // The answers the attempt on screen has checked: { question id: [choice ids] }.
  function pickedOnScreen(page) {
    var picked = {};
    page.attempt.questions.forEach(function (q) { picked[q.id] = Q.grade.chosen(page, q); });
    return picked;
  }

  // The record of the attempt on screen, marked with `tally`, by the person in the fields, at `when`.
  function recordOf(page, tally, when) {
    return Q.record.create(page.quiz, Q.person.read(page), page.attempt.seed, Q.grade.score(page, tally), tally.answers, when);
  }

  // The words of the chosen answers of `record`, kept with it for its CSV on the quizzes index.
  function keptWords(page, record) {
    var words = Object.create(null);  // question ids are names of the quiz file's choosing
    var text = choiceWords(page, record);
    if (page.selfCheck) return words;
    record.answers.forEach(function (a) {
      var mine = words[a.question] = Object.create(null);
      a.chosen.forEach(function (id) { mine[id] = text(a.question, id); });
    });
    return words;
  }

  // Marks the attempt on screen, once: an attempt that was marked is never marked again,
  // whatever asks (a second submit, a script), so its kept result cannot be replaced.
  function grade(page) {
    if (page.attempt.graded) return;
    var picked = pickedOnScreen(page);
    var tally = marked(page, picked);
    page.record = recordOf(page, tally, new Date());
    Q.store.keep(page.store, Q.person.key(page), page.expect, page.record, keptWords(page, page.record));
    Q.store.keepAttempt(page.session, page.quiz.id, { seed: page.attempt.seed, picked: picked, record: page.record });
    showResult(page, tally);
    Q.lms.report(page);
    page.result.focus();
  }

  // The marked attempt this tab kept, when it is one of this quiz and its question bank,
  // with a seed, a time and answers to mark again (its score is not looked at). In the LMS
  // none: each launch is a new session of the LMS, whose record holds what was marked (and
  // the pages a quiz links to open in a new tab, so there is no Back to come back with).
  function keptAttempt(page) {
    if (page.lms) return null;
    var saved = Q.store.attempt(page.session, page.quiz.id);
    var r = saved && saved.record;
    var fits = r && r.quiz && r.attempt && r.quiz.id === page.quiz.id && r.quiz.version === page.quiz.bank_version &&
      typeof saved.seed === 'number' && r.attempt.seed === saved.seed && !isNaN(new Date(r.attempt.date).getTime()) &&
      saved.picked && typeof saved.picked === 'object' && page.quiz.questions.every(function (q) {
        var ids = saved.picked[q.id];
        return ids === undefined || (Array.isArray(ids) && ids.every(function (id) { return typeof id === 'string'; }));
      });
    return fits ? saved : null;
  }

  // Shows the marked attempt again (Back from an explanation, a reload): the same draw from
  // its seed, the same answers, locked, marked again here as marking marks them; its result
  // is not kept a second time. Marked again, it must equal its kept record (score, verdicts,
  // chosen answers): an attempt edited in storage is dropped, never shown.
  function resume(page) {
    var saved = keptAttempt(page);
    if (!saved) return false;
    Q.person.fill(page, Q.record.personOf(saved.record));
    if (!Q.person.complete(page)) {
      Q.person.fill(page, Q.store.person(page.store));
      return false;
    }
    page.attempt = Q.draw.build(page, saved.seed);
    check(page, saved.picked);
    var tally = marked(page, pickedOnScreen(page));
    page.record = recordOf(page, tally, new Date(saved.record.attempt.date));
    if (!Q.record.sameMarking(page.record, saved.record)) {
      // Not as it was marked (its answers or its record edited): as if nothing was saved.
      Q.store.dropAttempt(page.session, page.quiz.id);
      Q.person.fill(page, Q.store.person(page.store));
      return false;
    }
    showResult(page, tally);
    return true;
  }

  // A new attempt: a new draw, answers and person open again.
  function fresh(page) {
    page.result.hidden = true;
    Q.certificate.hide();
    D.$('quiz-warning').hidden = true;
    submitButton(page, page.S.submit, true);
    Q.person.lock(page, false);
    page.record = null;
    page.attempt = Q.draw.build(page, Q.draw.newSeed());
    Q.result.keptOffer(page);
  }

  function retry(page) {
    Q.store.dropAttempt(page.session, page.quiz.id);
    fresh(page);
    var first = page.list.querySelector('input');
    if (first) first.focus();
  }

  // Shows the person's fields and the questions, or (`shown` false) only the certificate
  // with 「この小テストを受ける」.
  function attemptShown(shown) {
    D.$('quiz-person').hidden = !shown;
    D.$('quiz-form').hidden = !shown;
    D.$('quiz-take').hidden = shown;
  }

  // #quiz-certificate: the person's kept certificate alone, with its print button.
  function certificateOnly(page) {
    page.certificateOnly = true;
    attemptShown(false);
    Q.result.keptOffer(page);
    Q.certificate.show(page, page.kept);
  }

  // 「この小テストを受ける」: the questions after all (the marked attempt of this tab, or a new
  // draw); `focus` moves focus to the first field.
  function take(page, focus) {
    page.certificateOnly = false;
    try { window.history.replaceState(null, '', window.location.pathname + window.location.search); } catch (e) { /* kept */ }
    attemptShown(true);
    Q.certificate.hide();
    if (!resume(page)) fresh(page);
    Q.result.history(page);
    Q.result.keptOffer(page);
    if (focus) (page.attempt.graded ? page.result : D.$('quiz-name')).focus();
  }

  // What the page shows of the records after 「この端末の記録を消す」, or when the page comes
  // back from the back-forward cache (another page may have changed or cleared them).
  function refresh(page) {
    if (page.certificateOnly) {
      Q.person.fill(page, Q.store.person(page.store));
      Q.result.keptOffer(page);
      if (page.kept) Q.result.history(page);
      else take(page, false);  // cleared, or another person now: the quiz instead
      return;
    }
    var saved = Q.store.attempt(page.session, page.quiz.id);
    if (page.attempt.graded && !(saved && saved.seed === page.attempt.seed)) fresh(page);
    if (!page.attempt.graded) {
      Q.person.fill(page, Q.store.person(page.store));
      Q.person.reset(page);
      Q.certificate.hide();  // it can only show a kept record, maybe of another person now
    } else {
      Q.result.next(page);
    }
    Q.result.history(page);
    Q.result.keptOffer(page);
  }

  // Another person was typed: their kept results, not the previous person's.
  function personChanged(page) {
    if (!page.attempt || page.attempt.graded) return;
    Q.certificate.hide();
    Q.result.history(page);
    Q.result.keptOffer(page);
  }

  // The words of a choice of `record` for its CSV, from this page's quiz data (the attempt
  // may not be on screen); a record of another question bank keeps the choice ids.
  function choiceWords(page, record) {
    var questions = record.quiz.version === page.quiz.bank_version ? page.quiz.questions : [];
    return function (questionId, choiceId) {
      var q = questions.filter(function (x) { return x.id === questionId; })[0];
      if (!q) return choiceId;
      if (q.type === 'true_false') return page.S[choiceId] || choiceId;
      var c = (q.choices || []).filter(function (x) { return x.id === choiceId; })[0];
      return c ? D.htmlText(c.text) : choiceId;
    };
  }

  // The buttons that show or download a record: `which()` gives it (the one on screen, the kept best).
  function recordButtons(page, prefix, which) {
    D.$(prefix + '-csv').addEventListener('click', function () {
      if (which()) D.downloadRecord(which(), 'csv', choiceWords(page, which()));
    });
    D.$(prefix + '-json').addEventListener('click', function () { if (which()) D.downloadRecord(which(), 'json'); });
  }

  function listen(page) {
    page.form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!page.attempt || page.attempt.graded || !Q.person.ready(page)) return;  // locked: only もう一度 starts another attempt
      var missing = blanks(page);
      if (missing.length && !page.attempt.confirmBlanks) askAboutBlanks(page, missing);
      else grade(page);
    });
    page.form.addEventListener('change', function () { answered(page); });
    D.$('quiz-retry').addEventListener('click', function () { retry(page); });
    recordButtons(page, 'quiz-download', function () { return page.record; });
    recordButtons(page, 'quiz-kept', function () { return page.kept; });
    D.$('quiz-certificate-show').addEventListener('click', function () { Q.certificate.show(page, page.record); });
    D.$('quiz-kept-show').addEventListener('click', function () { Q.certificate.show(page, page.kept); });
    D.$('quiz-certificate-print').addEventListener('click', Q.certificate.print);
    D.$('quiz-take-button').addEventListener('click', function () { take(page, true); });
    window.addEventListener('pageshow', function (event) { if (event.persisted) refresh(page); });
  }

  function start() {
    var strings = D.$('quiz-strings');
    var data = D.$('quiz-data');
    if (!strings || !data) return;
    var page = quizPage(JSON.parse(strings.textContent), JSON.parse(data.textContent));
    labelControls(page);
    Q.person.start(page, function () { personChanged(page); });
    Q.lms.start(page);
    listen(page);
    Q.device.start(page.S, page.store, page.session, function () { refresh(page); });
    Q.result.keptOffer(page);
    Q.result.history(page);
    if (window.location.hash === '#quiz-certificate' && page.kept) return certificateOnly(page);
    if (!resume(page)) fresh(page);
    Q.result.history(page);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
