import { type Node, type Pair, type YAMLMap, isMap, isPair, isScalar, isSeq } from 'yaml';
import { type Finding, type Fix } from '../../findings';
import { type RuleContext } from '../rule';
import { type Span, getPair, spanOf, deref, asMap, keyText } from '../../yaml-nodes';

export function errorFinding(code: string, anchor: Span, message: string, fixes?: Fix[]): Finding {
  const finding: Finding = { code, severity: 'error', message, start: anchor.start, end: anchor.end };
  if (fixes && fixes.length > 0) finding.fixes = fixes;
  return finding;
}

/** The first line of a node: where a finding about a whole mapping (a container, a pod spec) points. */
export function firstLineSpan(text: string, node: Node | null | undefined): Span | null {
  const span = spanOf(node);
  if (!span) return null;
  const nl = text.indexOf('\n', span.start);
  const end = nl === -1 || nl > span.end ? span.end : nl;
  return { start: span.start, end: Math.max(span.start, text[end - 1] === '\r' ? end - 1 : end) };
}

/** The `spec:` (or `template:`) key that holds the pod spec, for findings about the pod spec as a whole. */
export function podSpecKeySpan(context: RuleContext): Span {
  let node: Node | null = context.workload.root;
  let pair: Pair | null = null;
  for (const segment of context.workload.podSpecKeys) {
    if (typeof segment === 'number') {
      const seq = deref(node, context.document);
      const item = isSeq(seq) ? ((seq.items[segment] as Node | undefined) ?? null) : null;
      pair = null;
      node = deref(item, context.document) ?? null;
      continue;
    }
    pair = getPair(asMap(node), segment, context.document);
    node = deref(pair?.value, context.document) ?? null;
  }
  return spanOf(pair?.key as Node | undefined) ?? context.workload.kindSpan ?? { start: 0, end: 0 };
}

/** A key's pair in a mapping, with its key and value spans. */
export interface KeyedValue {
  pair: Pair;
  keySpan: Span;
  valueSpan: Span;
  value: Node | null;
}

/** A KeyedValue whose spans are made when first read: rules look up many keys and point findings at few. */
class KeyedPair implements KeyedValue {
  #keySpan: Span | null = null;
  #valueSpan: Span | null = null;

  constructor(
    readonly pair: Pair,
    readonly value: Node | null,
  ) {}

  get keySpan(): Span {
    return (this.#keySpan ??= spanOf(this.pair.key as Node)!);
  }

  get valueSpan(): Span {
    return (this.#valueSpan ??= spanOf(this.value) ?? this.keySpan);
  }
}

export function keyed(map: YAMLMap | null, key: string, context: RuleContext): KeyedValue | null {
  const pair = getPair(map, key, context.document);
  if (!pair || !(pair.key as Node | null)?.range) return null;
  return new KeyedPair(pair, deref(pair.value, context.document) ?? null);
}

/** An integer as the JSON decoder reads it into an int32/int64 field; null for anything else. */
export function integerOf(node: Node | null): bigint | null {
  if (!isScalar(node)) return null;
  if (typeof node.value === 'number' && Number.isInteger(node.value)) return BigInt(node.value);
  if (typeof node.value === 'bigint') return node.value;
  return null;
}

/** Whether a key holds a value that decodes to a non-nil pointer (anything but a missing key or null). */
export function isSet(kv: KeyedValue | null): boolean {
  if (!kv) return false;
  return !(kv.value === null || (isScalar(kv.value) && kv.value.value === null));
}

export function mapKeys(map: YAMLMap): string[] {
  return map.items.filter(isPair).map((p) => keyText(p) ?? '');
}

export { isMap };
