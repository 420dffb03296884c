import { Fix } from '../findings';
import { QuantityEntry } from '../podspec';
import { Quantity } from '../quantity';

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
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  return {
    title: `Write ${entry.resource} ${entry.source.trim() === '' ? raw : entry.source.trim()} as ${canonical}`,
    edits: [{ start: entry.valueSpan.start, end: entry.valueSpan.end, newText: `${quote}${canonical}${quote}` }],
  };
}
