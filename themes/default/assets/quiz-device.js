// Mamori quizzes, 「この端末の記録を消す」 (window.MamoriQuiz.device): for shared PCs. The
// button opens a question with two explicit buttons (not window.confirm, which some
// screen readers and kiosk set-ups handle badly); はい、消します removes the remembered
// person, every kept result and the tab's marked attempts, and says so.
(function () {
  'use strict';

  var D = window.MamoriQuiz.dom;

  function close(ask, focus) {
    D.$('quiz-clear-confirm').hidden = true;
    ask.setAttribute('aria-expanded', 'false');
    if (focus) ask.focus();
  }

  function open(ask) {
    D.$('quiz-clear-done').textContent = '';
    ask.setAttribute('aria-expanded', 'true');
    D.focusOn(D.$('quiz-clear-confirm'));
  }

  // Wires the partial quiz-device.mustache; `cleared()` runs after the records are gone, so
  // the page can forget what it shows of them.
  function start(S, store, session, cleared) {
    var box = D.$('quiz-device');
    if (!box) return;
    box.hidden = false;
    var ask = D.$('quiz-clear');
    ask.addEventListener('click', function () { open(ask); });
    D.$('quiz-clear-no').addEventListener('click', function () { close(ask, true); });
    D.$('quiz-clear-confirm').addEventListener('keydown', function (event) {
      if (event.key === 'Escape') close(ask, true);
    });
    D.$('quiz-clear-yes').addEventListener('click', function () {
      window.MamoriQuiz.store.clearDevice(store, session);
      close(ask, true);
      cleared();
      D.$('quiz-clear-done').textContent = S.cleared;
    });
  }

  window.MamoriQuiz.device = { start: start };
})();
