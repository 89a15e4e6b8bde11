// Mamori quizzes, marking (window.MamoriQuiz.grade): each question of the attempt on screen
// says right or wrong (or its points), with the explanation; the total is announced.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;

  function inputsOf(page, q) {
    return Array.prototype.slice.call(page.form.querySelectorAll('input[name="q-' + q.id + '"]'));
  }

  // The ids of the answers chosen for question `q`.
  function chosen(page, q) {
    var ids = [];
    inputsOf(page, q).forEach(function (input) { if (input.checked) ids.push(input.value); });
    return ids;
  }

  // The question as shown, without HTML (for the result record).
  function questionText(page, q) {
    return D.plainText(page.list.querySelector('#q-' + q.id + (q.text_is_block ? ' .quiz-text-block' : ' .quiz-text')));
  }

  // The text of a choice of the attempt on screen (its id when it is not there).
  function choiceText(page, questionId, choiceId) {
    var label = page.form.querySelector('label[for="q-' + questionId + '-' + choiceId + '"]');
    return label ? D.plainText(label) : choiceId;
  }

  // Marks one self-check answer into `tally` and says its points in `box`.
  function selfCheckAnswer(page, q, key, picked, box, tally) {
    var S = page.S;
    var option = picked.length ? page.quiz.options[Number(picked[0])] : null;
    var p = option ? option.points : 0;
    tally.points += p;
    tally.answers.push({ question: q.id, text: questionText(page, q), answer: option ? option.label : null,
      points: option ? p : null });
    box.appendChild(D.text('p', 'quiz-verdict', option ? Q.record.format(S.points, { points: p }) : S.unanswered));
    if (key.explanation && (!option || option.points < page.bestPoints)) {
      box.appendChild(D.element('div', 'quiz-explanation', key.explanation));
    }
  }

  // 「あなたの答え：「A」「B」」 (or 未回答) and, when it is wrong, 「正しい答え：「C」」: each a
  // paragraph of its own, each choice's words in 「」 (they can hold 、 themselves).
  function answerLines(page, q, key, picked, right, box) {
    var S = page.S;
    var words = function (ids) { return Q.record.quoted(ids.map(function (id) { return choiceText(page, q.id, id); })); };
    box.appendChild(D.text('p', 'quiz-your-answer', S.yourAnswer + '：' + (picked.length ? words(picked) : S.unanswered)));
    if (!right) box.appendChild(D.text('p', 'quiz-correct-answer', S.correctAnswer + '：' + words(key.correct)));
  }

  // Marks one quiz answer into `tally`; `box` says right or wrong, the answer given and the
  // correct one, the feedback of the chosen choices and the explanation.
  function quizAnswer(page, q, key, picked, box, tally) {
    var S = page.S;
    var right = key.correct.slice().sort().join(' ') === picked.slice().sort().join(' ');
    if (right) tally.correct++;
    else tally.wrong.push(q);
    tally.answers.push({ question: q.id, text: questionText(page, q), chosen: picked, correct: right });
    var verdict = picked.length === 0 ? S.unanswered : (right ? S.correct : S.wrong);
    box.appendChild(D.text('p', 'quiz-verdict ' + (right ? 'is-correct' : 'is-wrong'), (right ? '○ ' : '× ') + verdict));
    answerLines(page, q, key, picked, right, box);
    picked.forEach(function (id) {
      if (key.feedback && key.feedback[id]) box.appendChild(D.element('div', 'quiz-choice-feedback', key.feedback[id]));
    });
    box.appendChild(D.element('div', 'quiz-explanation', key.explanation));
  }

  function sourceLink(S, source) {
    var more = D.element('p', 'quiz-source');
    more.appendChild(D.link(source.href, S.learnMore + '：' + source.title));
    return more;
  }

  // Marks the attempt on screen with the answers `picked` ({ question id: [choice ids] });
  // returns the tally { answers, correct, points, wrong: [questions] }.
  function mark(page, picked) {
    var tally = { answers: [], correct: 0, points: 0, wrong: [] };
    page.attempt.questions.forEach(function (q) {
      var key = Q.draw.decodeKey(page.quiz.id, q.id, q.key);
      var box = page.list.querySelector('#q-' + q.id + ' .quiz-feedback');
      box.textContent = '';
      if (page.selfCheck) selfCheckAnswer(page, q, key, picked[q.id] || [], box, tally);
      else quizAnswer(page, q, key, picked[q.id] || [], box, tally);
      if (key.source) box.appendChild(sourceLink(page.S, key.source));
    });
    return tally;
  }

  function band(quiz, points) {
    var found = null;
    quiz.bands.forEach(function (b) { if (points >= b.min) found = b; });
    return found;
  }

  // The score of a tally: a self-check's points and band, or a quiz's count and verdict.
  function score(page, tally) {
    var quiz = page.quiz;
    if (page.selfCheck) {
      var b = band(quiz, tally.points);
      return { points: tally.points, min: quiz.min_points, max: quiz.max_points, band: b ? b.label : null };
    }
    var total = page.attempt.questions.length;
    var percent = Q.record.percentOf(tally.correct, total);
    return { correct: tally.correct, total: total, percent: percent, pass_mark: quiz.pass_mark,
      passed: percent >= quiz.pass_mark };
  }

  // Says the score in the status line: a quiz's count and verdict, a self-check's diagnosis
  // (its band) and total, with the band's advice below.
  function announce(page, s) {
    var S = page.S;
    var format = Q.record.format;
    var advice = D.$('quiz-band');
    advice.textContent = '';
    if (page.selfCheck) {
      var b = band(page.quiz, s.points);
      var line = format(S.selfCheckLine, s);
      page.status.textContent = b ? format(S.selfCheckVerdict, { band: b.label }) + '。' + line : line;
      if (b) advice.appendChild(D.element('div', 'quiz-band-advice', b.advice));
      return;
    }
    page.status.textContent = format(S.scoreLine, s) + ' ' + (s.passed ? S.passed : S.failed) +
      '（' + format(S.passMark, { pass: s.pass_mark }) + '）';
  }

  Q.grade = { inputsOf: inputsOf, chosen: chosen, mark: mark, score: score, announce: announce };
})();
