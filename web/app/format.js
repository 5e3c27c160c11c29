// Locale formatting of the core's numbers. Formats only: every value shown
// was computed by the core. Units as in src/calc/calculator.h.

const localeTag = (lang) => (lang === 'de' ? 'de-DE' : 'en-US');

/**
 * Formats one value of a unit for display: 0.9667 percent -> "96,67 %" (de) / "96.67%" (en);
 * a 'date' is a yyyy-mm-dd calendar day: "01.12.2011" (de) / "Dec 1, 2011" (en).
 * digits: the most decimals of a plain number (unit 'number' and units not listed), 2 by default.
 */
export function formatValue(value, unit, lang, { currency = 'EUR', digits = 2 } = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const tag = localeTag(lang);
  switch (unit) {
    case 'percent':
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 2 }).format(value);
    case 'count':
      return new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(value);
    case 'money':
      return new Intl.NumberFormat(tag, { style: 'currency', currency }).format(value);
    case 'amount':  // an amount of the user's file: currency unknown, two decimals
      return new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
    case 'ratio':
      return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(value)}×`;
    case 'date':  // a calendar day yyyy-mm-dd (no time zone): "01.12.2011" (de), "Dec 1, 2011" (en)
      return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
    default:
      return new Intl.NumberFormat(tag, { maximumFractionDigits: digits }).format(value);
  }
}

/** Replaces each {name} in a core template with the formatted value from result.values or result.inputs. */
export function fillPlaceholders(template, result, lang) {
  return template.replace(/\{([a-z_0-9]+)\}/g, (whole, name) => {
    const value = name in result.values ? result.values[name] : result.inputs[name];
    if (typeof value !== 'number') return whole;
    return formatValue(value, result.units[name], lang);
  });
}
