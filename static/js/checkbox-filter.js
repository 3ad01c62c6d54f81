/*
 * A text box that narrows a long list of checkboxes, without inline scripts (the CSP
 * forbids them).
 *
 * Markup (see templates/volunteers/activity/training_form.html):
 *   <div data-checkbox-filter-box hidden>
 *     <label for="f">…</label><input type="search" id="f" data-checkbox-filter="choices">
 *   </div>
 *   <div id="choices"> … one .form-check per choice … </div>
 *
 * The box stays hidden without JavaScript; the whole list is usable then. Typing hides
 * the choices whose label does not contain every typed word; ticked choices stay visible
 * so the user always sees what will be saved.
 */
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("data-checkbox-filter"));
    var box = input.closest("[data-checkbox-filter-box]");
    if (!list) {
      return;
    }
    if (box) {
      box.hidden = false;
    }
    var choices = Array.prototype.slice.call(list.querySelectorAll(".form-check"));

    function apply() {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      choices.forEach(function (choice) {
        var text = choice.textContent.toLocaleLowerCase();
        var checkbox = choice.querySelector("input[type=checkbox]");
        var matches = words.every(function (word) {
          return text.indexOf(word) !== -1;
        });
        choice.hidden = !(matches || (checkbox && checkbox.checked));
      });
    }

    input.addEventListener("input", apply);
    // Enter in the box must not submit the whole form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  }

  document.querySelectorAll("[data-checkbox-filter]").forEach(setUp);
})();
