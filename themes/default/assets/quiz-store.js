// Mamori quizzes, what this browser keeps (window.MamoriQuiz.store). `store` is
// localStorage and `session` the tab's sessionStorage, as window.Mamori gives them: either
// can be null (not usable here), and then nothing is kept.
//   localStorage   "mamori:quiz:ID"    { people: { KEY: { last, best, words } } }: the result
//                                      records of quiz ID per person. KEY is the person key
//                                      (MamoriQuiz.record.personKey: "id:0123" by 社員番号 where
//                                      the site asks it, else "name:山田太郎"). words:
//                                      { question id: { choice id: words } } of best's chosen
//                                      answers, for its CSV where the questions are not at hand
//                                      (the quizzes index).
//                  "mamori:person"     { name, employee_id, department }: who answers on this
//                                      browser (the asked fields only)
//   sessionStorage "mamori:attempt:ID" { seed, picked, record }: the marked attempt on screen,
//                                      so that Back from an explanation returns to it
// Results are bound to the person: on a shared PC the next person sees only their own. A
// kept record is shown only when it fits the quiz the page knows (record.fits), so a record
// edited by hand shows nothing. Data of the earlier format ({ last, best } without people)
// belongs to nobody: it is never shown, and the next result kept replaces it.
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
      return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
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

  function plainObject(value) { return !!value && typeof value === 'object' && !Array.isArray(value); }

  // Every person's results of quiz `id` ({} for none, or for data of the earlier format).
  function people(store, id) {
    var saved = read(store, RESULTS + id);
    return saved && plainObject(saved.people) ? saved.people : {};
  }

  // { last, best, words } of quiz `expect.id` (record.expectation) kept for the person `key`:
  // each record only when it fits the quiz, else null; words ({}) belong to best.
  function kept(store, key, expect) {
    var all = people(store, expect.id);
    var mine = key && Object.prototype.hasOwnProperty.call(all, key) && plainObject(all[key]) ? all[key] : {};
    var best = R.fits(mine.best, expect) ? mine.best : null;
    return { last: R.fits(mine.last, expect) ? mine.last : null, best: best,
      words: best && plainObject(mine.words) ? mine.words : {} };
  }

  function better(a, b) {
    if (!b) return true;
    return a.quiz.type === 'self_check' ? a.score.points >= b.score.points : a.score.percent >= b.score.percent;
  }

  // Keeps `r` (marked on this page, so it fits `expect`) as the last result of the person
  // `key`, and as the best when it is, with `words` for its CSV.
  function keep(store, key, expect, r, words) {
    if (!key) return;
    var all = people(store, expect.id);
    var saved = kept(store, key, expect);
    var best = better(r, saved.best);
    all[key] = { last: r, best: best ? r : saved.best, words: best ? words : saved.words };
    write(store, RESULTS + expect.id, { people: all });
  }

  // The person's kept record that can be printed and downloaded again: a quiz's best when it
  // passed, a self-check's best.
  function keptCertificate(store, key, expect) {
    var best = kept(store, key, expect).best;
    return best && (best.quiz.type === 'self_check' || best.score.passed) ? best : null;
  }

  function hasPass(store, key, expect) { return R.isPass(kept(store, key, expect).best); }

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

  // 「この端末の記録を消す」: the remembered person, every kept result (of everybody) and every
  // marked attempt of this tab.
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
