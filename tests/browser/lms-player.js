// The LMS side of the SCORM browser tests (scorm.test.mjs), served beside scorm-again's browser
// bundle: the page an LMS would open. It puts scorm-again's run-time where a SCO looks for it
// (window.API for SCORM 1.2, window.API_1484_11 for 2004) with a learner, then loads the SCO
// in the iframe. The query gives: version (1.2 or 2004), sco (the SCO's path in the package)
// or scoUrl (a whole address, e.g. on another origin), name and id (the learner), mastery
// (the manifest's mastery score), mode (normal, review, browse), held (what the LMS already
// holds of the item: "passed" or "failed", with the score in raw), window=new (the SCO opens
// in a window of its own from the button 教材を開く, as Moodle's 「新しいウィンドウ」 does).
//
// Every call of the SCO is logged in window.lms.calls as { name, args, result, error }, with
// the error code the run-time had right after it, and every Commit and Finish/Terminate
// leaves a copy of the whole CMI in window.lms.commits: what the LMS would store.
(function () {
  'use strict';

  var query = new URLSearchParams(window.location.search);
  var version = query.get('version') || '1.2';
  var v12 = version === '1.2';
  var methods = v12 ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit']
    : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit'];
  var saves = v12 ? ['LMSCommit', 'LMSFinish'] : ['Commit', 'Terminate'];
  var settings = { autocommit: false, logLevel: 4 };
  var api = v12 ? new window.Scorm12API(settings) : new window.Scorm2004API(settings);
  var lms = window.lms = { version: version, calls: [], commits: [] };

  function learner() {
    var name = query.get('name') || '';
    var id = query.get('id') || '';
    if (v12) {
      api.cmi.core.student_name = name;
      api.cmi.core.student_id = id;
      if (query.get('mastery')) api.cmi.student_data.mastery_score = query.get('mastery');
      if (query.get('mode')) api.cmi.core.lesson_mode = query.get('mode');
    } else {
      api.cmi.learner_name = name;
      api.cmi.learner_id = id;
      if (query.get('mastery')) api.cmi.scaled_passing_score = String(Number(query.get('mastery')) / 100);
      if (query.get('mode')) api.cmi.mode = query.get('mode');
    }
  }

  // What the LMS holds of the item from an earlier session of the same attempt.
  function held() {
    var status = query.get('held');
    if (!status) return;
    var raw = query.get('raw') || '100';
    if (v12) {
      api.loadFromJSON({ core: { lesson_status: status, score: { raw: raw, min: '0', max: '100' } } });
    } else {
      api.loadFromJSON({ success_status: status, completion_status: 'completed',
        score: { raw: raw, min: '0', max: '100', scaled: String(Number(raw) / 100) } });
    }
  }

  function snapshot() { return JSON.parse(JSON.stringify(api.cmi)); }

  function wrap(name) {
    var real = api[name];
    var lastError = v12 ? api.LMSGetLastError : api.GetLastError;
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = real.apply(api, args);
      lms.calls.push({ name: name, args: args.map(String), result: String(result), error: String(lastError.call(api)) });
      if (saves.indexOf(name) >= 0) lms.commits.push({ by: name, cmi: snapshot() });
      return result;
    };
  }

  learner();
  held();
  methods.forEach(wrap);
  window[v12 ? 'API' : 'API_1484_11'] = api;
  var sco = query.get('scoUrl') || '../pkg/' + (query.get('sco') || 'quizzes/basic.html');
  if (query.get('window') !== 'new') {
    document.getElementById('sco').src = sco;
  } else {
    var open = document.getElementById('open');
    open.hidden = false;
    open.addEventListener('click', function () { window.open(sco, 'sco'); });
  }
})();
