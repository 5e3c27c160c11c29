// The iframe target: renders one <kpi-kit> from the page's URL parameters,
//   widget-frame.html?calculator=crr&lang=de&accent=%230b6e4f&values=start%3D150
import { optionsFromParams, applyColours } from './options.js';

const options = optionsFromParams(new URLSearchParams(location.search));
document.documentElement.lang = options.lang;
const widget = document.createElement('kpi-kit');
widget.setAttribute('calculator', options.calculator);
widget.setAttribute('lang', options.lang);
if (options.values) widget.setAttribute('values', options.values);
applyColours(widget, options.colours);
document.body.append(widget);
