// Mamori, the home page's 研修の進め方: marks the scored quizzes this browser kept a pass of
// (「✓ 合格」) and says whose progress it is and how far (「山田 太郎 さんの進み具合：4つ中1つ
// 合格」: on a shared PC, named), from the results the quiz pages keep (quiz-store.js:
// localStorage "mamori:quiz:ID") for the person they remember ("mamori:person"). Without
// storage, or before anybody typed a name on a quiz page, nothing is shown: no line at all
// rather than a wrong 「0つ合格」 or another person's progress. A kept pass counts only when
// it fits the quiz as built (record.fits: its question bank's version, pass mark and
// questions per attempt, from the item's data attributes). The words are the template's
// (data-format, data-all on #m-path-progress); results never become HTML.
(function () {
  'use strict';

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function refresh() {
    var line = document.getElementById('m-path-progress');
    var Q = window.MamoriQuiz;
    if (!line || !Q || !Q.store) return;
    var store = window.Mamori ? window.Mamori.storage() : null;
    var who = Q.store.person(store);
    var key = Q.record.personKey(who);
    var items = Array.prototype.slice.call(document.querySelectorAll('[data-path-quiz]'));
    var passed = 0;
    items.forEach(function (item) {
      var expect = Q.record.expectation({ id: item.getAttribute('data-path-quiz'), type: 'quiz',
        bank_version: item.getAttribute('data-version') || undefined,
        pass_mark: Number(item.getAttribute('data-pass-mark')) || undefined,
        draw: Number(item.getAttribute('data-total')) || undefined });
      var pass = !!store && !!key && Q.store.hasPass(store, key, expect);
      if (pass) passed++;
      var mark = item.querySelector('.path-passed');
      if (mark) mark.hidden = !pass;
    });
    line.hidden = !store || !key || items.length === 0;
    if (line.hidden) return;
    var values = { total: items.length, passed: passed, name: String(who.name || who.employee_id || '') };
    line.textContent = format(line.getAttribute(passed === items.length ? 'data-all' : 'data-format') || '', values);
  }

  function start() {
    refresh();
    // Back from a quiz page can show this page from the back-forward cache: count again.
    window.addEventListener('pageshow', function (event) { if (event.persisted) refresh(); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
