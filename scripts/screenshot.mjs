// Writes docs/screenshot-dashboard.png: the app's first screen (the demo
// data's dashboard) in German, for the README.
//   node scripts/screenshot.mjs
import { openApp } from '../tests/browser/browser.mjs';

const app = await openApp({ locale: 'de-DE', tab: null });
try {
  await app.page.setViewportSize({ width: 1280, height: 1000 });
  await app.page.waitForSelector('#analysis[data-analysed="true"]');
  await app.page.evaluate(() => document.querySelector('#dashboard').scrollIntoView());
  await app.page.waitForTimeout(400);
  await app.page.screenshot({ path: new URL('../docs/screenshot-dashboard.png', import.meta.url).pathname });
} finally {
  await app.close();
}
