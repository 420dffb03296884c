import { type Fix } from '../findings';
import { type QuantityEntry } from '../model';
import { Quantity, quantityFromYamlScalar } from '../quantity';

/**
 * Rewrites a quantity the way the API server writes it back (`String()`,
 * what `kubectl get -o yaml` shows): `0.5` → `500m`, `1024Mi` → `1Gi`,
 * `"1000m"` → `"1"`. The value is unchanged, including values the API would
 * round on defaulting (`100u` stays `100u`): this is about notation only.
 * Quotes stay as the author wrote them; null when the text is already canonical.
 */
export function canonicalQuantity(entry: QuantityEntry, text: string): Fix | null {
  if (!(entry.decoded instanceof Quantity) || !entry.valueSpan) return null;
  const canonical = entry.decoded.toString();
  if (canonical === entry.source) return null;
  const raw = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  // A block scalar's range includes its line break; such a value is left alone rather than half-rewritten.
  if (raw.startsWith('|') || raw.startsWith('>') || raw.startsWith('*') || raw.startsWith('&') || raw.startsWith('!')) return null;
  let quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  // A null (`cpu:`, `cpu: ~`) decodes to zero, but there is no notation to rewrite, and an empty
  // value's span may sit right before a comment, where an inserted `0` would join the comment.
  if (quote === '' && /^(~|null|Null|NULL)?$/.test(raw.trim())) return null;
  // Written plain, a canonical form YAML reads as a number (`11e-9`) goes through kubectl's float
  // conversion again and comes back in another notation (`1.1e-8`): quoted, it stays as written.
  if (quote === '' && quantityFromYamlScalar(canonical, 'plain').toString() !== canonical) quote = '"';
  return {
    title: `Write ${entry.resource} ${entry.source.trim() === '' ? raw : entry.source.trim()} as ${canonical}`,
    edits: [{ start: entry.valueSpan.start, end: entry.valueSpan.end, newText: `${quote}${canonical}${quote}` }],
  };
}
