// Mamori quizzes, what the page shows around a result (window.MamoriQuiz.result): the kept
// results, the wrongly answered questions as links to them, the next quiz, and the kept best
// result that can be printed and downloaded again without retaking the quiz.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;

  // The person's kept results of this quiz (Q.store.kept): the person whose attempt is on
  // screen, else the person typed.
  // screen, else the person typed; `who` is that person.
  function kept(page) {
    var who = page.record ? Q.record.personOf(page.record) : Q.person.read(page);
    var key = Q.record.personKey(who, page.personFields.indexOf('employee_id') >= 0);
    var saved = Q.store.kept(page.store, key, page.expect);
    saved.who = who;
    return saved;
  }

  // 「山田 太郎 さんの前回の結果：…」 / 最高の結果, from what this browser keeps for the person:
  // named, as on a shared PC they may be another person's than the one at the keyboard.
  function history(page) {
    var S = page.S;
    var saved = kept(page);
    var box = D.$('quiz-history');
    box.textContent = '';
    if (!saved.last && !saved.best) return;
    box.appendChild(D.text('p', null, Q.record.whose(S, saved.who, S.last) + '：' + Q.record.summary(S, saved.last)));
    box.appendChild(D.text('p', null, Q.record.whose(S, saved.who, S.best) + '：' + Q.record.summary(S, saved.best)));
  }

  // The person's kept best result that can be printed and downloaded (a quiz's pass, a
  // self-check's best): offered while no marked attempt is on screen (that one has its own
  // buttons) and the page does not show it alone (#quiz-certificate).
  function keptOffer(page) {
    var saved = kept(page);
    var best = saved.best;
    if (best && best.quiz.type !== 'self_check' && !best.score.passed) best = null;
    var box = D.$('quiz-kept');
    page.kept = best;
    box.hidden = !best || !!(page.attempt && page.attempt.graded) || !!page.certificateOnly;
    D.$('quiz-kept-whose').textContent = best ? Q.record.whose(page.S, saved.who, '') : '';
    if (best) D.$('quiz-kept-show').textContent = Q.certificate.showLabel(page.S, best);
  }

  // The questions answered wrongly (or not at all), as links to them: "問2：…".
  function wrongList(page, wrong) {
    var box = D.$('quiz-wrong');
    box.textContent = '';
    box.hidden = wrong.length === 0;
    if (!wrong.length) return;
    box.appendChild(D.text('p', null, Q.record.format(page.S.wrongList, { count: wrong.length })));
    var list = document.createElement('ul');
    wrong.forEach(function (q) {
      var name = Q.draw.questionName(page, page.attempt.questions.indexOf(q));
      var text = D.plainText(page.list.querySelector('#q-' + q.id + ' legend .quiz-text')) ||
        D.plainText(page.list.querySelector('#q-' + q.id + ' .quiz-text-block'));
      var item = document.createElement('li');
      item.appendChild(D.link('#q-' + q.id, name + '：' + text));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // The scored quizzes of the site in section order (data.quizzes), and where this one is.
  function siteQuizzes(page) {
    var list = Array.isArray(page.quiz.quizzes) ? page.quiz.quizzes : [];
    var here = -1;
    list.forEach(function (q, i) { if (q.id === page.quiz.id) here = i; });
    return { list: list, here: here };
  }

  // Whether the person of the attempt on screen kept a pass of quiz `q` (an entry of the
  // site's quizzes; this quiz is checked against the page's own data).
  function passed(page, q) {
    var key = Q.record.personKey(Q.record.personOf(page.record), page.personFields.indexOf('employee_id') >= 0);
    return Q.store.hasPass(page.store, key, q.id === page.quiz.id ? page.expect : Q.record.expectation(q));
  }

  // The next scored quiz after this one (wrapping) without a kept pass, or null.
  function nextQuiz(page, site) {
    for (var i = 1; i < site.list.length; i++) {
      var q = site.list[(site.here + i) % site.list.length];
      if (q.type === 'quiz' && !passed(page, q)) return q;
    }
    return null;
  }

  function allPassed(page, site) {
    var scored = site.list.filter(function (q) { return q.type === 'quiz'; });
    return !!page.store && scored.length > 0 && scored.every(function (q) { return passed(page, q); });
  }

  // After a failed attempt the result says a file is handed in once passed (not this one,
  // though it can still be downloaded as a 受験記録), and もう一度 is what it offers first.
  function afterFail(page, failed) {
    Array.prototype.forEach.call(page.result.querySelectorAll('.quiz-file-what, .quiz-file-failed'), function (p) {
      p.hidden = !!page.lms || failed === p.classList.contains('quiz-file-what');
    });
    D.$('quiz-retry').classList.toggle('button-primary', failed);
  }

  // 「次の小テストへ」, or 「すべて合格しました」 with a link to the quizzes index; nothing after
  // a failed attempt (afterFail), nor in the LMS: each quiz is an item of its own there, and
  // the LMS moves between them.
  function next(page) {
    var S = page.S;
    var box = D.$('quiz-next');
    var failed = !page.selfCheck && !!page.record && !page.record.score.passed;
    box.textContent = '';
    box.hidden = true;
    afterFail(page, failed);
    var site = siteQuizzes(page);
    if (site.here < 0 || failed || page.lms) return;
    var q = nextQuiz(page, site);
    if (q) {
      box.appendChild(D.link(String(q.href), S.nextQuiz + '：' + q.title));
    } else if (allPassed(page, site)) {
      box.appendChild(D.text('strong', null, S.allPassed));
      if (page.quiz.index_href) box.appendChild(D.link(String(page.quiz.index_href), S.quizIndex));
    } else {
      return;
    }
    box.hidden = false;
  }

  Q.result = { history: history, keptOffer: keptOffer, wrongList: wrongList, next: next };
})();
