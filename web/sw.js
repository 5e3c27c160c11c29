// The service worker: makes the app work offline after the first visit.
//
// It caches the app's OWN files only (code, styles, the WebAssembly core, the
// demo data) — never a user's data, which is read in memory and never fetched.
// Strategy: everything listed in APP_FILES (web/app-files.js) is fetched at
// install, past the browser's HTTP cache; requests to
// our origin are answered from the cache first, then the network (and a
// successful network answer refreshes the cache). Requests to other origins
// are never made by the app; this worker does not touch them.
import { APP_FILES } from './app-files.js';
import { APP_VERSION } from './gen/app-version.js';

// One cache per build: the browser compares this script and its imports byte
// for byte on each update check, so a new build (a new APP_VERSION) installs a
// new worker, which fills a new cache; activate deletes the old one.
const CACHE = `kpikit-app-${APP_VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(APP_FILES.map((file) => new Request(file, { cache: 'reload' })))).then(() => self.skipWaiting()));
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
    // Never caches.open here: a worker of the previous build may still answer a
    // request after the new one deleted its cache, and must not bring it back.
    const cached = await caches.match(event.request, { cacheName: CACHE, ignoreSearch: true });
    if (cached) return cached;
    const response = await fetch(event.request);
    if (response.ok && await caches.has(CACHE)) (await caches.open(CACHE)).put(event.request, response.clone());
    return response;
  })());
});
