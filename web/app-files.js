// The files the app's page needs, precached by the service worker (web/sw.js)
// so the app works offline after the first visit, and hashed at build time by
// scripts/app-version.mjs into the cache's name (web/gen/app-version.js): a
// build that changes any of them gives the service worker new bytes, so
// returning visitors get the new files instead of the cached ones forever.
// The page's code is two bundles made by scripts/build-app.mjs from web/app/,
// web/worker.js and web/kpikit.js; the sources themselves are not loaded.
export const APP_FILES = [
  './', 'index.html', 'styles.css', 'icon.svg', 'manifest.webmanifest',
  'gen/app.js', 'gen/worker.js', 'gen/kpikit_core.wasm',
  'vendor/uPlot.esm.js', 'vendor/uPlot.min.css',
  'demo/demo-bestellungen.csv',
];
