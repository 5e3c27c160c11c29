// The widget's stylesheet, scoped to its shadow root. The inner container
// resets everything (`all: initial`) so nothing the host page sets on the
// <kpi-kit> element itself (e.g. `* { all: unset }`) changes the layout;
// only the documented custom properties reach in (custom properties are not
// reset by `all`), plus ::part() selectors for finer theming.
//
// Custom properties (defaults in parentheses):
//   --kpi-kit-accent (#0b6e4f)  headline value, focus ring
//   --kpi-kit-text (#1d2430)    --kpi-kit-muted (#5b6573)
//   --kpi-kit-background (#fff) --kpi-kit-input-background (#fff)
//   --kpi-kit-border (#cfd6de)  --kpi-kit-error (#b00020)
//   --kpi-kit-radius (10px)     --kpi-kit-font (system-ui, sans-serif)
//   --kpi-kit-font-size (16px)
export const css = `
:host { display: block; }
:host([hidden]) { display: none; }
.kk {
  all: initial; display: block; box-sizing: border-box; min-width: 0; max-width: 100%;
  font-family: var(--kpi-kit-font, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif);
  font-size: var(--kpi-kit-font-size, 16px); line-height: 1.45; text-align: start;
  color: var(--kpi-kit-text, #1d2430); background: var(--kpi-kit-background, #fff);
  border: 1px solid var(--kpi-kit-border, #cfd6de); border-radius: var(--kpi-kit-radius, 10px);
  padding: 1em; overflow-wrap: anywhere;
}
.kk *, .kk *::before, .kk *::after { box-sizing: border-box; }
.title { display: block; margin: 0 0 .25em; font-size: 1.15em; font-weight: 650; line-height: 1.3; }
.intro, .legend, .footer, .hint { margin: 0; color: var(--kpi-kit-muted, #5b6573); font-size: .875em; }
.intro { margin-bottom: .75em; }
.fields {
  display: grid; gap: .75em; margin: 0 0 1em;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 10.5rem), 1fr));
}
.field { display: flex; flex-direction: column; gap: .25em; min-width: 0; }
.field.list { grid-column: 1 / -1; }
label { font-size: .875em; font-weight: 600; }
.control { display: flex; align-items: center; gap: .35em; }
input, textarea {
  display: block; width: 100%; min-width: 0; margin: 0; padding: .45em .6em;
  font: inherit; color: inherit; background: var(--kpi-kit-input-background, #fff);
  border: 1px solid var(--kpi-kit-border, #cfd6de); border-radius: calc(var(--kpi-kit-radius, 10px) * .6);
}
textarea { min-height: 6.5em; resize: vertical; }
input:focus-visible, textarea:focus-visible {
  outline: 2px solid var(--kpi-kit-accent, #0b6e4f); outline-offset: 1px;
}
[aria-invalid="true"] { border-color: var(--kpi-kit-error, #b00020); }
.suffix { color: var(--kpi-kit-muted, #5b6573); }
.error, .general-error { min-height: 0; margin: 0; color: var(--kpi-kit-error, #b00020); font-size: .85em; }
.error:empty, .general-error:empty, .verdict:empty, .hint:empty { display: none; }
.result { display: block; border-top: 1px solid var(--kpi-kit-border, #cfd6de); padding-top: .75em; }
.headline { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25em .75em; }
.headline-label { font-weight: 600; }
.headline-value { font-size: 1.9em; font-weight: 700; color: var(--kpi-kit-accent, #0b6e4f); line-height: 1.2; }
.verdict { margin: .25em 0 0; font-weight: 600; }
.warnings { margin: .35em 0 0; padding-inline-start: 1.2em; font-size: .875em; }
.warnings:empty { display: none; }
.details { display: grid; grid-template-columns: 1fr auto; gap: .15em 1em; margin: .5em 0; }
.details dt { margin: 0; color: var(--kpi-kit-muted, #5b6573); }
.details dd { margin: 0; text-align: end; font-variant-numeric: tabular-nums; }
.formula, .arithmetic { margin: .35em 0 0; font-size: .9em; }
.arithmetic { font-variant-numeric: tabular-nums; }
.legend { margin-top: .35em; }
.footer { margin-top: .75em; font-size: .75em; }
`;
