// Mamori quizzes, the result record: pure functions (no page, no storage) that make a
// record, number it, name its files and write it as CSV. Loaded before the other quiz-*.js
// scripts; they find it as window.MamoriQuiz.record.
//
// A result record is version 2 of the format `mamori results` reads (docs/results.md):
//   { format: "mamori-quiz-result", version: 2,
//     quiz: { id, title, type, version },    // type: "quiz" | "self_check"; version: of the question bank
//     person: { name, employee_id, department },  // the last two only when the site asks for them
//     attempt: { date: ISO 8601 in UTC, local_date: ISO 8601 with the browser's offset,
//                seed,                       // the shuffle/draw of this attempt
//                number },                   // 修了証番号 / 記録番号: "20261201-3F2A9C01", see attemptNumber
//     score: { correct, total, percent, pass_mark, passed }                  // quiz
//          | { points, min, max, band },                                     // self_check
//     answers: [ { question, text, chosen: [ids], correct: bool } ]         // quiz
//            | [ { question, text, answer: label, points } ] }              // self_check
// (text: the question as shown, without HTML.) Version 1 records (older pages: the name at
// the top level, no person, quiz.version, local_date, number or text) are still read by
// `mamori results`; the pages show no kept record they cannot check against the quiz (fits).
(function () {
  'use strict';

  // The CSV is a file format (`mamori results` reads it): its headers and words are fixed here,
  // not in the theme's strings.
  var CSV_QUIZ_HEADER = ['小テストID', '小テスト', '問題の版', '受験日時', '氏名', '社員番号', '所属', '記録番号',
    '正解数', '出題数', '正答率(%)', '合格ライン(%)', '判定', '問題ID', '問題', '回答', '正誤'];
  var CSV_SELF_CHECK_HEADER = ['小テストID', '小テスト', '問題の版', '受験日時', '氏名', '社員番号', '所属', '記録番号',
    '合計点', '最低点', '最高点', '診断', '項目ID', '項目', '回答', '点数'];
  var WORDS = { passed: '合格', failed: '不合格', correct: '正解', wrong: '不正解', unanswered: '未回答' };

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // The theme's words (#quiz-strings) for a quiz, or (`selfCheck`) for a self-check: its
  // "selfCheck" words (診断する, 最初から答え直す, …) in place of those of a quiz.
  function words(S, selfCheck) {
    if (!selfCheck || !S.selfCheck) return S;
    var out = {};
    Object.keys(S).forEach(function (key) { out[key] = S[key]; });
    Object.keys(S.selfCheck).forEach(function (key) { out[key] = S.selfCheck[key]; });
    return out;
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // `when` in ISO 8601 with the browser's offset from UTC, to the second: 2026-12-01T08:30:00+09:00.
  function localIso(when) {
    var offset = -when.getTimezoneOffset();
    var abs = Math.abs(offset);
    return when.getFullYear() + '-' + pad(when.getMonth() + 1) + '-' + pad(when.getDate()) + 'T' +
      pad(when.getHours()) + ':' + pad(when.getMinutes()) + ':' + pad(when.getSeconds()) +
      (offset < 0 ? '-' : '+') + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
  }

  // The attempt's local time with its offset, as the employee saw it. A version 1 record has
  // only the UTC date: it is shown in this browser's time zone.
  function localWithOffset(attempt) {
    if (attempt.local_date) return String(attempt.local_date);
    var date = new Date(attempt.date);
    return isNaN(date.getTime()) ? String(attempt.date) : localIso(date);
  }

  // "2026-12-01 08:30:00"
  function localTime(attempt) { return localWithOffset(attempt).slice(0, 19).replace('T', ' '); }

  // "2026-12-01 08:30:00 +09:00" (受験日時 in the CSV)
  function csvTime(attempt) {
    var iso = localWithOffset(attempt);
    return iso.length > 19 ? localTime(attempt) + ' ' + iso.slice(19) : localTime(attempt);
  }

  // "2026-12-01"
  function localDay(attempt) { return localTime(attempt).slice(0, 10); }

  // "2026年12月1日" for "2026-12-01" (another text is returned as it is).
  function japaneseDate(day) {
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day);
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : day;
  }

  // FNV-1a, 32 bits, of the UTF-8 of `text` (as generator/core/hashing.h).
  function fnv1a32(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 2166136261;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash >>> 0;
  }

  // The number of an attempt (修了証番号 / 記録番号): the local day and 8 hex digits of the
  // FNV-1a of the quiz id, the UTC date and the seed, "20261201-3F2A9C01". Stable: the same
  // record always gives the same number, so a printed certificate matches its file.
  function attemptNumber(quizId, attempt) {
    var hex = fnv1a32(quizId + '\n' + attempt.date + '\n' + String(attempt.seed)).toString(16).toUpperCase();
    return localDay(attempt).replace(/-/g, '') + '-' + ('00000000' + hex).slice(-8);
  }

  function numberOf(record) { return record.attempt.number || attemptNumber(record.quiz.id, record.attempt); }

  // The person of a record: version 1 kept only a name, at the top level.
  function personOf(record) {
    if (record.person) return record.person;
    return { name: typeof record.name === 'string' ? record.name : '' };
  }

  function isPass(record) { return !!record && record.quiz.type !== 'self_check' && !!record.score.passed; }

  // 正答率 (%) of `correct` of `total`: what marking computes and what a kept record must say.
  function percentOf(correct, total) { return Math.round(correct * 100 / total); }

  // A 社員番号 as it is kept and written: NFKC (全角 "０１２３" is "0123"), trimmed.
  function normaliseId(text) { return String(text || '').normalize('NFKC').trim(); }

  // Who kept results belong to (quiz-store.js): "id:" and the 社員番号 when the site asks for it
  // (`asksId`), else "name:" and the 氏名, both NFKC with every white space (U+3000 too)
  // removed; "" when that is empty. With `asksId` undefined (the home page does not know what
  // the site asks) the 社員番号 is used when the person has one.
  function personKey(who, asksId) {
    var person = who && typeof who === 'object' ? who : {};
    var compact = function (text) { return typeof text === 'string' ? text.normalize('NFKC').replace(/\s+/g, '') : ''; };
    var byId = asksId === undefined ? compact(person.employee_id) !== '' : asksId;
    var value = compact(byId ? person.employee_id : person.name);
    return value ? (byId ? 'id:' : 'name:') + value : '';
  }

  function isInteger(n) { return typeof n === 'number' && isFinite(n) && Math.floor(n) === n; }

  function known(value) { return value !== undefined && value !== null; }

  // A quiz's score that adds up: the pass mark and the number of questions the page expects,
  // 0 ≤ correct ≤ total with as many answers and as many right ones, the percent marking
  // computes, and passed exactly when that reaches the pass mark.
  function quizScoreFits(record, expect) {
    var s = record.score;
    if (![s.correct, s.total, s.percent, s.pass_mark].every(isInteger) || typeof s.passed !== 'boolean') return false;
    if ((known(expect.pass_mark) && s.pass_mark !== expect.pass_mark) || (known(expect.total) && s.total !== expect.total)) {
      return false;
    }
    var right = record.answers.filter(function (a) { return !!a && a.correct === true; }).length;
    return s.total > 0 && s.correct >= 0 && s.correct <= s.total && record.answers.length === s.total &&
      right === s.correct && s.percent === percentOf(s.correct, s.total) && s.passed === (s.percent >= s.pass_mark);
  }

  function selfCheckScoreFits(record, expect) {
    var s = record.score;
    if (![s.points, s.min, s.max].every(isInteger)) return false;
    if ((known(expect.min) && s.min !== expect.min) || (known(expect.max) && s.max !== expect.max)) return false;
    return s.min <= s.points && s.points <= s.max;
  }

  // Whether a kept record (storage can hold anything, edited by hand too) can be shown as a
  // result of the quiz `expect` describes (see expectation): its id and type, its question
  // bank's version and a score that fits. What `expect` does not know is not checked.
  function fits(record, expect) {
    var looks = !!record && typeof record === 'object' && !!record.quiz && !!record.attempt && !!record.score &&
      Array.isArray(record.answers);
    if (!looks || !expect || record.quiz.id !== expect.id || record.quiz.type !== expect.type) return false;
    if (known(expect.version) && record.quiz.version !== expect.version) return false;
    return expect.type === 'self_check' ? selfCheckScoreFits(record, expect) : quizScoreFits(record, expect);
  }

  // What a page knows of quiz `q` to check kept records with: a quiz page's own data (#quiz-data:
  // bank_version, pass_mark, draw; a self-check's min_points, max_points), or an entry of a list
  // of quizzes (id and type, and what else the list gives).
  function expectation(q) {
    var scored = q.type !== 'self_check';
    return { id: q.id, type: q.type, version: q.bank_version, pass_mark: scored ? q.pass_mark : null,
      total: scored ? q.draw : null, min: q.min_points, max: q.max_points };
  }

  // Answers in words, each in 「」 (a choice's words can hold 、 themselves): 「A」「B」.
  function quoted(texts) { return texts.map(function (t) { return '「' + t + '」'; }).join(''); }

  // A new record of an attempt graded at `now`.
  function create(quiz, person, seed, score, answers, now) {
    var attempt = { date: now.toISOString(), local_date: localIso(now), seed: seed };
    attempt.number = attemptNumber(quiz.id, attempt);
    return {
      format: 'mamori-quiz-result', version: 2,
      quiz: { id: quiz.id, title: quiz.title, type: quiz.type, version: quiz.bank_version },
      person: person, attempt: attempt, score: score, answers: answers
    };
  }

  // Whether `a` and `b` were marked alike: the same score and, per question, the same verdict
  // and chosen answers (a self-check: the same points and answer). A tab's marked attempt
  // marked again on restore must match the record it kept; one edited by hand does not.
  function sameMarking(a, b) {
    var marks = function (r) {
      return JSON.stringify([r.score, (Array.isArray(r.answers) ? r.answers : []).map(function (x) {
        x = x || {};
        return [x.question, x.correct === true, x.chosen || null, known(x.points) ? x.points : null, x.answer || null];
      })]);
    };
    return !!a && !!b && marks(a) === marks(b);
  }

  // 理解度チェック_{quiz}_{社員番号 or 氏名}_{YYYYMMDD}.{extension}, with every character that
  // Windows does not allow in a file name (\/:*?"<>| and control characters) made "_". A
  // failed attempt's name ends in _不合格, so that it never overwrites a pass of the same day.
  function fileName(record, extension) {
    var person = personOf(record);
    var who = person.employee_id || person.name || '';
    var failed = record.quiz.type !== 'self_check' && !record.score.passed;
    var name = '理解度チェック_' + record.quiz.id + '_' + who + '_' + localDay(record.attempt).replace(/-/g, '') +
      (failed ? '_不合格' : '');
    return name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_') + '.' + extension;
  }

  // One CSV cell. Text that a spreadsheet would run as a formula (it starts with =, +, -, @,
  // a tab or a carriage return: =HYPERLINK("http://…") sends the sheet away) gets a leading
  // "'", as the contact table export does (generator/core/csv.h); so does text that already
  // starts with "'" and such a character or another "'". Numbers the quiz computed (a
  // self-check's -1 points) stay numbers.
  function csvField(value) {
    var s = String(value === undefined || value === null ? '' : value);
    if (typeof value !== 'number' && /^'?[=+\-@\t\r]|^''/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // The cells every row of a record starts with: the quiz, the attempt and the person.
  function csvStart(record) {
    var person = personOf(record);
    return [record.quiz.id, record.quiz.title, record.quiz.version || '', csvTime(record.attempt),
      person.name || '', person.employee_id || '', person.department || '', numberOf(record)];
  }

  function selfCheckRow(score, a) {
    return [score.points, score.min, score.max, score.band || '', a.question, a.text || '',
      a.answer || WORDS.unanswered, a.points === null || a.points === undefined ? '' : a.points];
  }

  // `choiceText(question, choice)` gives the words of a choice (its id when they are not known).
  // Several choices are each in 「」, one is its words alone.
  function quizRow(score, a, choiceText) {
    var texts = (a.chosen || []).map(function (id) { return choiceText(a.question, id); });
    var answer = texts.length > 1 ? quoted(texts) : texts.join('');
    return [score.correct, score.total, score.percent, score.pass_mark, score.passed ? WORDS.passed : WORDS.failed,
      a.question, a.text || '', answer || WORDS.unanswered, a.correct ? WORDS.correct : WORDS.wrong];
  }

  // The record as CSV for a person (Excel): UTF-8 with BOM, CRLF, one row per question with
  // the attempt's facts, the question and the answer in words.
  function toCsv(record, choiceText) {
    var selfCheck = record.quiz.type === 'self_check';
    var start = csvStart(record);
    var rows = [selfCheck ? CSV_SELF_CHECK_HEADER : CSV_QUIZ_HEADER];
    record.answers.forEach(function (a) {
      rows.push(start.concat(selfCheck ? selfCheckRow(record.score, a) : quizRow(record.score, a, choiceText)));
    });
    return '\ufeff' + rows.map(function (r) { return r.map(csvField).join(','); }).join('\r\n') + '\r\n';
  }

  // 「山田 太郎 さんの最高の結果」: `what` (S.best, …) of the person `who`, by 氏名 (else 社員番号).
  function whose(S, who, what) {
    return format(S.whose, { name: (who && (who.name || who.employee_id)) || '', what: what });
  }

  // One line about a kept record: "2026年12月1日 3 / 3 問正解（100%） 合格".
  function summary(S, record) {
    if (!record) return S.never;
    var date = japaneseDate(localDay(record.attempt));
    if (record.quiz.type === 'self_check') {
      return date + ' ' + format(S.points, { points: record.score.points }) +
        (record.score.band ? '（' + record.score.band + '）' : '');
    }
    return date + ' ' + format(S.scoreLine, record.score) + ' ' + (record.score.passed ? S.passed : S.failed);
  }

  var Q = window.MamoriQuiz = window.MamoriQuiz || {};
  Q.record = {
    format: format, words: words, localIso: localIso, localTime: localTime, localDay: localDay, japaneseDate: japaneseDate,
    fnv1a32: fnv1a32, attemptNumber: attemptNumber, numberOf: numberOf, personOf: personOf, isPass: isPass,
    percentOf: percentOf, normaliseId: normaliseId, personKey: personKey, fits: fits, expectation: expectation,
    quoted: quoted, whose: whose, create: create, sameMarking: sameMarking, fileName: fileName, csvField: csvField, toCsv: toCsv, summary: summary
  };
})();
