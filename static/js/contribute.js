// The contribution forms: formatting buttons and a live word count for stories, and one send
// per form (the server also refuses to store the same form twice).
(function () {
  "use strict";
  // The same rule as community/text.py: letters or digits joined by ' ’ . -; each Chinese or
  // Japanese character is a word.
  var CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var LETTERS = "(?:(?![" + CJK + "])[\\p{L}\\p{N}\\p{M}])+";
  var WORD = new RegExp("[" + CJK + "]|" + LETTERS + "(?:['’.\\-]" + LETTERS + ")*", "gu");

  function plainText(source) {
    return source
      .replace(/<[^>]*>/g, " ")
      .replace(/\]\([^)]*\)/g, " ") // a link's address is not words of the story
      .replace(/[#*>_`~[\]]/g, " ");
  }

  function countWords(source) {
    var found = plainText(source).match(WORD);
    return found ? found.length : 0;
  }

  function wordCount(form) {
    var body = form.querySelector("[data-word-count]");
    var output = form.querySelector("[data-word-count-output]");
    if (!body || !output) return;
    var minimum = parseInt(form.dataset.minWords, 10) || 0;
    var maximum = parseInt(form.dataset.maxWords, 10) || Infinity;
    function update() {
      var words = countWords(body.value);
      var text = words + (words === 1 ? " word" : " words");
      if (words < minimum) text += " (" + (minimum - words) + " more to reach " + minimum + ")";
      else if (words > maximum) text += " (the most is " + maximum + ")";
      output.textContent = text;
      output.classList.toggle("word-count--short", words < minimum || words > maximum);
    }
    body.addEventListener("input", update);
    update();
  }

  function toolbar(form) {
    var bar = form.querySelector(".editor-toolbar");
    var body = form.querySelector("[data-word-count]");
    if (!bar || !body) return;
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var start = body.selectionStart, end = body.selectionEnd, text = body.value;
      var selected = text.slice(start, end);
      var insert;
      if (button.dataset.wrap) {
        insert = button.dataset.wrap + (selected || "text") + button.dataset.wrap;
      } else if (button.hasAttribute("data-link")) {
        var url = window.prompt("Link address (https://…)", "https://");
        if (!url) return;
        insert = "[" + (selected || "link text") + "](" + url + ")";
      } else {
        var lineStart = text.lastIndexOf("\n", start - 1) + 1;
        body.setRangeText(button.dataset.format, lineStart, lineStart, "end");
        body.dispatchEvent(new Event("input"));
        body.focus();
        return;
      }
      body.setRangeText(insert, start, end, "end");
      body.dispatchEvent(new Event("input"));
      body.focus();
    });
  }

  function sendOnce(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sending) {
        event.preventDefault();
        return;
      }
      form.dataset.sending = "true";
      form.setAttribute("aria-busy", "true");
    });
  }

  document.querySelectorAll("form.stacked-form").forEach(function (form) {
    wordCount(form);
    toolbar(form);
    sendOnce(form);
  });
})();
