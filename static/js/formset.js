/*
 * "Add another" for Django formsets, without inline scripts (the CSP forbids them).
 *
 * Markup (see templates/districts/meetings/meeting_form.html):
 *   <fieldset data-formset>
 *     {{ formset.management_form }}
 *     <div data-formset-forms> one [data-formset-form] per form </div>
 *     <template data-formset-template> {{ formset.empty_form }} </template>
 *     <button type="button" data-formset-add hidden>Add another</button>
 *   </fieldset>
 *
 * The button stays hidden without JavaScript; the server then renders spare empty forms.
 * A click clones the template, replaces __prefix__ with the next index, bumps TOTAL_FORMS
 * and moves the focus to the new form's first field.
 */
(function () {
  "use strict";

  function setUp(container) {
    var list = container.querySelector("[data-formset-forms]");
    var template = container.querySelector("template[data-formset-template]");
    var button = container.querySelector("[data-formset-add]");
    var total = container.querySelector("input[name$='-TOTAL_FORMS']");
    var max = container.querySelector("input[name$='-MAX_NUM_FORMS']");
    if (!list || !template || !button || !total) {
      return;
    }

    function atMax() {
      var limit = max ? parseInt(max.value, 10) : NaN;
      return !isNaN(limit) && parseInt(total.value, 10) >= limit;
    }

    button.hidden = atMax();
    button.addEventListener("click", function () {
      if (atMax()) {
        return;
      }
      var index = parseInt(total.value, 10);
      var holder = document.createElement("template");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
      var form = holder.content.querySelector("[data-formset-form]");
      var number = holder.content.querySelector("[data-formset-number]");
      if (number) {
        number.textContent = String(index + 1);
      }
      list.appendChild(holder.content);
      total.value = String(index + 1);
      button.hidden = atMax();
      var first = form && form.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  }

  document.querySelectorAll("[data-formset]").forEach(setUp);
})();
