// Mamori quizzes: runs a quiz page from its embedded data, with no request anywhere
// (it must work from file://). Texts come from #quiz-strings in the page.
//
// An attempt is graded once: marking locks its answers and removes 採点する, so the score
// it got stands; only もう一度 (a new draw) is offered.
//
// A result record (kept in localStorage and downloadable as JSON/CSV) is version 2 of the
// format `mamori results` reads (docs/results.md):
//   { format: "mamori-quiz-result", version: 2,
//     quiz: { id, title, type, version },    // type: "quiz" | "self_check"; version: of the question bank
//     person: { name },                      // name: only when typed for a certificate
//     attempt: { date: ISO 8601 in UTC, local_date: ISO 8601 with the browser's offset,
//                seed },                     // seed: the shuffle/draw of this attempt
//     score: { correct, total, percent, pass_mark, passed }                  // quiz
//          | { points, min, max, band },                                     // self_check
//     answers: [ { question, text, chosen: [ids], correct: bool } ]         // quiz
//            | [ { question, text, answer: label, points } ] }              // self_check
// (text: the question as shown, without HTML.) Records that older pages kept are version 1:
// the name at the top level, no quiz.version, local_date or text; they are still shown.
// The CSV is for a person: one row per question, Japanese headers, local time, and no cell
// that a spreadsheet would run as a formula.
(function () {
  'use strict';

  var STORE_PREFIX = 'mamori:quiz:';

  function $(id) { return document.getElementById(id); }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function kept(store, id) {
    if (!store) return null;
    try { return JSON.parse(store.getItem(STORE_PREFIX + id) || 'null'); } catch (e) { return null; }
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // `when` in ISO 8601 with the browser's offset from UTC, to the second: 2026-12-01T08:30:00+09:00.
  function localIso(when) {
    var offset = -when.getTimezoneOffset();
    var abs = Math.abs(offset);
    return when.getFullYear() + '-' + pad(when.getMonth() + 1) + '-' + pad(when.getDate()) + 'T' +
      pad(when.getHours()) + ':' + pad(when.getMinutes()) + ':' + pad(when.getSeconds()) +
      (offset < 0 ? '-' : '+') + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
  }

  // The local date and time an employee saw for an attempt: "2026-12-01 08:30:00". A version 1
  // record has only the UTC date; it is shown in this browser's time zone.
  function localTime(attempt) {
    var when = attempt.local_date;
    if (!when) {
      var date = new Date(attempt.date);
      when = isNaN(date.getTime()) ? String(attempt.date) : localIso(date);
    }
    return when.slice(0, 19).replace('T', ' ');
  }

  function localDay(attempt) { return localTime(attempt).slice(0, 10); }

  function summary(S, record) {
    if (!record) return S.never;
    var date = localDay(record.attempt);
    if (record.quiz.type === 'self_check') {
      return date + ' ' + format(S.points, { points: record.score.points }) +
        (record.score.band ? '（' + record.score.band + '）' : '');
    }
    return date + ' ' + format(S.scoreLine, record.score) + ' ' + (record.score.passed ? S.passed : S.failed);
  }

  // mulberry32: small seeded generator, so an attempt can be replayed from its seed.
  function generator(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = copy[i]; copy[i] = copy[j]; copy[j] = t;
    }
    return copy;
  }

  function newSeed() {
    if (window.crypto && window.crypto.getRandomValues) {
      return window.crypto.getRandomValues(new Uint32Array(1))[0];
    }
    return Math.floor(Math.random() * 4294967296);
  }

  // The inverse of the generator's encode_answer_key (quiz_page.cc).
  function fnv1a32(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 2166136261;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash >>> 0;
  }

  function decodeKey(quizId, questionId, encoded) {
    var binary = atob(encoded);
    var state = fnv1a32(quizId + '/' + questionId) || 0x9E3779B9;
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      state ^= state << 13; state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5; state >>>= 0;
      bytes[i] = binary.charCodeAt(i) ^ (state & 0xFF);
    }
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  }

  function element(tag, className, html) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (html !== undefined) node.innerHTML = html;  // only HTML the generator made
    return node;
  }

  function text(tag, className, value) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

  function download(name, type, content) {
    var blob = new Blob([content], { type: type });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // One CSV cell. Text that a spreadsheet would run as a formula (it starts with =, +, -, @,
  // a tab or a carriage return: =HYPERLINK("http://…") sends the sheet away) gets a leading
  // "'", as the contact table export does (generator/core/csv.h); so does text that already
  // starts with "'" and such a character or another "'". Numbers the quiz computed (a
  // self-check's -1 points) stay numbers.
  function csvField(value) {
    var s = String(value === undefined || value === null ? '' : value);
    if (typeof value !== 'number' && /^'?[=+\-@\t\r]|^''/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function plainText(node) { return node ? node.textContent.replace(/\s+/g, ' ').trim() : ''; }

  // The text of a choice of the attempt on screen (its id when it is not there).
  function choiceText(page, questionId, choiceId) {
    var label = page.form.querySelector('label[for="q-' + questionId + '-' + choiceId + '"]');
    return label ? plainText(label) : choiceId;
  }

  // The record as CSV for a person (Excel): UTF-8 with BOM, CRLF, one row per question with
  // the attempt's facts, the question and the answer in words.
  function resultCsv(page, record) {
    var S = page.S;
    var score = record.score;
    var selfCheck = record.quiz.type === 'self_check';
    var rows = [selfCheck ? S.csvSelfCheckHeader : S.csvQuizHeader];
    record.answers.forEach(function (a) {
      var row = [record.quiz.id, record.quiz.title, localTime(record.attempt), (record.person || {}).name || ''];
      if (selfCheck) {
        row = row.concat([score.points, score.min, score.max, score.band || '', a.question, a.text || '',
          a.answer || S.unanswered, a.points === null || a.points === undefined ? '' : a.points]);
      } else {
        var answer = a.chosen.map(function (id) { return choiceText(page, a.question, id); }).join('、');
        row = row.concat([score.correct, score.total, score.percent, score.pass_mark,
          score.passed ? S.passed : S.failed, a.question, a.text || '', answer || S.unanswered,
          a.correct ? S.correct : S.wrong]);
      }
      rows.push(row);
    });
    return '\ufeff' + rows.map(function (r) { return r.map(csvField).join(','); }).join('\r\n') + '\r\n';
  }

  // ---- the quizzes index: show kept results ----
  function startIndex(S, store) {
    var note = $('quiz-storage-note');
    if (!store && note) { note.textContent = S.storageOff; note.hidden = false; }
    Array.prototype.forEach.call(document.querySelectorAll('[data-quiz-result]'), function (node) {
      var record = kept(store, node.getAttribute('data-quiz-result'));
      var best = record && record.best;
      node.textContent = S.last + '：' + summary(S, record && record.last) +
        (best ? '　' + S.best + '：' + summary(S, best) : '');
    });
  }

  // ---- a quiz page ----
  // A quiz page's state: its texts, storage and data, the page's parts, the attempt on
  // screen ({ seed, questions }) and the last result record.
  function quizPage(S, store, quiz) {
    var page = {
      S: S, store: store, quiz: quiz, selfCheck: quiz.type === 'self_check',
      form: $('quiz-form'), list: $('quiz-questions'), result: $('quiz-result'), status: $('quiz-status'),
      attempt: null, record: null
    };
    // A self-check's explanation is shown unless the answer earned the most points there are.
    if (page.selfCheck) page.bestPoints = Math.max.apply(null, quiz.options.map(function (o) { return o.points; }));
    return page;
  }

  function labelControls(S, store) {
    $('quiz-app').hidden = false;
    $('quiz-submit').textContent = S.submit;
    $('quiz-retry').textContent = S.retry;
    $('quiz-download-csv').textContent = S.downloadCsv;
    $('quiz-download-json').textContent = S.downloadJson;
    $('quiz-name-label').textContent = S.certificateName;
    $('quiz-certificate-show').textContent = S.certificateShow;
    $('quiz-certificate-print').textContent = S.certificatePrint;
    $('quiz-certificate-text').textContent = S.certificateText;
    if (!store) {
      var note = $('quiz-storage-note');
      note.textContent = S.storageOff;
      note.hidden = false;
    }
  }

  function showHistory(page) {
    var S = page.S;
    var saved = kept(page.store, page.quiz.id);
    var history = $('quiz-history');
    history.textContent = '';
    if (!saved) return;
    history.appendChild(text('p', null, S.last + '：' + summary(S, saved.last)));
    history.appendChild(text('p', null, S.best + '：' + summary(S, saved.best)));
  }

  // The answers a question offers: the self-check scale, true/false, or its choices.
  function answerOptions(page, q, random) {
    var S = page.S;
    if (page.selfCheck) {
      return page.quiz.options.map(function (o, i) { return { id: String(i), html: null, label: o.label }; });
    }
    if (q.type === 'true_false') return [{ id: 'true', label: S['true'] }, { id: 'false', label: S['false'] }];
    var options = q.choices.map(function (c) { return { id: c.id, html: c.text }; });
    return page.quiz.shuffle ? shuffled(options, random) : options;
  }

  function optionRow(q, o) {
    var id = 'q-' + q.id + '-' + o.id;
    var row = element('div', 'quiz-option');
    var input = document.createElement('input');
    input.type = q.type === 'multiple' ? 'checkbox' : 'radio';
    input.name = 'q-' + q.id;
    input.id = id;
    input.value = o.id;
    var label = element('label');
    label.htmlFor = id;
    if (o.html !== undefined && o.html !== null) label.innerHTML = o.html; else label.textContent = o.label;
    row.appendChild(input);
    row.appendChild(label);
    return row;
  }

  function questionItem(page, q, index, random) {
    var S = page.S;
    var item = element('li', 'quiz-question');
    item.id = 'q-' + q.id;
    var fieldset = element('fieldset');
    var legend = element('legend');
    legend.appendChild(text('span', 'quiz-number', (page.selfCheck ? S.item : S.question) + (index + 1) + ' '));
    legend.appendChild(element('span', 'quiz-text', q.text_is_block ? '' : q.text));
    fieldset.appendChild(legend);
    if (q.text_is_block) fieldset.appendChild(element('div', 'quiz-text-block', q.text));
    if (q.type === 'multiple') fieldset.appendChild(text('p', 'quiz-hint', S.chooseAll));
    var options = answerOptions(page, q, random);
    var group = element('div', page.selfCheck ? 'quiz-options quiz-options-scale' : 'quiz-options');
    options.forEach(function (o) { group.appendChild(optionRow(q, o)); });
    fieldset.appendChild(group);
    fieldset.appendChild(element('div', 'quiz-feedback'));
    item.appendChild(fieldset);
    return item;
  }

  // Draws the questions of a new attempt (in the order the seed gives) and shows them.
  function build(page, seed) {
    var random = generator(seed);
    var questions = page.quiz.questions.slice();
    if (page.quiz.shuffle) questions = shuffled(questions, random);
    if (!page.selfCheck && page.quiz.draw < questions.length) questions = questions.slice(0, page.quiz.draw);
    page.attempt = { seed: seed, questions: questions };
    page.list.textContent = '';
    questions.forEach(function (q, index) { page.list.appendChild(questionItem(page, q, index, random)); });
  }

  function inputsOf(page, q) {
    return Array.prototype.slice.call(page.form.querySelectorAll('input[name="q-' + q.id + '"]'));
  }

  function chosen(page, q) {
    var ids = [];
    inputsOf(page, q).forEach(function (input) { if (input.checked) ids.push(input.value); });
    return ids;
  }

  // The question as shown, without HTML (for the result record).
  function questionText(page, q) {
    return plainText(page.list.querySelector('#q-' + q.id + (q.text_is_block ? ' .quiz-text-block' : ' .quiz-text')));
  }

  // Marking locks the attempt: no answer can be changed and 採点する is gone (disabled and
  // hidden, so neither the mouse nor the keyboard reaches it). `picked` keeps the answers
  // as graded.
  function lock(page, picked) {
    page.attempt.picked = picked;
    page.attempt.questions.forEach(function (q) {
      inputsOf(page, q).forEach(function (input) { input.disabled = true; });
    });
    var button = $('quiz-submit');
    button.disabled = true;
    button.hidden = true;
  }

  // A change to a graded attempt (only a script can make one) is undone: the answers on
  // screen stay those that were graded, and the attempt stays locked.
  function restore(page) {
    if (!page.attempt.graded || !page.attempt.picked) return;
    page.attempt.questions.forEach(function (q) {
      var picked = page.attempt.picked[q.id] || [];
      inputsOf(page, q).forEach(function (input) { input.checked = picked.indexOf(input.value) >= 0; });
    });
    lock(page, page.attempt.picked);
  }

  // Grades one self-check answer into `tally` and says its points in `box`.
  function gradeSelfCheckAnswer(page, q, key, picked, box, tally) {
    var S = page.S;
    var option = picked.length ? page.quiz.options[Number(picked[0])] : null;
    var p = option ? option.points : 0;
    tally.points += p;
    tally.answers.push({ question: q.id, text: questionText(page, q), answer: option ? option.label : null,
      points: option ? p : null });
    box.appendChild(text('p', 'quiz-verdict', option ? format(S.points, { points: p }) : S.unanswered));
    if (key.explanation && (!option || option.points < page.bestPoints)) {
      box.appendChild(element('div', 'quiz-explanation', key.explanation));
    }
  }

  // Grades one quiz answer into `tally`; `box` says right or wrong, the correct answer,
  // the feedback of the chosen choices and the explanation.
  function gradeQuizAnswer(page, q, key, picked, box, tally) {
    var S = page.S;
    var right = key.correct.slice().sort().join(' ') === picked.slice().sort().join(' ');
    if (right) tally.correct++;
    tally.answers.push({ question: q.id, text: questionText(page, q), chosen: picked, correct: right });
    var verdict = picked.length === 0 ? S.unanswered : (right ? S.correct : S.wrong);
    var mark = right ? '○ ' : '× ';
    box.appendChild(text('p', 'quiz-verdict ' + (right ? 'is-correct' : 'is-wrong'), mark + verdict));
    if (!right) {
      var labels = key.correct.map(function (id) { return choiceText(page, q.id, id); });
      box.appendChild(text('p', 'quiz-correct-answer', S.correctAnswer + '：' + labels.join('、')));
    }
    picked.forEach(function (id) {
      if (key.feedback && key.feedback[id]) box.appendChild(element('div', 'quiz-choice-feedback', key.feedback[id]));
    });
    box.appendChild(element('div', 'quiz-explanation', key.explanation));
  }

  function sourceLink(S, source) {
    var more = element('p', 'quiz-source');
    var link = document.createElement('a');
    link.href = source.href;
    link.textContent = S.learnMore + '：' + source.title;
    more.appendChild(link);
    return more;
  }

  // A self-check's score; announces the total and shows its band's advice.
  function selfCheckScore(page, points) {
    var quiz = page.quiz;
    var band = null;
    quiz.bands.forEach(function (b) { if (points >= b.min) band = b; });
    var score = { points: points, min: quiz.min_points, max: quiz.max_points, band: band ? band.label : null };
    page.status.textContent = format(page.S.selfCheckLine, { points: points, min: score.min, max: score.max }) +
      (band ? '：' + band.label : '');
    var bandBox = $('quiz-band');
    bandBox.textContent = '';
    if (band) bandBox.appendChild(element('div', 'quiz-band-advice', band.advice));
    return score;
  }

  // A quiz's score; announces it with pass or fail.
  function quizScore(page, correctCount) {
    var S = page.S;
    var passMark = page.quiz.pass_mark;
    var total = page.attempt.questions.length;
    var percent = Math.round(correctCount * 100 / total);
    var score = { correct: correctCount, total: total, percent: percent, pass_mark: passMark,
      passed: percent >= passMark };
    page.status.textContent = format(S.scoreLine, score) + ' ' + (score.passed ? S.passed : S.failed) +
      '（' + format(S.passMark, { pass: passMark }) + '）';
    return score;
  }

  // The result record of the attempt just graded (version 2, docs/results.md).
  function resultRecord(page, score, answers) {
    var quiz = page.quiz;
    var now = new Date();
    return {
      format: 'mamori-quiz-result', version: 2,
      quiz: { id: quiz.id, title: quiz.title, type: quiz.type, version: quiz.bank_version },
      person: {},
      attempt: { date: now.toISOString(), local_date: localIso(now), seed: page.attempt.seed },
      score: score, answers: answers
    };
  }

  // Grades the attempt on screen, once: an attempt that was graded is never graded again,
  // whatever asks (a second submit, a script), so its kept result cannot be replaced.
  function grade(page) {
    if (page.attempt.graded) return;
    page.attempt.graded = true;
    var quiz = page.quiz;
    var tally = { answers: [], correct: 0, points: 0 };
    var picked = {};
    page.attempt.questions.forEach(function (q) {
      picked[q.id] = chosen(page, q);
      var key = decodeKey(quiz.id, q.id, q.key);
      var box = document.querySelector('#q-' + q.id + ' .quiz-feedback');
      box.textContent = '';
      if (page.selfCheck) gradeSelfCheckAnswer(page, q, key, picked[q.id], box, tally);
      else gradeQuizAnswer(page, q, key, picked[q.id], box, tally);
      if (key.source) box.appendChild(sourceLink(page.S, key.source));
    });
    lock(page, picked);
    var score = page.selfCheck ? selfCheckScore(page, tally.points) : quizScore(page, tally.correct);
    page.record = resultRecord(page, score, tally.answers);
    keep(page, page.record);
    showHistory(page);
    page.result.hidden = false;
    page.result.focus();
  }

  function better(a, b) {
    if (!b) return true;
    return a.quiz.type === 'self_check' ? a.score.points >= b.score.points : a.score.percent >= b.score.percent;
  }

  // Keeps `r` as the last result, and as the best when it is.
  function keep(page, r) {
    if (!page.store) return;
    var id = page.quiz.id;
    var saved = kept(page.store, id) || {};
    saved.last = r;
    if (better(r, saved.best)) saved.best = r;
    try { page.store.setItem(STORE_PREFIX + id, JSON.stringify(saved)); } catch (e) { /* full */ }
  }

  function submit(page, event) {
    event.preventDefault();
    if (page.attempt.graded) return;  // locked: only もう一度 starts another attempt
    var missing = page.attempt.questions.filter(function (q) { return chosen(page, q).length === 0; }).length;
    var warning = $('quiz-warning');
    warning.hidden = missing === 0;
    warning.textContent = missing ? format(page.S.unansweredWarning, { count: missing }) : '';
    grade(page);
  }

  function retry(page) {
    page.result.hidden = true;
    $('quiz-certificate').hidden = true;
    $('quiz-warning').hidden = true;
    var button = $('quiz-submit');
    button.disabled = false;
    button.hidden = false;
    build(page, newSeed());
    var first = page.list.querySelector('input');
    if (first) first.focus();
  }

  // The certificate's facts: the date, the score, and the band or the verdict.
  function certificateFacts(page, record) {
    var S = page.S;
    var rows = [[S.date, localDay(record.attempt)]];
    if (page.selfCheck) {
      rows.push([S.score, format(S.points, { points: record.score.points })]);
      if (record.score.band) rows.push([S.band, record.score.band]);
    } else {
      rows.push([S.score, format(S.scoreLine, record.score)]);
      rows.push([S.result, record.score.passed ? S.passed : S.failed]);
    }
    return rows;
  }

  function showCertificate(page) {
    var name = $('quiz-name').value.trim();
    var warning = $('quiz-name-warning');
    if (!name) {
      warning.textContent = page.S.certificateNeedsName;
      warning.hidden = false;
      $('quiz-name').focus();
      return;
    }
    warning.hidden = true;
    var record = page.record;
    record.person.name = name;
    keep(page, record);
    $('quiz-certificate-name').textContent = name;
    var facts = $('quiz-certificate-facts');
    facts.textContent = '';
    certificateFacts(page, record).forEach(function (r) {
      facts.appendChild(text('dt', null, r[0]));
      facts.appendChild(text('dd', null, r[1]));
    });
    var certificate = $('quiz-certificate');
    certificate.hidden = false;
    certificate.setAttribute('tabindex', '-1');
    certificate.focus();
  }

  function printCertificate() {
    document.body.classList.add('printing-certificate');
    window.addEventListener('afterprint', function done() {
      document.body.classList.remove('printing-certificate');
      window.removeEventListener('afterprint', done);
    });
    window.print();
  }

  function listen(page) {
    var id = page.quiz.id;
    page.form.addEventListener('submit', function (event) { submit(page, event); });
    page.form.addEventListener('change', function () { restore(page); });
    $('quiz-retry').addEventListener('click', function () { retry(page); });
    $('quiz-download-json').addEventListener('click', function () {
      if (!page.record) return;
      download('mamori-' + id + '-result.json', 'application/json', JSON.stringify(page.record, null, 2));
    });
    $('quiz-download-csv').addEventListener('click', function () {
      if (page.record) download('mamori-' + id + '-result.csv', 'text/csv', resultCsv(page, page.record));
    });
    $('quiz-certificate-show').addEventListener('click', function () { showCertificate(page); });
    $('quiz-certificate-print').addEventListener('click', printCertificate);
  }

  function startQuiz(S, store, quiz) {
    labelControls(S, store);
    var page = quizPage(S, store, quiz);
    listen(page);
    build(page, newSeed());
    showHistory(page);
  }

  function start() {
    var strings = $('quiz-strings');
    if (!strings) return;
    var S = JSON.parse(strings.textContent);
    // mamori.js (loaded first on every page) knows whether localStorage can be used here.
    var store = window.Mamori ? window.Mamori.storage() : null;
    var data = $('quiz-data');
    if (data) startQuiz(S, store, JSON.parse(data.textContent));
    else startIndex(S, store);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
