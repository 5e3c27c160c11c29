// The embed options shared by the embed page (which writes them) and the
// iframe page (which reads them from its URL): calculator, language, colours,
// pre-filled values. Colours map to the widget's CSS custom properties.

export const colourProperties = {
  accent: '--kpi-kit-accent',
  text: '--kpi-kit-text',
  background: '--kpi-kit-background',
  border: '--kpi-kit-border',
};

export const defaultColours = { accent: '#0b6e4f', text: '#1d2430', background: '#ffffff', border: '#cfd6de' };

const isColour = (value) => /^#[0-9a-f]{6}$/i.test(value || '');

/** Options from URL search params; anything malformed falls back to the defaults. */
export function optionsFromParams(params) {
  const colours = {};
  for (const name of Object.keys(colourProperties)) {
    const value = params.get(name);
    if (isColour(value)) colours[name] = value.toLowerCase();
  }
  const calculator = /^[a-z0-9_]{1,40}$/.test(params.get('calculator') || '') ? params.get('calculator') : 'crr';
  const lang = params.get('lang') === 'de' ? 'de' : 'en';
  return { calculator, lang, colours, values: params.get('values') || '' };
}

/** The colours that differ from the defaults, as a style attribute value ('' if none). */
export function styleText(colours) {
  return Object.entries(colours)
    .filter(([name, value]) => isColour(value) && value.toLowerCase() !== defaultColours[name])
    .map(([name, value]) => `${colourProperties[name]}: ${value.toLowerCase()}`)
    .join('; ');
}

/** Applies colours to an element through CSSOM (allowed under a strict CSP, unlike style attributes). */
export function applyColours(element, colours) {
  for (const [name, property] of Object.entries(colourProperties)) {
    if (isColour(colours[name])) element.style.setProperty(property, colours[name]);
    else element.style.removeProperty(property);
  }
}
