/** Median, p95, min and max of a list of numbers (finite ones only), rounded to hundredths. */
export function stats(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((p, q) => p - q);
  if (!v.length) return { n: 0 };
  const pct = (p) => v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
  const med = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  const r = (x) => Math.round(x * 100) / 100;
  return { n: v.length, median: r(med), p95: r(pct(95)), min: r(v[0]), max: r(v[v.length - 1]) };
}
