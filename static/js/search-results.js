/*
 * The beat search's results (templates/residents/home.html), without inline scripts (the CSP
 * forbids them): when the page comes back from a search, the focus moves to the results'
 * heading (tabindex="-1"), so a screen reader reads how many beats were found, or that none
 * was together with the hint, and the keyboard carries on from the results.
 * An error summary keeps the focus that error-summary.js gave it.
 */
(function () {
  "use strict";

  var heading = document.getElementById("results-heading");
  if (heading && !document.querySelector("[data-error-summary]")) {
    heading.focus();
  }
})();
