// The service worker: makes the app work offline after the first visit.
//
// It caches the app's OWN files only (code, styles, the WebAssembly core, the
// demo data) — never a user's data, which is read in memory and never fetched.
// Strategy: everything listed in APP_FILES is fetched at install; requests to
// our origin are answered from the cache first, then the network (and a
// successful network answer refreshes the cache). Requests to other origins
// are never made by the app; this worker does not touch them.
const CACHE = 'kpikit-app-v4';  // a new name when files are renamed or removed: activate deletes the old cache

// The page's code is two bundles made by scripts/build-app.mjs from web/app/,
// web/worker.js and web/kpikit.js; the sources themselves are not loaded.
export const APP_FILES = [
  './', 'index.html', 'styles.css', 'icon.svg', 'manifest.webmanifest',
  'gen/app.js', 'gen/worker.js', 'gen/kpikit_core.wasm',
  'vendor/uPlot.esm.js', 'vendor/uPlot.min.css',
  'demo/demo-bestellungen.csv',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(APP_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(event.request, { ignoreSearch: true });
    if (cached) return cached;
    const response = await fetch(event.request);
    if (response.ok) cache.put(event.request, response.clone());
    return response;
  })());
});
