// Mamori quizzes, who answers (window.MamoriQuiz.person): 氏名 always, 社員番号 and 所属 when
// the site asks for them (data.training.ask, from [training] ask in mamori.toml). Asked
// before the questions, remembered on this browser, and locked with the attempt: the record
// of a marked attempt names the person who marked it.
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;
  var FIELDS = { name: 'quiz-name', employee_id: 'quiz-employee-id', department: 'quiz-department' };

  // The fields asked on this page, in order: name first, then those of data.training.ask.
  function asked(quiz) {
    var ask = quiz.training && Array.isArray(quiz.training.ask) ? quiz.training.ask : [];
    return ['name'].concat(ask.filter(function (key, i) {
      return key !== 'name' && FIELDS.hasOwnProperty(key) && ask.indexOf(key) === i;
    }));
  }

  function input(key) { return D.$(FIELDS[key]); }

  // The person as typed: { name, employee_id, department }, the asked fields only, trimmed.
  function read(page) {
    var who = {};
    page.personFields.forEach(function (key) { who[key] = input(key).value.trim(); });
    return who;
  }

  // Shows `who` in the fields (the remembered person, or the person of a marked attempt).
  function fill(page, who) {
    page.personFields.forEach(function (key) {
      input(key).value = who && typeof who[key] === 'string' ? who[key] : '';
    });
  }

  function remember(page) {
    var who = Q.store.person(page.store);
    var typed = read(page);
    Object.keys(typed).forEach(function (key) { who[key] = typed[key]; });
    Q.store.keepPerson(page.store, who);
  }

  function lock(page, locked) {
    page.personFields.forEach(function (key) { input(key).disabled = locked; });
  }

  // Before marking: without a name, says so and moves focus to the field; returns whether
  // the attempt can be marked.
  function ready(page) {
    var warning = D.$('quiz-name-warning');
    if (!read(page).name) {
      warning.textContent = page.S.nameNeeded;
      warning.hidden = false;
      input('name').focus();
      return false;
    }
    warning.hidden = true;
    fill(page, read(page));  // as the record will have it: trimmed
    remember(page);
    return true;
  }

  // Shows the asked fields, filled with the remembered person.
  function start(page) {
    page.personFields = asked(page.quiz);
    page.personFields.forEach(function (key) {
      if (key !== 'name') D.$(FIELDS[key] + '-field').hidden = false;
      input(key).addEventListener('change', function () { remember(page); });
    });
    input('name').addEventListener('input', function () {
      if (input('name').value.trim()) D.$('quiz-name-warning').hidden = true;
    });
    fill(page, Q.store.person(page.store));
  }

  Q.person = { start: start, read: read, fill: fill, lock: lock, ready: ready };
})();
