// Mamori quizzes, small helpers for the page (window.MamoriQuiz.dom). Text from storage or
// from a file only ever becomes textContent; innerHTML takes only HTML the generator made.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  // An element with `className` and HTML the generator made (the quiz's JSON).
  function element(tag, className, html) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function text(tag, className, value) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

  function link(href, value) {
    var a = text('a', null, value);
    a.href = href;
    return a;
  }

  function plainText(node) { return node ? node.textContent.replace(/\s+/g, ' ').trim() : ''; }

  // The words of generator-made HTML (parsed in an inert document: nothing loads or runs).
  function htmlText(html) {
    return plainText(new DOMParser().parseFromString(String(html), 'text/html').body);
  }

  // Saves `content` as the file `name` (a link to a blob: nothing leaves the browser).
  function download(name, type, content) {
    var blob = new Blob([content], { type: type });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // Saves a result record as its JSON file or ('csv') its CSV for a person; `choiceText` as
  // MamoriQuiz.record.toCsv takes it.
  function downloadRecord(record, kind, choiceText) {
    var R = window.MamoriQuiz.record;
    if (kind === 'csv') download(R.fileName(record, 'csv'), 'text/csv', R.toCsv(record, choiceText));
    else download(R.fileName(record, 'json'), 'application/json', JSON.stringify(record, null, 2));
  }

  // How to hand in the result file ([training] hand_in, `training.hand_in` of the page's
  // data), each of its lines a paragraph, into every .quiz-hand-in (quiz-file-note.mustache);
  // without it the partial's general sentence stays.
  function handIn(training) {
    var value = training && typeof training.hand_in === 'string' ? training.hand_in.trim() : '';
    if (!value) return;
    Array.prototype.forEach.call(document.querySelectorAll('.quiz-hand-in'), function (box) {
      box.textContent = '';
      value.split(/\r\n|\r|\n/).forEach(function (line) {
        if (line.trim()) box.appendChild(text('p', null, line));
      });
    });
  }

  // Shows `node` and moves focus to it (it is not a tab stop itself).
  function focusOn(node) {
    node.hidden = false;
    node.setAttribute('tabindex', '-1');
    node.focus();
  }

  window.MamoriQuiz.dom = {
    $: $, element: element, text: text, link: link, plainText: plainText, htmlText: htmlText,
    download: download, downloadRecord: downloadRecord, handIn: handIn, focusOn: focusOn
  };
})();
