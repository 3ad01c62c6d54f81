{% autoescape off %}/*
 * The portal's service worker, served from the site's root (districts/views/field.py fills in CONFIG).
 *
 * - Static files: kept at install (the page frame) or when first loaded; a file with a
 *   hashed name is read from the device, another one too but refreshed in the background.
 * - The pages an inspector reads in the field (CONFIG.pages, districts/offline.py): always asked
 *   of the network, kept whenever they arrive; without signal (or after 8 s of waiting)
 *   the kept copy is shown. Other staff pages without signal: a page that says so.
 * - Nothing else is touched: forms are sent to the network only, and drafts are the page's
 *   business (static/js/field/mode.js).
 */
"use strict";

const CONFIG = {{ config }};
const STATIC = `field-static-${CONFIG.version}`;
const PAGES = "field-pages";
const KEPT = CONFIG.pages.map((source) => new RegExp(source));
const NETWORK_WAIT_MS = 8000;
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      // The page for "no connection" is the same for everyone: asked for without cookies.
      .then((cache) =>
        cache.addAll([...CONFIG.assets, new Request(CONFIG.offlinePage, { credentials: "omit" })]),
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
  const kept = await cache.match(event.request);
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

async function keptCopy(url) {
  const options = { cacheName: PAGES, ignoreVary: true };
  return (
    (await caches.match(url, options)) ||
    (await caches.match(url, { ...options, ignoreSearch: true }))
  );
}

function offlinePage() {
  return caches.match(CONFIG.offlinePage, { cacheName: STATIC });
}

async function fieldPage(request) {
  const network = fetch(request).then(async (response) => {
    if (response.ok && !response.redirected && response.type === "basic") {
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

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(event));
  } else if (request.mode === "navigate" && KEPT.some((pattern) => pattern.test(url.pathname))) {
    event.respondWith(fieldPage(request));
  } else if (request.mode === "navigate" && url.pathname.startsWith(CONFIG.staffPrefix)) {
    event.respondWith(staffPage(request));
  }
});
{% endautoescape %}
