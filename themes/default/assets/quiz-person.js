// Mamori quizzes, who answers (window.MamoriQuiz.person): 氏名 always, 社員番号 and 所属 when
// the site asks for them (data.training.ask, from [training] ask in mamori.toml); every asked
// field is required. Asked before the questions, remembered on this browser, and locked with
// the attempt: the record of a marked attempt names the person who marked it, and the kept
// results shown are that person's (quiz-store.js). In the company LMS (quiz-lms.js) the
// fields the LMS fills are read-only and always show what it gave.
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

  // The person as typed: { name, employee_id, department }, the asked fields only, trimmed;
  // the 社員番号 NFKC too (全角 digits become ASCII), as records and file names carry it.
  function read(page) {
    var who = {};
    page.personFields.forEach(function (key) {
      var value = input(key).value;
      who[key] = key === 'employee_id' ? Q.record.normaliseId(value) : value.trim();
    });
    return who;
  }

  // Whose kept results this page shows and keeps: the person as typed.
  function key(page) { return Q.record.personKey(read(page), page.personFields.indexOf('employee_id') >= 0); }

  // Shows `who` in the fields (the remembered person, or the person of a marked attempt);
  // page.filled keeps what was filled, for nameChanged; a field the LMS filled keeps what it gave.
  function fill(page, who) {
    var lms = page.lmsPerson || {};
    page.filled = {};
    page.personFields.forEach(function (key) {
      var value = who && typeof who[key] === 'string' ? who[key] : '';
      input(key).value = page.filled[key] = lms[key] || value;
    });
  }

  // On a shared PC the next person types their 氏名 over the remembered one: the 社員番号 and
  // 所属 filled with it are the previous person's, so they go (a field typed in since stays,
  // and so does what the LMS gave).
  function nameChanged(page) {
    var filled = page.filled || {};
    var compact = function (text) { return String(text || '').normalize('NFKC').replace(/\s+/g, ''); };
    if (!filled.name || compact(filled.name) === compact(input('name').value)) return;
    page.personFields.forEach(function (key) {
      if (key !== 'name' && !input(key).readOnly && filled[key] && input(key).value === filled[key]) {
        input(key).value = '';
      }
      filled[key] = '';
    });
  }

  // The person the LMS names ({ name, employee_id }): each asked field it gives is filled
  // and read-only (the LMS's record is theirs, so is the certificate); the note says so.
  function given(page, who) {
    var lms = {};
    page.personFields.forEach(function (key) {
      var max = input(key).maxLength > 0 ? input(key).maxLength : 80;
      var value = who && typeof who[key] === 'string' ? who[key].trim().slice(0, max) : '';
      if (key === 'employee_id') value = Q.record.normaliseId(value);
      if (!value) return;
      lms[key] = value;
      input(key).readOnly = true;
    });
    var keys = Object.keys(lms);
    if (!keys.length) return;
    page.lmsPerson = lms;
    fill(page, lms);
    var note = D.$('quiz-person-note');
    note.textContent = note.textContent + Q.record.format(page.S.lms.personNote, {
      fields: keys.map(function (key) { return page.S.fieldNames[key]; }).join('、')
    });
  }

  function remember(page) { Q.store.keepPerson(page.store, read(page)); }

  function lock(page, locked) {
    page.personFields.forEach(function (key) { input(key).disabled = locked; });
  }

  // The asked fields that are empty.
  function missing(page) {
    var who = read(page);
    return page.personFields.filter(function (key) { return !who[key]; });
  }

  // Whether every asked field is filled.
  function complete(page) { return missing(page).length === 0; }

  // Says which fields are needed (「氏名、社員番号を入力してください。…」) and marks them invalid.
  function sayMissing(page, empty) {
    var warning = D.$('quiz-name-warning');
    var labels = empty.map(function (key) { return page.S.fieldNames[key]; });
    warning.textContent = Q.record.format(page.S.fieldsNeeded, { fields: labels.join('、') });
    warning.hidden = empty.length === 0;
    page.personFields.forEach(function (key) {
      if (empty.indexOf(key) >= 0) input(key).setAttribute('aria-invalid', 'true');
      else input(key).removeAttribute('aria-invalid');
    });
  }

  // Before marking: with an asked field empty, says so and moves focus to the first; returns
  // whether the attempt can be marked.
  function ready(page) {
    var empty = missing(page);
    sayMissing(page, empty);
    if (empty.length) {
      input(empty[0]).focus();
      return false;
    }
    fill(page, read(page));  // as the record will have it: trimmed, the 社員番号 normalised
    remember(page);
    return true;
  }

  // The field `key` was typed in: another 氏名 clears the previous person's fields
  // (nameChanged), a filled field is no longer marked, the message goes once all are filled,
  // and `changed()` shows the kept results of the person now typed.
  function typed(page, changed, key) {
    if (key === 'name') nameChanged(page);
    else if (page.filled) page.filled[key] = '';  // typed in now: not the remembered person's
    var empty = missing(page);
    page.personFields.forEach(function (key) {
      if (empty.indexOf(key) < 0) input(key).removeAttribute('aria-invalid');
    });
    if (!empty.length) D.$('quiz-name-warning').hidden = true;
    changed();
  }

  // Shows the asked fields, filled with the remembered person; `changed()` runs when the
  // person typed changes.
  function start(page, changed) {
    page.personFields = asked(page.quiz);
    page.personFields.forEach(function (key) {
      if (key !== 'name') D.$(FIELDS[key] + '-field').hidden = false;
      input(key).addEventListener('change', function () { remember(page); });
      input(key).addEventListener('input', function () { typed(page, changed, key); });
    });
    fill(page, Q.store.person(page.store));
  }

  // Forgets what the last check said (the person's records were cleared).
  function reset(page) { sayMissing(page, []); }

  Q.person = { start: start, read: read, key: key, fill: fill, given: given, lock: lock, ready: ready,
    complete: complete, reset: reset };
})();
