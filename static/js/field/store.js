/*
 * What field mode keeps on the device (IndexedDB "field-mode"), for static/js/field/mode.js:
 *   drafts  forms filled in without signal, until the server has stored them;
 *   sent    a short note of each draft stored (its kind and the record's address, no content);
 *   meta    the account the device last served, when its pages were last kept.
 * The pages kept for reading offline are in the Cache Storage (PAGES), shared with the
 * service worker (/sw.js). `wipe` forgets everything: signing out calls it.
 */
(function (global) {
  "use strict";

  const NAME = "field-mode";
  const PAGES = "field-pages";
  const CACHE_PREFIX = "field-";

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("drafts", { keyPath: "id" });
        db.createObjectStore("sent", { keyPath: "id" });
        db.createObjectStore("meta", { keyPath: "key" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  // One transaction on one store; resolves with the request's result once it is committed.
  function run(storeName, mode, work) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(storeName, mode);
          const request = work(transaction.objectStore(storeName));
          transaction.oncomplete = () => {
            db.close();
            resolve(request ? request.result : undefined);
          };
          transaction.onerror = transaction.onabort = () => {
            db.close();
            reject(transaction.error);
          };
        }),
    );
  }

  async function wipe() {
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(NAME);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)));
  }

  global.FieldStore = {
    PAGES: PAGES,
    drafts: () => run("drafts", "readonly", (store) => store.getAll()),
    draft: (id) => run("drafts", "readonly", (store) => store.get(id)),
    keep: (draft) => run("drafts", "readwrite", (store) => store.put(draft)),
    forget: (id) => run("drafts", "readwrite", (store) => store.delete(id)),
    sent: () => run("sent", "readonly", (store) => store.getAll()),
    noteSent: (entry) => run("sent", "readwrite", (store) => store.put(entry)),
    forgetSent: (id) => run("sent", "readwrite", (store) => store.delete(id)),
    meta: (key) => run("meta", "readonly", (store) => store.get(key)).then((row) => (row ? row.value : undefined)),
    setMeta: (key, value) => run("meta", "readwrite", (store) => store.put({ key: key, value: value })),
    forgetPages: () => caches.delete(PAGES),
    wipe: wipe,
  };
})(self);
