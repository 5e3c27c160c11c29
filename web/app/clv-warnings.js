// The warnings of a clv_predict result in the user's language, one line per code.
//
// The core names a warning of a model fit "<model>:<code>" (bgnbd:parameter_extreme,
// gg:parameter_extreme: src/api/clv_ops.cpp) and one of the prediction by its bare
// code (invalid_prediction_replaced). The same code from the purchase and the
// spend model becomes one line that names both models.
import { t, textOr, fill } from './i18n.js';
import { formatValue } from './format.js';

/**
 * [{code, models, count, message}] from the core's warnings: one entry per code in
 * the order of first appearance; models lists the models it came from (may be
 * empty); count is the number a message starts with ("1058 predicted values …"), else null.
 */
export function groupClvWarnings(warnings) {
  const byCode = new Map();
  for (const w of warnings || []) {
    const colon = w.code.indexOf(':');
    const model = colon >= 0 ? w.code.slice(0, colon) : null;
    const code = w.code.slice(colon + 1);
    if (!byCode.has(code)) {
      const count = /^(\d+) /.exec(w.message);
      byCode.set(code, { code, models: [], count: count ? Number(count[1]) : null, message: w.message });
    }
    const entry = byCode.get(code);
    if (model && !entry.models.includes(model)) entry.models.push(model);
  }
  return [...byCode.values()];
}

/** "das Kaufmodell (BG/NBD) und das Betragsmodell (Gamma-Gamma)": the models of a warning in lang. */
function modelPhrase(lang, models) {
  const names = models.map((m) => textOr(lang, `clv.model.${m}`, m));
  if (!names.length) return t(lang, 'clv.model.unknown');
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} ${t(lang, 'clv.and')} ${names[names.length - 1]}`;
}

/**
 * The text of each warning of a clv_predict result (clv.warnings) in lang:
 * clv.warning.<code> with {model} and {count} filled in; the core's English
 * message for a code without a text.
 */
export function clvWarningTexts(warnings, lang) {
  return groupClvWarnings(warnings).map((w) => {
    const text = textOr(lang, `clv.warning.${w.code}`, null);
    if (text === null) return { code: w.code, models: w.models, text: w.message };
    const count = w.count === null ? '' : formatValue(w.count, 'count', lang);
    return { code: w.code, models: w.models, text: fill(text, { model: modelPhrase(lang, w.models), count }) };
  });
}
