// A .table-stack table becomes one card per row on a phone (static/css/portal.css), each cell
// headed by its column's heading: this copies the heading of the table's head into the cells'
// data-label, where the markup has not given one. A row's own heading (th scope="row") and
// cells that span several columns are left without.
(function () {
  "use strict";

  function headingText(th) {
    const copy = th.cloneNode(true);
    copy.querySelectorAll(".visually-hidden, [aria-hidden='true']").forEach((el) => el.remove());
    // A heading's lines (a period under a label) are separate elements: keep them apart.
    copy.querySelectorAll("*").forEach((el) => el.after(" "));
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  document.querySelectorAll("table.table-stack").forEach((table) => {
    const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!head) return;
    const headings = [];
    for (const th of head.cells) {
      const text = headingText(th);
      for (let i = 0; i < th.colSpan; i++) headings.push(text);
    }
    const sections = [...table.tBodies];
    if (table.tFoot) sections.push(table.tFoot);
    for (const section of sections) {
      for (const row of section.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const rowHeading = cell.tagName === "TH" && cell.scope === "row";
          if (!rowHeading && cell.colSpan === 1 && headings[column] && !cell.hasAttribute("data-label")) {
            cell.dataset.label = headings[column];
          }
          column += cell.colSpan;
        }
      }
    }
  });
})();
