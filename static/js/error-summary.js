/*
 * The error summary at the top of a form (templates/includes/_error_summary.html), in the
 * GOV.UK manner, without inline scripts (the CSP forbids them):
 *  - when the page loads, the focus moves to the first summary, so a screen reader reads
 *    "There is a problem" and the list, and the keyboard starts there;
 *  - a link of the summary moves the focus to its field (a plain #fragment link only
 *    scrolls), opening a closed <details> around it and showing the field's label.
 * Without JavaScript the summary is still the first thing in the form and its links scroll.
 */
(function () {
  "use strict";

  function focusField(target) {
    var details = target.closest("details");
    if (details && !details.open) {
      details.open = true;
    }
    var group = target.closest("fieldset") || target.closest(".mb-3") || target;
    var label = group.querySelector("legend, label");
    target.focus({ preventScroll: true });
    (label || target).scrollIntoView({ block: "start" });
  }

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    var details = summary.closest("details");
    if (details) {
      details.open = true;
    }
    summary.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    focusField(target);
  });
})();
