/*
 * Progress of an import job (templates/includes/_import_progress.html, on the register's
 * and the statistics' import pages; see portal/imports).
 *
 * Markup:
 *   <section data-import-progress="<the job's progress URL>">
 *     <progress id="import-progress" max="…" value="…">
 *     <p id="import-status" role="status" aria-live="polite">…</p>
 *     <button id="import-cancel">Cancel</button> (in a form that POSTs the cancel)
 *     <a id="import-refresh" href="…">Refresh</a>
 *   </section>
 *
 * Polls the JSON endpoint every second and moves the bar. The live region is rewritten
 * only when the state changes or another quarter of the work is done, so a screen reader
 * is not flooded. When the job is done the page reloads to show the report. Without
 * JavaScript the refresh link does the same by hand. While a cancelled job is still
 * stopping ("cancelling") the cancel button stays disabled; the page says "cancelled" only
 * once the server does, after the task has stopped.
 */
(function () {
  "use strict";

  var INTERVAL = 1000;

  function setUp(section) {
    var url = section.getAttribute("data-import-progress");
    var bar = section.querySelector("#import-progress");
    var status = section.querySelector("#import-status");
    var cancel = section.querySelector("#import-cancel");
    var lastState = null;
    var lastQuarter = -1;
    var failures = 0;

    function show(data) {
      if (bar) {
        bar.max = Math.max(data.total || 0, 1);
        bar.value = Math.min(data.processed || 0, bar.max);
        bar.textContent = data.percent + "%";
      }
      var quarter = Math.floor((data.percent || 0) / 25);
      if (status && (data.state !== lastState || quarter !== lastQuarter)) {
        status.textContent = data.message;
      }
      if (cancel && data.state === "cancelling") {
        cancel.disabled = true;
      }
      lastState = data.state;
      lastQuarter = quarter;
    }

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          failures = 0;
          show(data);
          if (data.done) {
            window.location.reload();
          } else {
            window.setTimeout(poll, INTERVAL);
          }
        })
        .catch(function () {
          // A lost request: try again a few times, then leave the refresh link to the user.
          failures += 1;
          if (failures < 5) {
            window.setTimeout(poll, INTERVAL * 2);
          }
        });
    }

    window.setTimeout(poll, INTERVAL);
  }

  document.querySelectorAll("[data-import-progress]").forEach(setUp);
})();
