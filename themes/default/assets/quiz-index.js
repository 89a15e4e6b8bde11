// Mamori quizzes, the quizzes index: what this browser keeps of each quiz (the last and the
// best result), the kept best result to download again or to open as a certificate on its
// quiz page (its URL + #quiz-certificate), and 「この端末の記録を消す」. The quiz list comes
// from #quiz-index-data ({ training, issuer, quizzes: [{ id, title, href, type, pass_mark }] });
// without it the cards alone are used.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;

  function indexData() {
    var node = D.$('quiz-index-data');
    try {
      var data = node ? JSON.parse(node.textContent) : null;
      return data && Array.isArray(data.quizzes) ? data : null;
    } catch (e) {
      return null;
    }
  }

  // 「前回の結果：… 最高の結果：…」 (a self-check: 前回の診断, 最高点の診断).
  function summary(S, store, id) {
    var saved = Q.store.kept(store, id);
    return S.last + '：' + Q.record.summary(S, saved.last) +
      (saved.best ? '　' + S.best + '：' + Q.record.summary(S, saved.best) : '');
  }

  // The card's buttons for the kept best record: download it, or open its certificate.
  function keptActions(S, store, card, box) {
    var id = card.getAttribute('data-quiz-id');
    var best = Q.store.keptCertificate(store, id);
    box.textContent = '';
    box.hidden = !best;
    if (!best) return;
    var title = D.plainText(card.querySelector('.card-title'));
    var button = D.text('button', 'button', S.downloadJson);
    button.type = 'button';
    button.setAttribute('aria-label', title + '：' + S.downloadJson);
    button.addEventListener('click', function () { D.downloadRecord(best, 'json'); });
    var show = D.link(card.querySelector('.card-title').getAttribute('href') + '#quiz-certificate',
      Q.record.isPass(best) ? S.certificateShow : S.recordShow);
    show.className = 'button';
    show.setAttribute('aria-label', title + '：' + show.textContent);
    box.appendChild(button);
    box.appendChild(document.createTextNode(' '));
    box.appendChild(show);
  }

  // 「すべての小テストに合格しました。」 or how many of the scored quizzes have a kept pass.
  function overall(S, store, data) {
    var box = D.$('quiz-index-status');
    var scored = data ? data.quizzes.filter(function (q) { return q.type === 'quiz'; }) : [];
    box.hidden = !store || scored.length === 0;
    if (box.hidden) return;
    var passed = scored.filter(function (q) { return Q.store.hasPass(store, q.id); }).length;
    box.textContent = passed === scored.length ? S.allPassed :
      Q.record.format(S.passedCount, { passed: passed, total: scored.length });
  }

  function refresh(S, store, data) {
    Array.prototype.forEach.call(document.querySelectorAll('[data-quiz-id]'), function (card) {
      var id = card.getAttribute('data-quiz-id');
      var line = card.querySelector('[data-quiz-result]');
      if (line) line.textContent = summary(Q.record.words(S, card.hasAttribute('data-self-check')), store, id);
      var box = card.querySelector('[data-quiz-kept]');
      if (box) keptActions(S, store, card, box);
    });
    overall(S, store, data);
  }

  function start() {
    var strings = D.$('quiz-strings');
    if (!strings || D.$('quiz-data')) return;
    var S = JSON.parse(strings.textContent);
    var store = window.Mamori ? window.Mamori.storage() : null;
    var session = window.Mamori ? window.Mamori.session() : null;
    var data = indexData();
    var note = D.$('quiz-storage-note');
    if (!store && note) { note.textContent = S.storageOff; note.hidden = false; }
    refresh(S, store, data);
    Q.device.start(S, store, session, function () { refresh(S, store, data); });
    window.addEventListener('pageshow', function (event) { if (event.persisted) refresh(S, store, data); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
