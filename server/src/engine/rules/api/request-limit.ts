import { type Fix, type TextEdit } from '../../findings';
import { isOvercommitAllowed } from '../../resources';
import { type RuleContext } from '../rule';
import { type DefaultedValue, type RequirementSet, podRequirements } from './requirements';
import { isQuoted, replaceScalar, columnOf, insertLinesAfter, startsBlockLine } from './edits';
import { quantityFromYamlScalar, Quantity } from '../../quantity';

/**
 * The request-versus-limit part of validateResourceRequirements
 * (pkg/apis/core/validation/validation.go) [verified]: for every request of
 * the defaulted object, compared with the limit of the same name by Cmp.
 */

export type RequestLimitOutcome =
  | { kind: 'must-equal'; request: DefaultedValue; limit: DefaultedValue }
  | { kind: 'exceeds'; request: DefaultedValue; limit: DefaultedValue }
  | { kind: 'limit-required'; request: DefaultedValue };

export function requestLimitOutcomes(set: RequirementSet): RequestLimitOutcome[] {
  const outcomes: RequestLimitOutcome[] = [];
  for (const [name, request] of set.requests) {
    // A limit that does not decode stops the API server earlier; comparing against its absence would mislead.
    if (set.undecodable.has(name)) continue;
    const limit = set.limits.get(name);
    if (limit) {
      const order = request.quantity.cmp(limit.quantity);
      if (order !== 0 && !isOvercommitAllowed(name)) outcomes.push({ kind: 'must-equal', request, limit });
      else if (order > 0) outcomes.push({ kind: 'exceeds', request, limit });
    } else if (!isOvercommitAllowed(name)) {
      outcomes.push({ kind: 'limit-required', request });
    }
  }
  return outcomes;
}

export function allOutcomes(context: RuleContext): { set: RequirementSet; outcome: RequestLimitOutcome }[] {
  const result: { set: RequirementSet; outcome: RequestLimitOutcome }[] = [];
  for (const set of podRequirements(context.model).sets) {
    for (const outcome of requestLimitOutcomes(set)) result.push({ set, outcome });
  }
  return result;
}

/** The text to write for a quantity: what the author wrote for it when there is one, else its canonical form. */
function textFor(value: DefaultedValue): string {
  const written = value.entry?.source.trim();
  return written && written.length > 0 ? written : value.quantity.toString();
}

/** An edit setting `target`'s written value to `source`'s quantity, checked to decode to the same value. */
export function setValueEdit(context: RuleContext, target: DefaultedValue, source: DefaultedValue): TextEdit | null {
  if (!target.entry || !target.entry.valueSpan) return null;
  const quoted = isQuoted(context.text, target.entry.valueSpan);
  for (const text of [textFor(source), source.quantity.toString()]) {
    const decoded = quantityFromYamlScalar(text, quoted ? 'quoted' : 'plain');
    if (decoded instanceof Quantity && decoded.roundUp(-3).cmp(source.quantity) === 0) {
      const edit = replaceScalar(context.text, target.entry.valueSpan, text);
      if (edit) return edit;
    }
  }
  return null;
}

export function requestLimitFixes(context: RuleContext, request: DefaultedValue, limit: DefaultedValue, noun: string): Fix[] {
  const fixes: Fix[] = [];
  const lower = setValueEdit(context, request, limit);
  if (lower) fixes.push({ title: `Set the ${noun} request to the limit (${limit.quantity.toString()})`, edits: [lower] });
  const raise = setValueEdit(context, limit, request);
  if (raise) fixes.push({ title: `Set the ${noun} limit to the request (${request.quantity.toString()})`, edits: [raise] });
  return fixes;
}

/** Adds `name: value` to the set's `limits`, creating the `limits:` key when needed (block style only). */
export function addLimitEdit(context: RuleContext, set: RequirementSet, request: DefaultedValue): TextEdit | null {
  const { text } = context;
  const entry = request.entry;
  if (!entry?.keySpan || !entry.valueSpan) return null;
  // The request's value exactly as written, quotes included: unquoting can change what YAML reads
  // (`"-"` is a quantity of 0, a bare `-` is a list item).
  const asWritten = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  const value = asWritten.length > 0 && !/[\r\n]/.test(asWritten) ? asWritten : request.quantity.toString();
  const written = text.slice(entry.keySpan.start, entry.keySpan.end);
  const limits = set.limitsSpec;
  if (limits && limits.entries.length > 0) {
    const last = limits.entries[limits.entries.length - 1];
    if (!last.keySpan || !last.valueSpan || !startsBlockLine(text, last.keySpan.start)) return null;
    return insertLinesAfter(text, last.valueSpan.end, columnOf(text, last.keySpan.start), [`${written}: ${value}`]);
  }
  const requests = set.requestsSpec;
  if (limits || !requests?.keySpan || !startsBlockLine(text, requests.keySpan.start)) return null;
  if (!startsBlockLine(text, entry.keySpan.start)) return null;
  const lastRequest = requests.entries[requests.entries.length - 1];
  const end = lastRequest?.valueSpan?.end ?? entry.valueSpan.end;
  const column = columnOf(text, requests.keySpan.start);
  const step = Math.max(1, columnOf(text, entry.keySpan.start) - column);
  return insertLinesAfter(text, end, column, ['limits:', `${' '.repeat(step)}${written}: ${value}`]);
}
