// Mamori quizzes, what this browser keeps (window.MamoriQuiz.store). `store` is
// localStorage and `session` the tab's sessionStorage, as window.Mamori gives them: either
// can be null (not usable here), and then nothing is kept.
//   localStorage   "mamori:quiz:ID"    { last, best }: result records of quiz ID
//                  "mamori:person"     { name, employee_id, department }: who answers on this browser
//   sessionStorage "mamori:attempt:ID" { seed, picked, record }: the marked attempt on screen,
//                                      so that Back from an explanation returns to it
(function () {
  'use strict';

  var RESULTS = 'mamori:quiz:';
  var PERSON = 'mamori:person';
  var ATTEMPT = 'mamori:attempt:';
  var R = window.MamoriQuiz.record;

  function read(store, key) {
    if (!store) return null;
    try {
      var value = JSON.parse(store.getItem(key) || 'null');
      return value && typeof value === 'object' ? value : null;
    } catch (e) {
      return null;
    }
  }

  function write(store, key, value) {
    if (!store) return;
    try { store.setItem(key, JSON.stringify(value)); } catch (e) { /* full */ }
  }

  function remove(store, key) {
    try { store.removeItem(key); } catch (e) { /* unavailable */ }
  }

  // Only what looks like a record is shown: storage can hold anything.
  function record(value) {
    return value && value.quiz && value.attempt && value.score && Array.isArray(value.answers) ? value : null;
  }

  // { last, best } kept for quiz `id`, each a record or null.
  function kept(store, id) {
    var saved = read(store, RESULTS + id) || {};
    return { last: record(saved.last), best: record(saved.best) };
  }

  function better(a, b) {
    if (!b) return true;
    return a.quiz.type === 'self_check' ? a.score.points >= b.score.points : a.score.percent >= b.score.percent;
  }

  // Keeps `r` as the last result of its quiz, and as the best when it is.
  function keep(store, r) {
    var saved = kept(store, r.quiz.id);
    saved.last = r;
    if (better(r, saved.best)) saved.best = r;
    write(store, RESULTS + r.quiz.id, saved);
  }

  // The kept record that can be printed and downloaded again: a quiz's best when it passed,
  // a self-check's best.
  function keptCertificate(store, id) {
    var best = kept(store, id).best;
    return best && (best.quiz.type === 'self_check' || best.score.passed) ? best : null;
  }

  function hasPass(store, id) { return R.isPass(kept(store, id).best); }

  function person(store) { return read(store, PERSON) || {}; }

  function keepPerson(store, who) { write(store, PERSON, who); }

  function attempt(session, id) { return read(session, ATTEMPT + id); }

  function keepAttempt(session, id, marked) { write(session, ATTEMPT + id, marked); }

  function dropAttempt(session, id) { if (session) remove(session, ATTEMPT + id); }

  function keysFrom(store, prefix) {
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0) keys.push(key);
    }
    return keys;
  }

  // 「この端末の記録を消す」: the remembered person, every kept result and every marked
  // attempt of this tab.
  function clearDevice(store, session) {
    if (store) keysFrom(store, RESULTS).concat([PERSON]).forEach(function (k) { remove(store, k); });
    if (session) keysFrom(session, ATTEMPT).forEach(function (k) { remove(session, k); });
  }

  window.MamoriQuiz.store = {
    kept: kept, keep: keep, keptCertificate: keptCertificate, hasPass: hasPass, person: person,
    keepPerson: keepPerson, attempt: attempt, keepAttempt: keepAttempt, dropAttempt: dropAttempt,
    clearDevice: clearDevice
  };
})();
