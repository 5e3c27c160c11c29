// The page's entry module: picks the language, starts the core in a worker,
// renders the calculators the core offers.
import { createWorkerClient } from '../kpikit-worker-client.js';
import { createCalculatorView } from './calculator-view.js';
import { detectLanguage, registerMessages, t } from './i18n.js';
import { analysisMessages } from './i18n-analysis.js';
import { createAnalysisView } from './analysis-view.js';

// The articles' worked examples pre-fill the calculators (docs/metrics.md
// works each one through by hand).
const examples = {
  crr: { start: '150', end: '162', new: '30' },
  churn: { start: '600', end: '550', new: '0' },
  nps: { promoters: '50', passives: '30', detractors: '20' },
  engagement: { interactions: '120\n45\n300', reach: '2000\n1500\n5000' },
  upsell: { upsold: '120', single: '480' },
  referral: { referred: '36', new: '240' },
  cac: { acquisition_spend: '30000', new: '200', retention_spend: '12000', retained: '500', clv: '600' },
  clv_basic: { aov: '50', frequency: '4', lifespan: '3', gross_margin: '30' },
  clv_margin: { margin: '100', retention: '80', discount: '10' },
  clv_arpu: { arpu: '30', churn: '5', gross_margin: '70' },
  clv_cac: { clv: '600', cac: '150', monthly_margin: '25' },
  retention_whatif: { retention: '80', margin: '100', discount: '10', customers: '1000', change: '5' },
};

function applyStaticTexts(lang) {
  document.documentElement.lang = lang;
  document.title = t(lang, 'app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(lang, node.dataset.i18n);
}

/** Tabs with arrow-key navigation (WAI-ARIA tabs pattern). */
function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      select(next);
      next.focus();
    });
  });
  if (location.hash === '#calculators') select(tabs[1]);
}

async function main() {
  registerMessages(analysisMessages);
  let lang = detectLanguage();
  const select = document.getElementById('language');
  const status = document.getElementById('status');
  select.value = lang;
  applyStaticTexts(lang);
  setUpTabs();

  const core = createWorkerClient();
  const analysis = createAnalysisView(document.getElementById('analysis'), core, () => lang);
  let views = [];
  try {
    const specs = await core.calculators();
    const list = document.getElementById('calculator-list');
    views = specs.map((spec) => createCalculatorView(spec, core, lang, examples[spec.id]));
    for (const view of views) list.append(view.node);
    status.textContent = '';
    status.hidden = true;
  } catch (e) {
    status.dataset.i18n = 'app.load_failed';
    status.textContent = t(lang, 'app.load_failed');
  }

  select.addEventListener('change', () => {
    lang = select.value;
    applyStaticTexts(lang);
    for (const view of views) view.setLanguage(lang);
    analysis.rerender();
  });

  // The first screen shows results: the demo dataset, read by the core like any file.
  await analysis.loadDemo().catch(() => {});
  document.body.dataset.ready = 'true';
}

// Offline: the service worker caches the app's own files (never user data).
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url), { type: 'module', scope: '../' }).catch(() => {});
}

main();
