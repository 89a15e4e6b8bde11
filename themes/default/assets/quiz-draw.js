// Mamori quizzes, an attempt's questions (window.MamoriQuiz.draw): drawn and shuffled from a
// seed, so that the same seed shows the same questions in the same order again (Back to a
// marked attempt rebuilds it from its seed).
(function () {
  'use strict';

  var D = window.MamoriQuiz.dom;

  // mulberry32: small seeded generator, so an attempt can be replayed from its seed.
  function generator(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(list, random) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var t = copy[i]; copy[i] = copy[j]; copy[j] = t;
    }
    return copy;
  }

  function newSeed() {
    if (window.crypto && window.crypto.getRandomValues) {
      return window.crypto.getRandomValues(new Uint32Array(1))[0];
    }
    return Math.floor(Math.random() * 4294967296);
  }

  // The inverse of the generator's encode_answer_key (quiz_page.cc).
  function decodeKey(quizId, questionId, encoded) {
    var binary = atob(encoded);
    var state = window.MamoriQuiz.record.fnv1a32(quizId + '/' + questionId) || 0x9E3779B9;
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      state ^= state << 13; state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5; state >>>= 0;
      bytes[i] = binary.charCodeAt(i) ^ (state & 0xFF);
    }
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  }

  // The answers a question offers: the self-check scale, true/false, or its choices.
  function answerOptions(page, q, random) {
    var S = page.S;
    if (page.selfCheck) {
      return page.quiz.options.map(function (o, i) { return { id: String(i), html: null, label: o.label }; });
    }
    if (q.type === 'true_false') return [{ id: 'true', label: S['true'] }, { id: 'false', label: S['false'] }];
    var options = q.choices.map(function (c) { return { id: c.id, html: c.text }; });
    return page.quiz.shuffle ? shuffled(options, random) : options;
  }

  // One answer: the whole row is its <label> (a target of at least 44 px, style.css), the
  // control first, then the words (HTML the generator made, or a label of the theme).
  function optionRow(q, o) {
    var id = 'q-' + q.id + '-' + o.id;
    var row = D.element('label', 'quiz-option');
    row.htmlFor = id;
    var input = document.createElement('input');
    input.type = q.type === 'multiple' ? 'checkbox' : 'radio';
    input.name = 'q-' + q.id;
    input.id = id;
    input.value = o.id;
    var words = o.html !== undefined && o.html !== null ? D.element('span', 'quiz-option-text', o.html) :
      D.text('span', 'quiz-option-text', o.label);
    row.appendChild(input);
    row.appendChild(words);
    return row;
  }

  // The hint under the question, 「1つ選んでください」 or 「当てはまるものをすべて選んでください」.
  // Its id has a '.', which no question or choice id can have (letters, digits, '-', '_'),
  // so it never meets the id of an answer.
  function hint(page, q) {
    var node = D.text('p', 'quiz-hint', q.type === 'multiple' ? page.S.chooseAll : page.S.chooseOne);
    node.id = 'q-' + q.id + '.hint';
    return node;
  }

  // "問3" (a quiz) or "項目3" (a self-check): how the page and its messages name a question.
  function questionName(page, index) { return (page.selfCheck ? page.S.item : page.S.question) + (index + 1); }

  // A question: its fieldset is named by the legend (the number, and the text when it is
  // one paragraph) and described by a text of several blocks and by the hint.
  function questionItem(page, q, index, random) {
    var item = D.element('li', 'quiz-question');
    item.id = 'q-' + q.id;
    var fieldset = D.element('fieldset');
    var legend = D.element('legend');
    legend.appendChild(D.text('span', 'quiz-number', questionName(page, index) + ' '));
    legend.appendChild(D.element('span', 'quiz-text', q.text_is_block ? '' : q.text));
    fieldset.appendChild(legend);
    var described = [];
    if (q.text_is_block) {
      var block = D.element('div', 'quiz-text-block', q.text);
      block.id = 'q-' + q.id + '.text';
      described.push(block.id);
      fieldset.appendChild(block);
    }
    var note = hint(page, q);
    described.push(note.id);
    fieldset.appendChild(note);
    fieldset.setAttribute('aria-describedby', described.join(' '));
    var group = D.element('div', page.selfCheck ? 'quiz-options quiz-options-scale' : 'quiz-options');
    answerOptions(page, q, random).forEach(function (o) { group.appendChild(optionRow(q, o)); });
    fieldset.appendChild(group);
    fieldset.appendChild(D.element('div', 'quiz-feedback'));
    item.appendChild(fieldset);
    return item;
  }

  // Draws the questions of the attempt with `seed` (in the order the seed gives) and shows
  // them; returns the attempt { seed, questions }.
  function build(page, seed) {
    var random = generator(seed);
    var questions = page.quiz.questions.slice();
    if (page.quiz.shuffle) questions = shuffled(questions, random);
    if (!page.selfCheck && page.quiz.draw < questions.length) questions = questions.slice(0, page.quiz.draw);
    page.list.textContent = '';
    questions.forEach(function (q, index) { page.list.appendChild(questionItem(page, q, index, random)); });
    return { seed: seed, questions: questions };
  }

  window.MamoriQuiz.draw = { build: build, newSeed: newSeed, decodeKey: decodeKey, questionName: questionName };
})();
