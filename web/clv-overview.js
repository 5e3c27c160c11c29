// The predicted-CLV part of the app's dashboard, reduced where it is computed.
//
// clv_predict returns a dozen columns for every customer; a million customers
// make tens of millions of values, and copying them from the Web Worker to
// the page blocked the page for seconds. The dashboard shows only the
// distribution of CLV and the customers of highest CLV, so the worker sends
// just that: every customer's CLV as one Float64Array (moved, not copied) and
// all columns of the top k customers.

/**
 * Indices of the k largest values, largest first; equal values in index order
 * (as a stable sort would give); null counts as 0. One pass, no sort of all n.
 */
export function topIndices(values, k) {
  const top = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (top.length === k && v <= (values[top[k - 1]] ?? 0)) continue;
    let pos = top.length;
    while (pos > 0 && v > (values[top[pos - 1]] ?? 0)) pos--;
    top.splice(pos, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * A clv_predict result reduced for the dashboard: `customers` holds every
 * column for the k customers of highest CLV (highest first), `clv_values`
 * every customer's CLV in input order as a Float64Array (NaN where the core
 * gave null), `customers_top` is k. Everything else is kept as it is.
 */
export function clvOverview(result, k = 10) {
  const c = result.customers;
  const order = topIndices(c.clv, k);
  const top = Object.fromEntries(Object.entries(c).map(([key, column]) => [key, order.map((i) => column[i])]));
  const clvValues = Float64Array.from(c.clv, (v) => (v === null ? NaN : v));
  return { ...result, customers: top, customers_top: k, clv_values: clvValues };
}
