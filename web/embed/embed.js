// The embed page: options -> live preview -> the <script> and <iframe> snippets.
// The preview is the real widget (gen/kpikit-widget.js), so what a blogger sees
// is what their visitors get.
import { detectLanguage, t } from '../app/i18n.js';
import { texts } from './texts.js';
import { applyColours, styleText } from './options.js';

const $ = (id) => document.getElementById(id);
const escapeAttr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
let pageLang = detectLanguage();

function say(key) { return texts[pageLang][key] ?? texts.en[key] ?? key; }

function applyPageTexts() {
  document.documentElement.lang = pageLang;
  document.title = say('page_title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = say(node.dataset.text);
}

function currentOptions() {
  return {
    calculator: $('opt-calculator').value || 'crr',
    lang: $('opt-lang').value,
    colours: { accent: $('opt-accent').value, text: $('opt-text').value, background: $('opt-background').value, border: $('opt-border').value },
  };
}

/** The two lines a blogger pastes: the widget script from where this page got it, and the element. */
export function scriptSnippet(options, widgetUrl) {
  const style = styleText(options.colours);
  return `<script src="${escapeAttr(widgetUrl)}" defer></script>\n` +
    `<kpi-kit calculator="${escapeAttr(options.calculator)}" lang="${options.lang}"${style ? ` style="${escapeAttr(style)}"` : ''}></kpi-kit>`;
}

export function iframeSnippet(options, frameUrl, height, title) {
  const url = new URL(frameUrl);
  url.searchParams.set('calculator', options.calculator);
  url.searchParams.set('lang', options.lang);
  for (const [name, value] of Object.entries(options.colours)) if (styleText({ [name]: value })) url.searchParams.set(name, value);
  return `<iframe src="${escapeAttr(url.href)}" title="${escapeAttr(title)}" width="100%" height="${height}" ` +
    `style="border: 0; max-width: 40rem" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}

function update() {
  const options = currentOptions();
  const width = Number($('opt-width').value);
  $('width-value').textContent = `${width} px`;
  const preview = $('preview');
  preview.style.setProperty('--preview-width', `${width}px`);
  let widget = preview.querySelector('kpi-kit');
  if (!widget) { widget = document.createElement('kpi-kit'); preview.append(widget); }
  widget.setAttribute('calculator', options.calculator);
  widget.setAttribute('lang', options.lang);
  applyColours(widget, options.colours);

  $('snippet-script').value = scriptSnippet(options, new URL('gen/kpikit-widget.js', location.href).href);
  // Let the preview lay out, then take its height for the iframe (plus room for error lines).
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const height = Math.ceil(widget.getBoundingClientRect().height + 80);
    const title = `${say('frame_title')}: ${t(options.lang, `calc.${options.calculator}.title`)}`;
    $('snippet-iframe').value = iframeSnippet(options, new URL('widget-frame.html', location.href).href, Math.max(height, 320), title);
    document.body.dataset.ready = 'true';
  }));
}

async function copy(textareaId, statusId) {
  const area = $(textareaId);
  try {
    await navigator.clipboard.writeText(area.value);
    $(statusId).textContent = say('copied');
  } catch {
    area.focus();
    area.select();
    $(statusId).textContent = say('copy_failed');
  }
}

async function main() {
  $('page-language').value = pageLang;
  $('opt-lang').value = pageLang;
  applyPageTexts();
  await customElements.whenDefined('kpi-kit');
  const specs = await customElements.get('kpi-kit').calculators();
  const select = $('opt-calculator');
  const fillCalculators = () => {
    const selected = select.value || 'crr';
    select.replaceChildren(...specs.map((spec) => {
      const option = document.createElement('option');
      option.value = spec.id;
      option.textContent = t(pageLang, `calc.${spec.id}.title`).startsWith('calc.') ? spec.id : t(pageLang, `calc.${spec.id}.title`);
      return option;
    }));
    select.value = specs.some((s) => s.id === selected) ? selected : specs[0].id;
  };
  fillCalculators();
  $('options').addEventListener('input', update);
  $('options').addEventListener('change', update);
  $('page-language').addEventListener('change', () => {
    pageLang = $('page-language').value;
    applyPageTexts();
    fillCalculators();
    update();
  });
  $('copy-script').addEventListener('click', () => copy('snippet-script', 'copied-script'));
  $('copy-iframe').addEventListener('click', () => copy('snippet-iframe', 'copied-iframe'));
  update();
}

main();
