// The widget's texts: its own few (below) and, for calculator titles, field
// labels, errors, verdicts and warnings, the app's texts from web/app/i18n.js,
// of which scripts/build-widget.mjs copies just those keys into
// gen/widget/texts-data.js (the app's UI texts would only add weight).
import { messages } from '../gen/widget/texts-data.js';

const own = {
  de: {
    'widget.footer': 'Berechnet in Ihrem Browser mit KPIkit – keine Eingabe verlässt diese Seite.',
    'widget.loading': 'Rechner wird geladen …',
    'widget.row': 'Zeile {row}: ',
    'widget.list_hint': 'Ein Wert pro Zeile, z. B. aus einer Tabellenspalte eingefügt.',
    'widget.unknown_calculator': 'Unbekannter Rechner „{id}“. Verfügbar: {ids}.',
  },
  en: {
    'widget.footer': 'Calculated in your browser by KPIkit – nothing you type leaves this page.',
    'widget.loading': 'Loading the calculator …',
    'widget.row': 'Row {row}: ',
    'widget.list_hint': 'One value per line, e.g. pasted from a spreadsheet column.',
    'widget.unknown_calculator': 'Unknown calculator “{id}”. Available: {ids}.',
  },
};

/** The text for key in lang (widget texts, then the app's), else English, else `fallback`. */
export function text(lang, key, fallback = key) {
  return own[lang]?.[key] ?? messages[lang]?.[key] ?? own.en[key] ?? messages.en[key] ?? fallback;
}

/** True when lang or English has a text for key. */
export function hasText(lang, key) {
  return text(lang, key, null) !== null;
}

/** The message for a core error in lang, as web/app/i18n.js errorText gives it. */
export function errorText(lang, error) {
  return text(lang, `error.${error.code}`, null) ?? text(lang, 'error.default');
}

/** "de" or "en" from a language tag such as "de-AT"; null for anything else. */
export function widgetLanguage(tag) {
  const t = String(tag || '').toLowerCase();
  if (t.startsWith('de')) return 'de';
  if (t.startsWith('en')) return 'en';
  return null;
}
