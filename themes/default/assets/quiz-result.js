// Mamori quizzes, what the page shows around a result (window.MamoriQuiz.result): the kept
// results, the wrongly answered questions as links to them, the next quiz, and the kept best
// result that can be printed and downloaded again without retaking the quiz.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;

  // 前回の結果 / 最高の結果, from what this browser keeps.
  function history(page) {
    var S = page.S;
    var saved = Q.store.kept(page.store, page.quiz.id);
    var box = D.$('quiz-history');
    box.textContent = '';
    if (!saved.last && !saved.best) return;
    box.appendChild(D.text('p', null, S.last + '：' + Q.record.summary(S, saved.last)));
    box.appendChild(D.text('p', null, S.best + '：' + Q.record.summary(S, saved.best)));
  }

  // The kept best result that can be printed and downloaded (a quiz's pass, a self-check's
  // best): offered while no marked attempt is on screen (that one has its own buttons).
  function keptOffer(page) {
    var best = Q.store.keptCertificate(page.store, page.quiz.id);
    var box = D.$('quiz-kept');
    page.kept = best;
    box.hidden = !best || !!(page.attempt && page.attempt.graded);
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

  // The next scored quiz after this one (wrapping) without a kept pass, or null.
  function nextQuiz(page, site) {
    for (var i = 1; i < site.list.length; i++) {
      var q = site.list[(site.here + i) % site.list.length];
      if (q.type === 'quiz' && !Q.store.hasPass(page.store, q.id)) return q;
    }
    return null;
  }

  function allPassed(page, site) {
    var scored = site.list.filter(function (q) { return q.type === 'quiz'; });
    return !!page.store && scored.length > 0 &&
      scored.every(function (q) { return Q.store.hasPass(page.store, q.id); });
  }

  // 「次の小テストへ」, or 「すべて合格しました」 with a link to the quizzes index.
  function next(page) {
    var S = page.S;
    var box = D.$('quiz-next');
    box.textContent = '';
    box.hidden = true;
    var site = siteQuizzes(page);
    if (site.here < 0) return;
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
