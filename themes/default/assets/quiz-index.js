// Mamori quizzes, the quizzes index: what this browser keeps of each quiz for the person it
// remembers ("mamori:person": the last one who typed a name on a quiz page), the last and
// the best result; the kept best result to download again (JSON to hand in, CSV to read) or
// to open as a certificate on its quiz page (its URL + #quiz-certificate, which shows the
// certificate alone); and 「この端末の記録を消す」. The quiz list comes from #quiz-index-data
// ({ training, issuer, quizzes: [{ id, title, href, type, pass_mark, draw, bank_version }] })
// and the cards (data-quiz-id); a kept record is shown only when it fits its quiz as built
// (record.fits: the bank's version, the pass mark, the questions of an attempt).
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

  // The index's state: its words, storage and data, and whose results it shows.
  function indexPage(S, data) {
    var store = window.Mamori ? window.Mamori.storage() : null;
    var ask = data && data.training && Array.isArray(data.training.ask) ? data.training.ask : null;
    return { S: S, data: data, store: store, session: window.Mamori ? window.Mamori.session() : null,
      asksId: ask ? ask.indexOf('employee_id') >= 0 : undefined, key: '' };
  }

  // What the index knows of the quiz of `card` to check its kept records against.
  function expectationOf(index, card) {
    var id = card.getAttribute('data-quiz-id');
    var entry = (index.data ? index.data.quizzes : []).filter(function (q) { return q.id === id; })[0] ||
      { id: id, type: card.hasAttribute('data-self-check') ? 'self_check' : 'quiz' };
    return Q.record.expectation(entry);
  }

  // 「山田 太郎 さんの前回の結果：… 最高の結果：…」 (a self-check: 前回の診断, 最高点の診断).
  function summary(S, who, saved) {
    return Q.record.whose(S, who, S.last) + '：' + Q.record.summary(S, saved.last) +
      (saved.best ? '　' + S.best + '：' + Q.record.summary(S, saved.best) : '');
  }

  // A button of the card named after its quiz: 「基本の小テスト：結果をダウンロード（CSV）」.
  function cardButton(title, label, action) {
    var button = D.text('button', 'button', label);
    button.type = 'button';
    button.setAttribute('aria-label', title + '：' + label);
    button.addEventListener('click', action);
    return button;
  }

  // The words of a choice for the CSV, as the quiz page kept them with the record.
  function keptWords(words) {
    return function (questionId, choiceId) {
      var mine = Object.prototype.hasOwnProperty.call(words, questionId) ? words[questionId] : null;
      var text = mine && Object.prototype.hasOwnProperty.call(mine, choiceId) ? mine[choiceId] : null;
      return typeof text === 'string' ? text : choiceId;
    };
  }

  // The card's buttons for the kept best record: download it, or open its certificate.
  function keptActions(S, card, saved, box) {
    var best = saved.best && (saved.best.quiz.type === 'self_check' || saved.best.score.passed) ? saved.best : null;
    box.textContent = '';
    box.hidden = !best;
    if (!best) return;
    var title = D.plainText(card.querySelector('.card-title'));
    var show = D.link(card.querySelector('.card-title').getAttribute('href') + '#quiz-certificate',
      Q.record.isPass(best) ? S.certificateShow : S.recordShow);
    show.className = 'button';
    show.setAttribute('aria-label', title + '：' + show.textContent);
    box.appendChild(show);
    box.appendChild(document.createTextNode(' '));
    box.appendChild(cardButton(title, S.downloadJson, function () { D.downloadRecord(best, 'json'); }));
    box.appendChild(document.createTextNode(' '));
    box.appendChild(cardButton(title, S.downloadCsv, function () {
      D.downloadRecord(best, 'csv', keptWords(saved.words));
    }));
  }

  // 「山田 太郎さんの結果です。」: whose results the page shows (nobody's before a name was typed).
  function whose(index, who) {
    var line = D.$('quiz-index-person');
    if (!line) return;
    line.hidden = !index.store || !index.key;
    line.textContent = line.hidden ? '' : Q.record.format(index.S.whoseResults, { name: who.name || who.employee_id });
  }

  // 「すべての小テストに合格しました。」 or how many of the scored quizzes have a kept pass.
  function overall(index, who, passes) {
    var S = index.S;
    var box = D.$('quiz-index-status');
    var scored = index.data ? index.data.quizzes.filter(function (q) { return q.type === 'quiz'; }) : [];
    box.hidden = !index.store || !index.key || scored.length === 0;
    if (box.hidden) return;
    var passed = scored.filter(function (q) { return passes[q.id]; }).length;
    box.textContent = passed === scored.length ? S.allPassed :
      Q.record.whose(S, who, Q.record.format(S.passedCount, { passed: passed, total: scored.length }));
  }

  function refresh(index) {
    var who = Q.store.person(index.store);
    index.key = Q.record.personKey(who, index.asksId);
    var passes = {};
    Array.prototype.forEach.call(document.querySelectorAll('[data-quiz-id]'), function (card) {
      var S = Q.record.words(index.S, card.hasAttribute('data-self-check'));
      var saved = Q.store.kept(index.store, index.key, expectationOf(index, card));
      passes[card.getAttribute('data-quiz-id')] = Q.record.isPass(saved.best);
      var line = card.querySelector('[data-quiz-result]');
      if (line) {
        line.textContent = index.key ? summary(S, who, saved) : '';
        line.hidden = !line.textContent;  // nobody's results: no empty box
      }
      var box = card.querySelector('[data-quiz-kept]');
      if (box) keptActions(S, card, saved, box);
    });
    whose(index, who);
    overall(index, who, passes);
  }

  function start() {
    var strings = D.$('quiz-strings');
    if (!strings || D.$('quiz-data')) return;
    var index = indexPage(JSON.parse(strings.textContent), indexData());
    var note = D.$('quiz-storage-note');
    if (!index.store && note) { note.textContent = index.S.storageOff; note.hidden = false; }
    if (index.data) D.handIn(index.data.training);
    refresh(index);
    Q.device.start(index.S, index.store, index.session, function () { refresh(index); });
    window.addEventListener('pageshow', function (event) { if (event.persisted) refresh(index); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
