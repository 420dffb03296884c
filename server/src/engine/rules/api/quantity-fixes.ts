import { Quantity, quantityFromYamlScalar } from '../../quantity';

/**
 * Likely intended values for a quantity the API server cannot decode.
 *
 * The choices, most likely first:
 * - unit words and byte units people borrow from elsewhere: `MiB` → `Mi`,
 *   `MB`/`mb` → `M`, `B`/`bytes` → no suffix, `cores`/`cpu` → no suffix,
 *   `millicores`/`mcpu` → `m`;
 * - `Gb`/`gb`/`GB`: the author wrote a decimal prefix, so `G` comes first;
 *   `Gi` is offered too, since memory is usually meant in powers of two (a
 *   "b" is not taken to mean bits: no one sizes memory in bits);
 * - wrong case: `mi`/`MI` → `Mi` for byte-like resources, but for cpu a
 *   lone `m` followed by junk (`250mi`) most likely meant millicores
 *   (`250m`: 250Mi cores is absurd); `K` → `k` (then `Ki` as a second choice);
 * - a space or a comma: `1.5 Gi` → `1.5Gi`, `1,5Gi` → `1.5Gi`.
 * Every suggestion must itself decode: anything else is dropped.
 */

export interface QuantitySuggestion {
  value: string;
  title: string;
}

const binary = new Map([
  ['k', 'Ki'],
  ['m', 'Mi'],
  ['g', 'Gi'],
  ['t', 'Ti'],
  ['p', 'Pi'],
  ['e', 'Ei'],
]);
const decimal = new Map([
  ['k', 'k'],
  ['m', 'M'],
  ['g', 'G'],
  ['t', 'T'],
  ['p', 'P'],
  ['e', 'E'],
]);

function isCpu(resource: string): boolean {
  return resource === 'cpu' || resource.endsWith('.cpu');
}

/** Candidate suffixes (most likely first) for the unit text a person wrote. */
function suffixCandidates(unit: string, resource: string): string[] {
  const u = unit.toLowerCase();
  if (u === '') return [''];
  if (isCpu(resource)) {
    if (/^(cores?|cpus?|vcpus?)$/.test(u)) return [''];
    if (/^(millicores?|millicpus?|mcpus?|mcores?|milli|mi|mil)$/.test(u)) return ['m'];
  }
  if (/^(b|bytes?)$/.test(u)) return [''];
  let match = /^([kmgtpe])ib?$/.exec(u);
  if (match) return [binary.get(match[1])!];
  match = /^([kmgtpe])b$/.exec(u);
  if (match) return [decimal.get(match[1])!, binary.get(match[1])!];
  match = /^([kmgtpe])$/.exec(u);
  if (match) {
    // A lone letter decodes already unless its case is wrong (`K`, `g`): `m` is milli, never "mega".
    if (u === 'k') return ['k', 'Ki'];
    if (u === 'm') return unit === 'M' ? ['M'] : ['m'];
    return [decimal.get(u)!, binary.get(u)!];
  }
  if (/^(kilo|mega|giga|tera|peta|exa)(bytes?)?$/.test(u)) return [decimal.get(u[0])!, binary.get(u[0])!];
  if (/^(kibi|mebi|gibi|tebi|pebi|exbi)(bytes?)?$/.test(u)) return [binary.get(u[0])!];
  return [];
}

function decodes(value: string, quoted: boolean): boolean {
  return quantityFromYamlScalar(value, quoted ? 'quoted' : 'plain') instanceof Quantity;
}

export function suggestQuantities(source: string, resource: string, quoted: boolean): QuantitySuggestion[] {
  const trimmed = source.trim();
  // A number, maybe with a decimal comma, then optional spaces and a unit.
  const match = /^([+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+))\s*([A-Za-z]*)$/.exec(trimmed);
  if (!match) return [];
  const number = match[1].replace(',', '.');
  const unit = match[2];
  const seen = new Set<string>();
  const suggestions: QuantitySuggestion[] = [];
  for (const suffix of suffixCandidates(unit, resource)) {
    const value = number + suffix;
    if (value === trimmed || seen.has(value) || !decodes(value, quoted)) continue;
    seen.add(value);
    suggestions.push({ value, title: `Change to ${value}` });
  }
  return suggestions;
}
