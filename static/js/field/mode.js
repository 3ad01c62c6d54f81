/*
 * Field mode (districts/drafts.py): an inspector's records kept on the device without signal.
 *
 *  - A form marked data-offline-draft (districts/templatetags/offline_drafts.py), sent while the
 *    device is offline, is kept as a draft (static/js/field/store.js) instead: its fields,
 *    the form's address and an id made here. Online, the form is sent as usual, after a
 *    "pending" copy named by its `_once` token is written: should the sending fail, the
 *    service worker turns that copy into a draft (and the server, which knows the token,
 *    never stores the same form twice).
 *  - Drafts are sent to the server when the connection returns (the "online" event, each
 *    page load, a retry every minute while some wait). The server stores each id once and
 *    answers with the record, or with the reason it refuses the draft; a refused draft stays
 *    here, with its reason, until it is corrected (…?draft=<id> opens it in its form) or
 *    deleted. Nothing is dropped without the user's word.
 *  - The start page keeps the pages of the inspector's beats for reading offline; the service
 *    worker (/sw.js) keeps each of them again when it is opened online.
 *  - Signing out deletes every draft and kept page from the device (after a warning when
 *    drafts have not been sent); the server's answer repeats it with Clear-Site-Data.
 * A browser without service workers or IndexedDB gets the ordinary forms: nothing here runs.
 */
(function () {
  "use strict";

  const node = document.getElementById("field-mode");
  const store = window.FieldStore;
  if (!node || !store || !("serviceWorker" in navigator) || !window.indexedDB || !window.caches) {
    return;
  }
  const config = JSON.parse(node.textContent);
  if (!config.user) {
    // The sign-in page: the last account's kept pages are no longer to be read here.
    store.forgetPages();
    return;
  }

  const S = config.strings;
  const SKIP = new Set(["csrfmiddlewaretoken", "_once"]);
  const KEEP_PAGES_EVERY_MS = 15 * 60 * 1000;
  const RETRY_MS = 60 * 1000;
  // A pending copy older than this lost its service worker on the way: it is sent as a
  // draft, and the server answers with the record if the form had reached it.
  const PENDING_MS = 10 * 60 * 1000;
  const EDITING_MS = 30 * 60 * 1000;
  const WORKER_WAIT_MS = 10 * 1000;
  // Requests the page makes by itself: they do not keep an idle session alive.
  const BACKGROUND = { "X-Portal-Background": "1" };
  const SENT_NOTES = 20;
  const draftId = new URLSearchParams(location.search).get("draft");
  const UNREADABLE = [400, 413, 414, 431];
  document.documentElement.classList.add("field-mode");

  // --- small helpers ------------------------------------------------------------------------

  const pad = (n) => String(n).padStart(2, "0");

  function formatTime(iso) {
    const d = new Date(iso);
    return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  // 2026-12-09 → 09.12.2026; 2026-12-09T10:00 → 09.12.2026 10:00 (never the US order).
  function formatValue(value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(value);
    return match ? `${match[3]}.${match[2]}.${match[1]}${match[4] ? " " + match[4] : ""}` : value;
  }

  function say(template, ...values) {
    let index = 0;
    return template.replace(/%s/g, () => String(values[index++]));
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  const mine = (draft) => draft.user === config.user;
  const shown = (draft) => draft.state !== "pending";
  const pathOf = (form) => new URL(form.action, location.href).pathname;


  // --- keeping a form as a draft -----------------------------------------------------------

  function summaryOf(form) {
    // The record a draft is about (a problem place's measure), then the summary's fields.
    const parts = form.dataset.offlineSubject ? [form.dataset.offlineSubject] : [];
    for (const name of (form.dataset.offlineSummary || "").split(" ").filter(Boolean)) {
      const field = form.elements.namedItem(name);
      if (!field || !field.value) continue;
      const option = field.tagName === "SELECT" ? field.options[field.selectedIndex] : null;
      let text = (option ? option.text : formatValue(field.value)).trim();
      if (field.type === "number") {
        // A bare number says nothing: "Apartments and houses visited: 20".
        const label = form.querySelector(`label[for="${field.id}"]`);
        if (label) text = `${label.textContent.replace(/\*/g, "").trim()}: ${text}`;
      }
      if (text) parts.push(text.length > 60 ? text.slice(0, 59) + "…" : text);
    }
    return parts.join(" · ");
  }

  function draftOf(form, id) {
    const entries = [];
    for (const [name, value] of new FormData(form)) {
      if (!SKIP.has(name) && typeof value === "string") entries.push([name, value]);
    }
    return {
      id: id || crypto.randomUUID(),
      user: config.user,
      kind: form.dataset.offlineDraft,
      label: form.dataset.offlineLabel,
      action: pathOf(form),
      // Of the record a draft changes, as the page showed it (districts/drafts.py: `edits`).
      version: form.dataset.offlineVersion || "",
      page: location.pathname,
      summary: summaryOf(form),
      entries: entries,
      state: "waiting",
      reason: "",
      errors: [],
      note: "",
      savedAt: new Date().toISOString(),
    };
  }

  function flash(before, text, tone, extra) {
    const old = document.querySelector("[data-field-flash]");
    if (old) old.remove();
    const box = element("div", `alert alert-${tone}`, text);
    box.dataset.fieldFlash = "";
    box.setAttribute("role", "status");
    box.tabIndex = -1;
    if (extra) box.appendChild(extra);
    before.parentNode.insertBefore(box, before);
    box.focus();
  }

  function wireForms() {
    document.querySelectorAll("form[data-offline-draft]").forEach((form) => {
      form.addEventListener("submit", async (event) => {
        const editing = form.dataset.fieldEditing === "1";
        if (navigator.onLine && !editing) {
          await sendWithCopy(form, event);
          return;
        }
        event.preventDefault();
        if (form.dataset.fieldSending) return; // a second tap while the draft is written
        form.dataset.fieldSending = "1";
        // One draft per loaded form: its token names it, so a second tap rewrites the same.
        const draft = draftOf(form, editing ? draftId : tokenOf(form));
        await store.keep(draft);
        if (navigator.onLine) {
          location.assign(config.drafts); // the list sends it and shows the answer
          return;
        }
        const list = await caches.match(config.drafts, {
          cacheName: store.PAGES,
          ignoreSearch: true,
          ignoreVary: true,
        });
        if (list && navigator.serviceWorker.controller) {
          location.assign(`${config.drafts}?kept=${encodeURIComponent(draft.id)}`);
          return;
        }
        // The list cannot be opened without signal: say it here, and clear the form for the
        // next record (under a new token).
        form.reset();
        renewTokens(form);
        form.dataset.fieldEditing = "";
        form.dataset.fieldSending = "";
        flash(form, S.kept, "success");
        refresh();
      });
    });
  }

  // Online: the ordinary form, with a pending copy for the service worker (see the top).
  async function sendWithCopy(form, event) {
    const token = form.elements.namedItem("_once");
    if (!token || !token.value || !navigator.serviceWorker.controller) return;
    event.preventDefault();
    if (form.dataset.fieldSending) return; // a second click while the copy is written
    form.dataset.fieldSending = "1";
    const copy = draftOf(form, token.value);
    copy.state = "pending";
    try {
      await store.keep(copy);
    } finally {
      form.submit();
    }
  }

  // --- opening a draft in its form ----------------------------------------------------------

  function fill(form, entries) {
    // Enough rows in each formset for the draft's ("add another" of static/js/formset.js).
    for (const [name, value] of entries) {
      if (!name.endsWith("-TOTAL_FORMS")) continue;
      const total = form.elements.namedItem(name);
      const add = total && total.closest("[data-formset]")?.querySelector("[data-formset-add]");
      for (let n = 0; add && n < 200 && parseInt(total.value, 10) < parseInt(value, 10); n++) {
        add.click();
      }
    }
    const values = new Map();
    for (const [name, value] of entries) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    }
    for (const field of form.elements) {
      if (!field.name || SKIP.has(field.name) || ["submit", "button", "file"].includes(field.type)) {
        continue;
      }
      const given = values.get(field.name) || [];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = given.includes(field.value);
      } else if (field.tagName === "SELECT" && field.multiple) {
        for (const option of field.options) option.selected = given.includes(option.value);
      } else if (given.length) {
        field.value = given[0];
      } else if (field.type !== "hidden") {
        field.value = "";
      }
    }
  }

  // The reason a draft was refused, each field's message under it; in the draft's form, each
  // message links to its field (static/js/error-summary.js moves the focus there).
  function reasonOf(draft, form) {
    const box = element("div", "mt-2");
    box.appendChild(element("p", "mb-1 fw-semibold", draft.reason));
    const list = element("ul", "mb-0");
    for (const error of draft.errors || []) {
      const text = (error.label ? `${error.label}: ` : "") + error.messages.join(" ");
      const field = form && error.field && form.elements.namedItem(error.field);
      const item = list.appendChild(element("li", ""));
      if (field && field.id) {
        const link = item.appendChild(element("a", "", text));
        link.href = `#${field.id}`;
      } else {
        item.textContent = text;
      }
    }
    if (list.children.length) box.appendChild(list);
    if (form) box.dataset.errorSummary = "";
    return box;
  }

  async function openDraft() {
    if (!draftId) return;
    const forms = [...document.querySelectorAll("form[data-offline-draft]")];
    if (!forms.length) return;
    const draft = await store.draft(draftId);
    const form = draft && mine(draft) && forms.find((f) => pathOf(f) === draft.action);
    if (!form) {
      flash(forms[0], S.missing, "warning");
      return;
    }
    form.dataset.fieldEditing = "1";
    // Not sent in the background while it is being corrected here (saving clears this).
    draft.editingUntil = Date.now() + EDITING_MS;
    await store.keep(draft);
    fill(form, draft.entries);
    if (draft.state === "rejected") {
      for (const error of draft.errors || []) {
        const field = error.field && form.elements.namedItem(error.field);
        if (!field || !field.classList) continue;
        const note = element("div", "invalid-feedback d-block", error.messages.join(" "));
        note.id = `${field.id || field.name}-draft-error`;
        field.classList.add("is-invalid");
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
        field.insertAdjacentElement("afterend", note);
      }
      flash(form, S.editing, "warning", reasonOf(draft, form));
    } else {
      flash(form, S.editing, "info");
    }
  }

  // --- sending ------------------------------------------------------------------------------

  // Who is signed in, with a fresh CSRF token; or why drafts cannot be sent now.
  async function status() {
    let response;
    try {
      response = await fetch(config.api, {
        credentials: "same-origin",
        redirect: "manual",
        cache: "no-store",
        headers: { ...BACKGROUND, Accept: "application/json" },
      });
    } catch (error) {
      return null; // no connection after all
    }
    if (response.type === "opaqueredirect") return { problem: S.signedOut };
    if (response.status === 403) return { problem: S.accessLost, refused: true };
    if (!response.ok) return { problem: S.retry };
    const body = await response.json();
    return body.user === config.user ? body : { problem: S.signedOut };
  }

  // "done" when the server answered (stored or refused); "skip" when this draft should be
  // tried again later; "stop" when no draft can be sent now (no connection, signed out).
  async function sendOne(draft, csrf) {
    const body = new URLSearchParams(draft.entries);
    body.append("field-draft-id", draft.id);
    body.append("field-draft-action", draft.action);
    if (draft.version) body.append("field-draft-version", draft.version);
    let response;
    try {
      response = await fetch(config.api, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        redirect: "manual",
        headers: { ...BACKGROUND, "X-CSRFToken": csrf, Accept: "application/json" },
      });
    } catch (error) {
      return "stop";
    }
    let answer = null;
    try {
      answer = await response.json();
    } catch (error) {
      answer = null;
    }
    if (answer && answer.status === "stored") {
      await store.noteSent({
        id: draft.id,
        user: draft.user,
        label: draft.label,
        location: answer.location,
        message: answer.message,
        sentAt: new Date().toISOString(),
      });
      await store.forget(draft.id); // preventive visits and all: nothing stays once stored
      return "done";
    }
    if (answer && answer.status === "rejected") {
      Object.assign(draft, { state: "rejected", reason: answer.reason, errors: answer.errors || [], note: "" });
      await store.keep(draft);
      return "done";
    }
    if (response.type !== "opaqueredirect" && UNREADABLE.includes(response.status)) {
      // The server cannot read it at all (too big, say): sending it again will not help.
      Object.assign(draft, { state: "rejected", reason: S.unreadable, errors: [], note: "" });
      await store.keep(draft);
      return "done";
    }
    const signedOut = response.type === "opaqueredirect";
    draft.note = signedOut ? S.signedOut : S.retry;
    await store.keep(draft);
    return signedOut ? "stop" : "skip";
  }

  async function sendWaiting() {
    const now = Date.now();
    const waiting = (await store.drafts()).filter(
      (d) => mine(d) && d.state === "waiting" && !(d.editingUntil > now),
    );
    if (!waiting.length) return;
    const answer = await status();
    if (!answer) return;
    if (answer.problem) {
      for (const draft of waiting) {
        if (answer.refused) Object.assign(draft, { state: "rejected", reason: answer.problem, errors: [] });
        else draft.note = answer.problem;
        await store.keep(draft);
      }
      return;
    }
    for (const draft of waiting) {
      if ((await sendOne(draft, answer.csrf)) === "stop") break;
    }
  }

  let sending = null;
  function send() {
    if (!navigator.onLine) return Promise.resolve();
    if (!sending) {
      // One sender at a time, across the tabs of this device too.
      const work = () => sendWaiting();
      const run = navigator.locks ? navigator.locks.request("field-mode-send", work) : work();
      sending = run.catch(() => undefined).finally(() => {
        sending = null;
        refresh();
      });
    }
    return sending;
  }

  // --- pages kept for reading offline -------------------------------------------------------

  async function keepPages(progress) {
    const answer = await status();
    if (!answer || answer.problem) return false;
    const cache = await caches.open(store.PAGES);
    let kept = 0;
    let failed = 0;
    for (const url of answer.pages) {
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          redirect: "manual",
          headers: BACKGROUND,
        });
        if (response.ok && response.type === "basic" && response.headers.get("X-Field-Keep")) {
          await cache.put(url, response);
          kept++;
        } else {
          failed++;
        }
      } catch (error) {
        failed++;
      }
      if (progress) progress(kept, answer.pages.length, failed);
    }
    await store.setMeta("pagesKeptAt", Date.now());
    document.documentElement.dataset.fieldPages = failed ? "partly" : "kept";
    return !failed;
  }

  async function keepPagesIfDue() {
    if (!config.keepPages || !navigator.onLine) return;
    // After the service worker has its own files: one thing at a time on a weak network.
    const ready = navigator.serviceWorker.ready;
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, WORKER_WAIT_MS))]);
    const last = (await store.meta("pagesKeptAt")) || 0;
    if (Date.now() - last > KEEP_PAGES_EVERY_MS) {
      await keepPages();
    } else {
      document.documentElement.dataset.fieldPages = "kept";
    }
  }

  // --- what the user sees -------------------------------------------------------------------

  function count(selector, n) {
    document.querySelectorAll(selector).forEach((node) => {
      node.textContent = String(n);
    });
  }

  // Drafts waiting to send and drafts refused (to correct), each with its own count.
  async function refresh() {
    const drafts = (await store.drafts()).filter(shown);
    const own = drafts.filter(mine).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    const waiting = own.filter((d) => d.state !== "rejected");
    const refused = own.filter((d) => d.state === "rejected");
    count("[data-field-count]", waiting.length);
    count("[data-field-refused-count]", refused.length);
    document.querySelectorAll("[data-field-waiting]").forEach((box) => {
      box.hidden = own.length === 0;
    });
    document.querySelectorAll("[data-field-waiting-part]").forEach((part) => {
      part.hidden = waiting.length === 0;
    });
    document.querySelectorAll("[data-field-refused]").forEach((part) => {
      part.hidden = refused.length === 0;
    });
    const list = document.querySelector("[data-field-drafts]");
    if (list) await renderLists(list, waiting, refused, drafts.length - own.length);
  }

  // A short line read out after an action on the list, where the focus is then put.
  function announce(text) {
    const line = document.querySelector("[data-field-status]");
    if (!line) return;
    line.textContent = text;
    line.focus();
  }

  function draftCard(draft) {
    const card = element("article", "card mb-2");
    card.dataset.fieldDraft = draft.id;
    const body = card.appendChild(element("div", "card-body"));
    const title = body.appendChild(element("h3", "h6 card-title d-flex flex-wrap gap-2 align-items-center", draft.label));
    const refused = draft.state === "rejected";
    title.appendChild(element("span", `badge ${refused ? "text-bg-danger" : "text-bg-warning"}`, refused ? S.badgeRefused : S.badgeWaiting));
    // "Edit", "Delete"… of which draft, for a screen reader going through the buttons.
    const which = [draft.label, draft.summary].filter(Boolean).join(" · ");
    if (draft.summary) body.appendChild(element("p", "mb-1", draft.summary));
    body.appendChild(element("p", "small text-body-secondary mb-1", `${S.keptAt}: ${formatTime(draft.savedAt)}`));
    if (draft.note) body.appendChild(element("p", "small mb-1", draft.note));
    if (refused) body.appendChild(reasonOf(draft)).classList.add("text-danger-emphasis");
    const actions = body.appendChild(element("div", "d-flex flex-wrap gap-2 mt-2"));
    const edit = actions.appendChild(element("a", "btn btn-sm btn-outline-primary", S.edit));
    edit.href = `${draft.page}?draft=${encodeURIComponent(draft.id)}`;
    edit.setAttribute("aria-label", `${S.edit}: ${which}`);
    if (refused) {
      const again = actions.appendChild(element("button", "btn btn-sm btn-outline-secondary", S.sendAgain));
      again.type = "button";
      again.setAttribute("aria-label", `${S.sendAgain}: ${which}`);
      again.addEventListener("click", async () => {
        Object.assign(draft, { state: "waiting", reason: "", errors: [], note: S.sending });
        await store.keep(draft);
        await refresh();
        announce(S.sending);
        await send();
        const after = await store.draft(draft.id);
        announce(!after ? S.sentNow : after.state === "rejected" ? S.refusedAgain : after.note || S.retry);
      });
    }
    const discard = actions.appendChild(element("button", "btn btn-sm btn-outline-danger", S.discard));
    discard.type = "button";
    discard.setAttribute("aria-label", `${S.discard}: ${which}`);
    discard.addEventListener("click", async () => {
      if (!window.confirm(S.discardConfirm)) return;
      await store.forget(draft.id);
      await refresh();
      announce(S.deleted);
    });
    return card;
  }

  async function renderLists(list, waiting, refused, others) {
    list.replaceChildren(...waiting.map(draftCard));
    if (!waiting.length) list.appendChild(element("p", "text-body-secondary", S.none));
    if (others) list.appendChild(element("p", "alert alert-secondary", say(S.otherAccount, others)));
    const refusedList = document.querySelector("[data-field-refused-list]");
    if (refusedList) refusedList.replaceChildren(...refused.map(draftCard));
    const sentList = document.querySelector("[data-field-sent]");
    if (!sentList) return;
    const notes = (await store.sent()).filter(mine).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
    for (const old of notes.slice(SENT_NOTES)) await store.forgetSent(old.id);
    sentList.replaceChildren(
      ...notes.slice(0, SENT_NOTES).map((note) => {
        const item = element("li", "list-group-item d-flex flex-wrap gap-2 justify-content-between");
        item.appendChild(element("span", "", `${note.label} · ${formatTime(note.sentAt)} · ${note.message}`));
        const open = item.appendChild(element("a", "", S.open));
        open.href = note.location;
        return item;
      }),
    );
    sentList.closest("section").hidden = notes.length === 0;
  }

  function showConnection() {
    let banner = document.querySelector("[data-field-offline]");
    if (!banner) {
      banner = element("div", "alert alert-warning small", S.offline);
      banner.dataset.fieldOffline = "";
      banner.setAttribute("role", "status");
      const main = document.getElementById("main");
      if (main) main.prepend(banner);
    }
    banner.hidden = navigator.onLine;
  }

  function wireDraftsPage() {
    const kept = new URLSearchParams(location.search).get("kept");
    const list = document.querySelector("[data-field-drafts]");
    if (kept && list) flash(list, S.kept, "success");
    document.querySelectorAll("[data-field-unsupported]").forEach((note) => {
      note.hidden = true;
    });
    const button = document.querySelector("[data-field-keep-pages]");
    const progress = document.querySelector("[data-field-keep-progress]");
    if (!button || !progress) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      button.disabled = true;
      const done = await keepPages((count, total) => {
        progress.textContent = say(S.pagesKept, count, total);
      });
      if (!done) progress.textContent += ` ${S.pagesFailed}`;
      button.disabled = false;
      button.focus();
    });
  }

  // Signing out needs the server: without it the session would live on while the device is
  // wiped. Everything kept here is deleted once the server has signed the user out.
  function wireSignOut() {
    document.querySelectorAll("form[data-field-logout]").forEach((form) => {
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        if (!navigator.onLine) {
          window.alert(S.signOutOffline);
          return;
        }
        const unsent = (await store.drafts()).filter(shown).length;
        if (unsent && !window.confirm(say(S.logoutConfirm, unsent))) return;
        let response;
        try {
          response = await fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            credentials: "same-origin",
            redirect: "manual",
          });
        } catch (error) {
          window.alert(S.signOutOffline);
          return;
        }
        if (response.type !== "opaqueredirect" && !response.ok) {
          window.alert(S.signOutOffline);
          return;
        }
        await store.wipe();
        for (const registration of await navigator.serviceWorker.getRegistrations()) {
          await registration.unregister();
        }
        location.assign(config.signedOut);
      });
    });
  }

  // A page read from the device's copy carries the tokens it was made with: each form sent
  // from it gets a fresh one, so that two sendings are never taken for one (portal/once.py).
  function tokenOf(form) {
    const token = form.elements.namedItem("_once");
    return token && token.value ? token.value : crypto.randomUUID();
  }

  // The default value too, so that resetting a form does not bring back the old token.
  function renewTokens(root) {
    root.querySelectorAll('input[name="_once"]').forEach((input) => {
      input.defaultValue = input.value = crypto.randomUUID();
    });
  }

  renewTokens(document);

  async function adoptLostCopies() {
    const now = Date.now();
    for (const draft of await store.drafts()) {
      if (draft.state === "pending" && now - Date.parse(draft.savedAt) > PENDING_MS) {
        draft.state = "waiting";
        await store.keep(draft);
      }
    }
  }

  async function start() {
    const owner = await store.meta("account");
    if (owner !== config.user) {
      // Another account used this device: none of its pages stay readable. Its drafts stay,
      // unsent, until it signs in again or they are deleted.
      if (owner !== undefined) await store.forgetPages();
      await store.setMeta("account", config.user);
    }
    navigator.serviceWorker.register(config.worker, { scope: "/" }).catch(() => undefined);
    wireForms();
    wireSignOut();
    wireDraftsPage();
    showConnection();
    window.addEventListener("online", () => {
      showConnection();
      // "Kept until the connection returns" is out of date: the list says what happened.
      const kept = document.querySelector("[data-field-drafts-page] [data-field-flash]");
      if (kept) kept.remove();
      send();
    });
    window.addEventListener("offline", showConnection);
    // A page brought back by the Back button may be sent again.
    window.addEventListener("pageshow", (event) => {
      if (!event.persisted) return;
      document.querySelectorAll("form[data-offline-draft]").forEach((form) => {
        form.dataset.fieldSending = "";
      });
    });
    setInterval(send, RETRY_MS);
    await adoptLostCopies();
    await openDraft();
    await refresh();
    await send();
    await keepPagesIfDue();
  }

  start();
})();
