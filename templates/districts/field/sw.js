{% autoescape off %}/*
 * The portal's service worker, served from the site's root (districts/views/field.py fills in CONFIG).
 *
 * - Static files: kept at install (the page frame) or when first loaded; a file with a
 *   hashed name is read from the device, another one too but refreshed in the background.
 * - The pages an inspector reads in the field (CONFIG.pages, districts/offline.py): always asked
 *   of the network, kept whenever they arrive; without signal (or after 8 s of waiting)
 *   the kept copy is shown. Other staff pages without signal: a page that says so.
 * - A form of a new record (CONFIG.drafts) is sent to the network; when that fails (the
 *   phone says it is online but no answer comes), the copy the page wrote before sending
 *   (static/js/field/mode.js, a "pending" draft named by the form's `_once` token) becomes a
 *   draft waiting to send, and the list of drafts is shown. Had the form reached the server
 *   after all, the server knows the token and does not store the draft twice.
 * - Nothing else is touched.
 */
"use strict";

const CONFIG = {{ config }};
importScripts(CONFIG.store); // FieldStore, the drafts on the device
const STATIC = `field-static-${CONFIG.version}`;
const PAGES = "field-pages";
const KEPT = CONFIG.pages.map((source) => new RegExp(source));
const NETWORK_WAIT_MS = 8000;
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;
const DRAFTABLE = CONFIG.drafts.map((source) => new RegExp(source));
const SEND_WAIT_MS = 30000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      // The page frame's files must all be there; the "no connection" page is added when it
      // can be (and again whenever it is missing), so that a slow answer does not undo the rest.
      .then((cache) =>
        cache.addAll(CONFIG.assets).then(() => cache.add(CONFIG.offlinePage).catch(() => undefined)),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("field-static-") && name !== STATIC)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function staticFile(event) {
  const cache = await caches.open(STATIC);
  // A stylesheet asks for its font with a version query (bootstrap-icons.woff2?…).
  const kept = await cache.match(event.request, { ignoreSearch: true });
  const network = fetch(event.request).then((response) => {
    if (response.ok) cache.put(event.request, response.clone());
    return response;
  });
  if (!kept) return network;
  if (!HASHED.test(new URL(event.request.url).pathname)) {
    event.waitUntil(network.catch(() => undefined));
  }
  return kept;
}

// The copy kept of this very address: only the page's own markers (a draft being opened,
// one just kept) are left out, so that a filter or another beat never shows a wrong copy.
async function keptCopy(address) {
  const url = new URL(address);
  url.searchParams.delete("draft");
  url.searchParams.delete("kept");
  return caches.match(url.href, { cacheName: PAGES, ignoreVary: true });
}

async function fromStatic(request) {
  return (await caches.match(request.url, { cacheName: STATIC })) || fetch(request);
}

async function offlinePage() {
  return caches.match(CONFIG.offlinePage, { cacheName: STATIC });
}

// The "no connection" page, added when it was not at install.
async function keepOfflinePage() {
  const cache = await caches.open(STATIC);
  if (!(await cache.match(CONFIG.offlinePage))) await cache.add(CONFIG.offlinePage);
}

async function fieldPage(request) {
  const network = fetch(request).then(async (response) => {
    // Only what the server marks as keepable: the pages of those who record the work.
    if (response.ok && !response.redirected && response.headers.get("X-Field-Keep")) {
      const cache = await caches.open(PAGES);
      await cache.put(request.url, response.clone());
    }
    return response;
  });
  network.catch(() => undefined);
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS, "slow"));
  try {
    const first = await Promise.race([network, slow]);
    if (first !== "slow") return first;
    return (await keptCopy(request.url)) || (await network);
  } catch (error) {
    return (await keptCopy(request.url)) || (await offlinePage());
  }
}

async function staffPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return offlinePage();
  }
}

// The page's copy of the form being sent, by its token: forgotten once an answer comes,
// or turned into a draft waiting to send. Returns the draft's id, or "".
async function settle(copy, sent) {
  let token = "";
  try {
    token = (await copy.formData()).get("_once") || "";
  } catch (error) {
    return "";
  }
  const draft = token && (await FieldStore.draft(token));
  if (!draft || draft.state !== "pending") return "";
  if (sent) {
    await FieldStore.forget(token);
  } else {
    draft.state = "waiting";
    await FieldStore.keep(draft);
  }
  return token;
}

async function sendForm(event) {
  const copy = event.request.clone();
  // A navigation's request cannot be given an abort signal: after SEND_WAIT_MS the draft is
  // kept, and an answer that still comes is the server's business (it knows the token).
  const network = fetch(event.request);
  network.catch(() => undefined);
  const slow = new Promise((resolve) => setTimeout(resolve, SEND_WAIT_MS, "slow"));
  try {
    const response = await Promise.race([network, slow]);
    if (response !== "slow") {
      // A server that cannot answer now (502, 503…): the form is kept as a draft, sent later.
      event.waitUntil(settle(copy, response.status < 500));
      return response;
    }
  } catch (error) {
    // no connection after all
  }
  const id = await settle(copy, false);
  if (id) return Response.redirect(`${CONFIG.draftList}?kept=${encodeURIComponent(id)}`, 303);
  return (await offlinePage()) || Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate") {
    if (DRAFTABLE.some((pattern) => pattern.test(url.pathname))) event.respondWith(sendForm(event));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(event));
  } else if (request.mode === "navigate" && KEPT.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(fieldPage(request));
    event.waitUntil(keepOfflinePage().catch(() => undefined));
  } else if (request.mode === "navigate" && url.pathname === CONFIG.offlinePage) {
    event.respondWith(fromStatic(request));
  } else if (request.mode === "navigate" && url.pathname.startsWith(CONFIG.staffPrefix)) {
    event.respondWith(staffPage(request));
  }
});
{% endautoescape %}
