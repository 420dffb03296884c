import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { type Finding, type Fix, type Severity, type TextEdit } from '../../findings';
import { type ContainerSpec, type PodSpecModel, type QuantityEntry, type ResourceListSpec } from '../../model';
import { Quantity } from '../../quantity';
import { deref, getPair, type Span, spanOf } from '../../yaml-nodes';
import { type RuleContext } from '../rule';

/** Helpers the advice rules share: where quantities are, how they were written, how to rewrite them. */

export type ListKind = 'requests' | 'limits' | 'overhead';

export interface LocatedQuantity {
  entry: QuantityEntry;
  quantity: Quantity;
  list: ListKind;
  /** The list the entry is in, to find its sibling (`requests` for a limit and vice versa). */
  container: ContainerSpec | null;
  /** Who the value belongs to, for messages: `container app`, `pod-level spec.resources`, `spec.overhead`. */
  owner: string;
  /** API path of the value, e.g. `spec.containers[0].resources.limits.memory`. */
  path: string;
}

export function containerLabel(container: ContainerSpec): string {
  const kind = container.role === 'app' ? 'container' : container.role === 'sidecar' ? 'sidecar' : 'init container';
  return container.name ? `${kind} ${container.name}` : `${kind} ${container.path}`;
}

const quantitiesOfModel = new WeakMap<PodSpecModel, readonly LocatedQuantity[]>();

/** Every decodable quantity of the pod spec: container, pod-level and overhead lists (listed once per spec; several rules read them). */
export function quantities(model: PodSpecModel): readonly LocatedQuantity[] {
  let listed = quantitiesOfModel.get(model);
  if (!listed) {
    listed = listQuantities(model);
    quantitiesOfModel.set(model, listed);
  }
  return listed;
}

function listQuantities(model: PodSpecModel): LocatedQuantity[] {
  const result: LocatedQuantity[] = [];
  const add = (list: ResourceListSpec | null | undefined, kind: ListKind, container: ContainerSpec | null, owner: string, base: string) => {
    for (const entry of list?.entries ?? []) {
      if (!(entry.decoded instanceof Quantity) || !entry.valueSpan) continue;
      result.push({ entry, quantity: entry.decoded, list: kind, container, owner, path: `${base}.${entry.resource}` });
    }
  };
  for (const container of model.containers) {
    add(container.resources?.requests, 'requests', container, containerLabel(container), `${container.path}.resources.requests`);
    add(container.resources?.limits, 'limits', container, containerLabel(container), `${container.path}.resources.limits`);
  }
  add(model.podResources?.requests, 'requests', null, 'pod-level spec.resources', `${model.path}.resources.requests`);
  add(model.podResources?.limits, 'limits', null, 'pod-level spec.resources', `${model.path}.resources.limits`);
  add(model.overhead, 'overhead', null, 'spec.overhead', `${model.path}.overhead`);
  return result;
}

/** The same resource in the other list of the same owner (the request for a limit, the limit for a request). */
export function sibling(model: PodSpecModel, located: LocatedQuantity): QuantityEntry | null {
  if (located.list === 'overhead') return null;
  const resources = located.container ? located.container.resources : model.podResources;
  const other = located.list === 'requests' ? resources?.limits : resources?.requests;
  return other?.byName.get(located.entry.resource) ?? null;
}

/** A quantity's text split as the API's regex splits it: number and suffix (or exponent). */
export interface WrittenQuantity {
  number: string;
  suffix: string;
}

export function written(source: string): WrittenQuantity | null {
  const match = /^([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))([eE][+-]?[0-9]+|[A-Za-z]*)$/.exec(source.trim());
  return match ? { number: match[1], suffix: match[2] } : null;
}

/** The quantity text as written in the file, with its quotes if any. */
export function rawText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Replaces a scalar's text with a new value in the same quoting style. */
export function replaceValue(text: string, span: Span, value: string): TextEdit {
  const raw = rawText(text, span);
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
  return { start: span.start, end: span.end, newText: `${quote}${value}${quote}` };
}

export function finding(rule: { id: string; severity: Severity }, span: Span, message: string, fixes: Fix[] = []): Finding {
  return { code: rule.id, severity: rule.severity, message, start: span.start, end: span.end, ...(fixes.length > 0 ? { fixes } : {}) };
}

/** Exact decimal text of a milli-scaled integer: 128 → `0.128`. */
export function milliToDecimal(milli: bigint): string {
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  const whole = abs / 1000n;
  const fraction = (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Where a finding about a whole container points: its `resources` key, else its `name` key, else the container. */
export function containerAnchor(container: ContainerSpec): Span | null {
  return container.resources?.keySpan ?? container.nameSpan ?? container.span;
}

export function mapAt(map: YAMLMap | null, key: string, context: RuleContext): YAMLMap | null {
  const node = deref(getPair(map, key)?.value, context.document);
  return isMap(node) ? node : null;
}

export function scalarAt(map: YAMLMap | null, key: string, context: RuleContext): Scalar | null {
  const node = deref(getPair(map, key)?.value, context.document);
  return isScalar(node) ? node : null;
}

export function seqScalars(map: YAMLMap | null, key: string, context: RuleContext): Scalar[] {
  const node = deref(getPair(map, key)?.value, context.document);
  if (!isSeq(node)) return [];
  const result: Scalar[] = [];
  for (const item of node.items) {
    const value = deref(item, context.document);
    if (isScalar(value)) result.push(value);
  }
  return result;
}

export function keySpan(map: YAMLMap | null, key: string): Span | null {
  return spanOf(getPair(map, key)?.key as Node | undefined);
}

export function valueSpan(map: YAMLMap | null, key: string): Span | null {
  return spanOf(getPair(map, key)?.value as Node | undefined);
}

/** A string scalar's value, or null (numbers and nulls are not strings here). */
export function stringValue(node: Scalar | null): string | null {
  return node && typeof node.value === 'string' ? node.value : null;
}

const MEBIBYTE = 1n << 20n;

/**
 * The value a memory unit slip was meant to be: `128m` → `128Mi` (milli for
 * mebi), `512` → `512Mi` (a forgotten unit, below 1Mi); null otherwise.
 */
export function memoryUnitCorrection(entry: QuantityEntry): string | null {
  if (entry.resource !== 'memory' || !(entry.decoded instanceof Quantity) || entry.decoded.sign() <= 0) return null;
  const form = written(entry.source);
  if (!form) return null;
  if (form.suffix === 'm') return `${form.number}Mi`;
  if (form.suffix === '' && entry.decoded.value() < MEBIBYTE) return `${form.number}Mi`;
  return null;
}

/**
 * The fix for a memory unit slip. A request and limit written with the same
 * slip are corrected together, or the first fix would leave a request far
 * above its limit and the API server would refuse the pod. Null when the
 * correction would still break request ≤ limit (the limit is the real problem).
 */
export function memoryUnitFix(context: RuleContext, located: LocatedQuantity, intended: string): Fix | null {
  const { text } = context;
  const source = located.entry.source.trim();
  const edits: TextEdit[] = [replaceValue(text, located.entry.valueSpan!, intended)];
  let title = `Change ${source} to ${intended}`;
  const other = sibling(context.model, located);
  if (other?.valueSpan && other.decoded instanceof Quantity) {
    let theirs = other.decoded;
    const correction = memoryUnitCorrection(other);
    if (correction) {
      edits.push(replaceValue(text, other.valueSpan, correction));
      theirs = Quantity.parse(correction);
      title += ` and the ${located.list === 'requests' ? 'limit' : 'request'} ${other.source.trim()} to ${correction}`;
    }
    const mine = Quantity.parse(intended);
    const [request, limit] = located.list === 'requests' ? [mine, theirs] : [theirs, mine];
    if (request.cmp(limit) > 0) return null;
  }
  return { title, edits, preferred: true };
}
