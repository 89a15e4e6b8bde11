// Mamori quizzes, the SCORM run-time of an LMS (window.MamoriQuiz.scorm): finding it, calling
// it, and writing values in the formats SCORM 1.2 (object `API`) and 2004 (`API_1484_11`)
// require. What the quiz page reports, and when, is quiz-lms.js.
//
// Finding the API: this window and its parents (at most MAX_HOPS up), then the opener of the
// top window and its parents (at most MAX_OPENERS openers), as the standard's discovery
// algorithm does. At each window API_1484_11 is tried before API, as the common pipwerks
// wrapper does (the page is the same in a 1.2 and a 2004 package; an LMS that offers both
// records either). A window of another origin throws when read: it is passed over.
(function () {
  'use strict';

  var MAX_HOPS = 10;
  var MAX_OPENERS = 3;

  // What differs between the two run-times: method and element names, and words.
  var RUNTIMES = {
    '1.2': {
      object: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit',
      finish: 'LMSFinish', lastError: 'LMSGetLastError',
      name: 'cmi.core.student_name', id: 'cmi.core.student_id', mode: 'cmi.core.lesson_mode',
      score: 'cmi.core.score.', success: 'cmi.core.lesson_status', completion: 'cmi.core.lesson_status',
      sessionTime: 'cmi.core.session_time', response: 'student_response', time: 'time',
      correct: 'correct', wrong: 'wrong', separator: ','
    },
    '2004': {
      object: 'API_1484_11', initialize: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit',
      finish: 'Terminate', lastError: 'GetLastError',
      name: 'cmi.learner_name', id: 'cmi.learner_id', mode: 'cmi.mode',
      score: 'cmi.score.', success: 'cmi.success_status', completion: 'cmi.completion_status',
      sessionTime: 'cmi.session_time', response: 'learner_response', time: 'timestamp',
      correct: 'correct', wrong: 'incorrect', separator: '[,]'
    }
  };

  // The run-time `win` offers, { version, api }, or null (none, or another origin's window).
  function apiIn(win) {
    var order = ['2004', '1.2'];
    for (var i = 0; i < order.length; i++) {
      var rt = RUNTIMES[order[i]];
      try {
        var api = win[rt.object];
        if (api && typeof api[rt.initialize] === 'function') return { version: order[i], api: api };
      } catch (e) { return null; }
    }
    return null;
  }

  function parentOf(win) {
    try { return win.parent && win.parent !== win ? win.parent : null; } catch (e) { return null; }
  }

  function openerOf(win) {
    try { return win.top && win.top.opener ? win.top.opener : null; } catch (e) { return null; }
  }

  // `win` and its parents, at most MAX_HOPS up.
  function climb(win) {
    for (var hops = 0; win && hops <= MAX_HOPS; hops++) {
      var found = apiIn(win);
      if (found) return found;
      win = parentOf(win);
    }
    return null;
  }

  // The LMS's run-time as a session { version, api, rt, error }, or null when there is none.
  function find() {
    var win = window;
    for (var openers = 0; win && openers <= MAX_OPENERS; openers++) {
      var found = climb(win);
      if (found) return { version: found.version, api: found.api, rt: RUNTIMES[found.version], error: null };
      win = openerOf(win);
    }
    return null;
  }

  // SCORM answers "true"/"false" as strings; some run-times answer booleans.
  function ok(result) { return result === true || String(result) === 'true'; }

  function lastError(s) {
    try { return String(s.api[s.rt.lastError]()); } catch (e) { return '?'; }
  }

  // Initialize, Commit, Finish/Terminate ('initialize', 'commit', 'finish'): whether it
  // succeeded; a failure's error code is kept in s.error.
  function call(s, method) {
    var done = false;
    try { done = ok(s.api[s.rt[method]]('')); } catch (e) { done = false; }
    if (!done && !s.error) s.error = lastError(s);
    return done;
  }

  function get(s, element) {
    try {
      var value = s.api[s.rt.get](element);
      return value === undefined || value === null ? '' : String(value);
    } catch (e) { return ''; }
  }

  // Sets one element; the first failure's error code is kept in s.error.
  function set(s, element, value) {
    var done = false;
    try { done = ok(s.api[s.rt.set](element, String(value))); } catch (e) { done = false; }
    if (!done && !s.error) s.error = lastError(s);
    return done;
  }

  function pad(n, width) {
    var text = String(n);
    while (text.length < width) text = '0' + text;
    return text;
  }

  // A time span: 1.2 CMITimespan HHHH:MM:SS.SS (hours 2 to 4 digits), 2004 an ISO 8601
  // duration PT#H#M#S (seconds to 2 decimals).
  function span(version, ms) {
    var cs = Math.min(Math.max(0, Math.round(ms / 10)), 9999 * 360000 + 359999);
    var h = Math.floor(cs / 360000);
    var m = Math.floor(cs / 6000) % 60;
    var sec = Math.floor(cs / 100) % 60;
    var hundredths = cs % 100;
    if (version === '1.2') return pad(h, 2) + ':' + pad(m, 2) + ':' + pad(sec, 2) + '.' + pad(hundredths, 2);
    return 'PT' + h + 'H' + m + 'M' + sec + (hundredths ? '.' + pad(hundredths, 2) : '') + 'S';
  }

  // A moment: 1.2 CMITime (the local time of day, HH:MM:SS), 2004 a time in UTC with
  // hundredths (its format allows a time zone only after the fraction).
  function stamp(version, when) {
    if (version === '1.2') return pad(when.getHours(), 2) + ':' + pad(when.getMinutes(), 2) + ':' + pad(when.getSeconds(), 2);
    return when.toISOString().slice(0, 19) + '.' + pad(Math.floor(when.getUTCMilliseconds() / 10), 2) + 'Z';
  }

  // The index of a choice id the generator gives (a … z, a1 … z1, …; quiz_page.cc).
  function choiceIndex(id) {
    var m = /^([a-z])(\d*)$/.exec(id);
    return m ? m[1].charCodeAt(0) - 97 + 26 * Number(m[2] || 0) : -1;
  }

  // A choice as 1.2 writes it: one character a–z, then 0–9; null past the 36th choice.
  function choiceCharacter(id) {
    var i = choiceIndex(id);
    if (i < 0 || i >= 36) return null;
    return i < 26 ? String.fromCharCode(97 + i) : String(i - 26);
  }

  // The answer `ids` (choice ids, or ["true"] / ["false"]) of a question of `type` as the
  // response or correct pattern of the version: 1.2 choice "a,c", 2004 choice "a[,]c",
  // true-false "t"/"f" (1.2) or "true"/"false" (2004). Null when there is nothing to write
  // (no answer) or 1.2 cannot write it (past the 36th choice).
  function response(version, type, ids) {
    if (!ids.length) return null;
    if (type === 'true_false') return version === '1.2' ? ids[0].charAt(0) : ids[0];
    var sorted = ids.slice().sort(function (a, b) { return choiceIndex(a) - choiceIndex(b); });
    var written = version === '1.2' ? sorted.map(choiceCharacter) : sorted;
    if (written.some(function (w) { return w === null; })) return null;
    return written.join(RUNTIMES[version].separator);
  }

  // The interaction type of a question type.
  function interactionType(type) { return type === 'true_false' ? 'true-false' : 'choice'; }

  // An interaction id from a question id: ASCII without spaces (question ids already are:
  // letters, digits, '-', '_'; anything else is made '_').
  function interactionId(questionId) { return (String(questionId).replace(/[^A-Za-z0-9_-]/g, '_') || 'q').slice(0, 255); }

  window.MamoriQuiz.scorm = {
    find: find, call: call, get: get, set: set, span: span, stamp: stamp, response: response,
    interactionType: interactionType, interactionId: interactionId
  };
})();
