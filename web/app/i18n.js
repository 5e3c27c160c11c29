// UI text in German and English. Keys: app.*, calc.<id>.* (title, intro,
// legend), field.<name> (inputs and results, shared across calculators),
// error.<code> (the core's stable error codes; {field} is the field's label).
//
// Adding a calculator: add calc.<id>.title/intro/legend and any new
// field.<name> in both languages.

const de = {
  'app.title': 'KPIkit – Kundenbindungs-Kennzahlen',
  'app.tagline': 'Alles wird in Ihrem Browser berechnet. Keine Daten verlassen dieses Gerät.',
  'app.language': 'Sprache',
  'app.calculators': 'Rechner',
  'app.loading': 'Rechenkern wird geladen …',
  'app.formula': 'Formel',
  'app.arithmetic': 'Rechnung mit Ihren Zahlen',
  'app.load_failed': 'Der Rechenkern konnte nicht geladen werden. Bitte laden Sie die Seite neu.',

  'calc.crr.title': 'Kundenbindungsrate (CRR)',
  'calc.crr.intro': 'Welcher Anteil der Kunden vom Periodenbeginn ist am Ende noch da?',
  'calc.crr.legend': 'S = Kunden zu Beginn, E = Kunden am Ende, N = Neukunden in der Periode',
  'calc.churn.title': 'Abwanderungsrate (Churn)',
  'calc.churn.intro': 'Welcher Anteil der Kunden vom Periodenbeginn ist in der Periode verloren gegangen?',
  'calc.churn.legend': 'S = Kunden zu Beginn, E = Kunden am Ende, N = Neukunden in der Periode',

  'field.start': 'Kunden zu Periodenbeginn (S)',
  'field.end': 'Kunden am Periodenende (E)',
  'field.new': 'Neukunden in der Periode (N)',
  'field.crr': 'Kundenbindungsrate',
  'field.churn': 'Abwanderungsrate',
  'field.retained': 'Gehaltene Kunden',
  'field.lost': 'Verlorene Kunden',

  'error.missing': 'Bitte ausfüllen.',
  'error.not_a_number': 'Das ist keine Zahl.',
  'error.not_finite': 'Bitte eine endliche Zahl eingeben.',
  'error.negative': 'Darf nicht negativ sein.',
  'error.not_whole': 'Bitte eine ganze Zahl eingeben (Anzahl Kunden).',
  'error.not_positive': 'Muss größer als 0 sein.',
  'error.out_of_range': 'Liegt außerhalb des erlaubten Bereichs.',
  'error.zero_start': 'Muss größer als 0 sein: Ohne Kunden zu Beginn ist die Quote nicht definiert.',
  'error.end_below_new': 'Kunden am Ende (E) müssen mindestens so viele sein wie die Neukunden (N) – sonst gingen mehr Kunden verloren, als es zu Beginn gab.',
  'error.end_above_start_plus_new': 'Kunden am Ende (E) können nicht mehr sein als Kunden zu Beginn plus Neukunden (S + N).',
  'error.internal_error': 'Unerwarteter Fehler bei der Berechnung.',
  'error.default': 'Diese Eingabe kann nicht berechnet werden.',
};

const en = {
  'app.title': 'KPIkit – customer retention KPIs',
  'app.tagline': 'Everything is computed in your browser. No data leaves this device.',
  'app.language': 'Language',
  'app.calculators': 'Calculators',
  'app.loading': 'Loading the calculation core …',
  'app.formula': 'Formula',
  'app.arithmetic': 'With your numbers',
  'app.load_failed': 'The calculation core could not be loaded. Please reload the page.',

  'calc.crr.title': 'Customer retention rate (CRR)',
  'calc.crr.intro': 'What share of the customers at the start of the period is still there at its end?',
  'calc.crr.legend': 'S = customers at start, E = customers at end, N = new customers in the period',
  'calc.churn.title': 'Churn rate',
  'calc.churn.intro': 'What share of the customers at the start of the period was lost during it?',
  'calc.churn.legend': 'S = customers at start, E = customers at end, N = new customers in the period',

  'field.start': 'Customers at period start (S)',
  'field.end': 'Customers at period end (E)',
  'field.new': 'New customers in the period (N)',
  'field.crr': 'Retention rate',
  'field.churn': 'Churn rate',
  'field.retained': 'Customers retained',
  'field.lost': 'Customers lost',

  'error.missing': 'Please fill in.',
  'error.not_a_number': 'This is not a number.',
  'error.not_finite': 'Please enter a finite number.',
  'error.negative': 'Must not be negative.',
  'error.not_whole': 'Please enter a whole number (a count of customers).',
  'error.not_positive': 'Must be greater than 0.',
  'error.out_of_range': 'Outside the allowed range.',
  'error.zero_start': 'Must be greater than 0: without customers at the start the rate is undefined.',
  'error.end_below_new': 'Customers at end (E) must be at least the new customers (N) – otherwise more customers were lost than existed at the start.',
  'error.end_above_start_plus_new': 'Customers at end (E) cannot exceed customers at start plus new customers (S + N).',
  'error.internal_error': 'Unexpected error in the calculation.',
  'error.default': 'This input cannot be calculated.',
};

export const messages = { de, en };

/** The UI language: ?lang= in the URL, else the browser's language, else English. */
export function detectLanguage(location = globalThis.location, navigatorLanguages = globalThis.navigator?.languages) {
  const fromUrl = location ? new URLSearchParams(location.search).get('lang') : null;
  if (fromUrl === 'de' || fromUrl === 'en') return fromUrl;
  const first = (navigatorLanguages && navigatorLanguages[0]) || 'en';
  return first.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** The text for key in lang; falls back to English, then to the key itself. */
export function t(lang, key) {
  return messages[lang]?.[key] ?? messages.en[key] ?? key;
}

/** The message for a KpiError in lang. */
export function errorText(lang, error) {
  const key = `error.${error.code}`;
  return messages[lang]?.[key] ?? messages.en[key] ?? t(lang, 'error.default');
}
