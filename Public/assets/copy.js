/* Copy buttons for the dataset page's URLs and code snippets. Each button
   (hidden until this script runs) names the element to copy in data-copy.
   Uses the clipboard API where the page may; otherwise, or when it is
   refused, selects the text so the reader can copy it themselves. Either
   outcome is announced in the page's polite live region (#copy-status). */
(function () {
  'use strict';
  var status = document.getElementById('copy-status');
  var buttons = document.querySelectorAll('button[data-copy]');
  if (!status || !buttons.length) return;
  var timer = null;

  function announce(message, button, label) {
    // Emptied first so the same message twice is announced twice.
    status.textContent = '';
    setTimeout(function () { status.textContent = message; }, 50);
    if (label) {
      button.textContent = label;
      clearTimeout(timer);
      timer = setTimeout(function () { button.textContent = button.getAttribute('data-label'); }, 2000);
    }
  }

  function select(target) {
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute('data-copy'));
    if (!target) return;
    button.setAttribute('data-label', button.textContent);
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = target.textContent;
      var fallback = function () { select(target); announce(status.getAttribute('data-selected'), button, null); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () {
          announce(status.getAttribute('data-done'), button, status.getAttribute('data-done'));
        }, fallback);
      } else {
        fallback();
      }
    });
  });
})();
