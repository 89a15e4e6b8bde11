// Mamori quizzes, the printable page of a result (window.MamoriQuiz.certificate): a 修了証
// for a passed quiz only; a failed quiz and a self-check get a 受験記録 with the same facts.
// Dates are the local day of the attempt in Japanese (2026年12月1日); the number is the
// record's attempt.number; the issuer is data.issuer (else the site title the page shows).
(function () {
  'use strict';

  var Q = window.MamoriQuiz;
  var D = Q.dom;
  var R = Q.record;

  // The rows of the facts list: [term, value].
  function facts(S, record) {
    var who = R.personOf(record);
    var pass = R.isPass(record);
    var rows = [[S.date, R.japaneseDate(R.localDay(record.attempt))]];
    if (who.employee_id) rows.push([S.employeeId, who.employee_id]);
    if (who.department) rows.push([S.department, who.department]);
    if (record.quiz.type === 'self_check') {
      rows.push([S.score, R.format(S.points, { points: record.score.points })]);
      if (record.score.band) rows.push([S.band, record.score.band]);
    } else {
      rows.push([S.score, R.format(S.scoreLine, record.score)]);
      rows.push([S.result, record.score.passed ? S.passed : S.failed]);
    }
    rows.push([pass ? S.certificateNumber : S.recordNumber, R.numberOf(record)]);
    return rows;
  }

  // The words that differ between a 修了証 and a 受験記録.
  function words(S, record) {
    if (R.isPass(record)) return { title: S.certificate, text: S.certificateText, print: S.certificatePrint };
    var text = record.quiz.type === 'self_check' ? S.selfCheckRecordText : S.recordText;
    return { title: S.attemptRecord, text: text, print: S.recordPrint };
  }

  // Fills the certificate section with `record`, shows it and moves focus to it.
  function show(page, record) {
    var S = page.S;
    var w = words(S, record);
    D.$('quiz-certificate-title').textContent = w.title;
    D.$('quiz-certificate-text').textContent = w.text;
    D.$('quiz-certificate-print').textContent = w.print;
    D.$('quiz-certificate-name').textContent = R.personOf(record).name || '';
    D.$('quiz-certificate-quiz').textContent = record.quiz.title || page.quiz.title;
    if (typeof page.quiz.issuer === 'string' && page.quiz.issuer) {
      D.$('quiz-certificate-issuer').textContent = page.quiz.issuer;
    }
    var list = D.$('quiz-certificate-facts');
    list.textContent = '';
    facts(S, record).forEach(function (row) {
      list.appendChild(D.text('dt', null, row[0]));
      list.appendChild(D.text('dd', null, row[1]));
    });
    var section = D.$('quiz-certificate');
    section.classList.toggle('is-record', !R.isPass(record));
    D.focusOn(section);
  }

  function hide() { D.$('quiz-certificate').hidden = true; }

  // Prints the certificate alone (print.css: body.printing-certificate).
  function print() {
    document.body.classList.add('printing-certificate');
    window.addEventListener('afterprint', function done() {
      document.body.classList.remove('printing-certificate');
      window.removeEventListener('afterprint', done);
    });
    window.print();
  }

  // The label of the button that shows the printable page of `record`.
  function showLabel(S, record) { return R.isPass(record) ? S.certificateShow : S.recordShow; }

  Q.certificate = { show: show, hide: hide, print: print, showLabel: showLabel };
})();
