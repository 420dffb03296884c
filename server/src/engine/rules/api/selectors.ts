import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { type RuleContext } from '../rule';
import { asMap, deref, effectivePairs, keyText, type Span, spanOf } from '../../yaml-nodes';
import { keyed, type KeyedValue } from './helpers';
import { jsonQuote } from './field-errors';
import { isQualifiedName, regexError } from './resource-names';

/**
 * `metav1.LabelSelector` as the API server reads it, and
 * `LabelSelectorAsSelector(…).Matches(labels)` over a template's labels
 * (apimachinery release-1.36 pkg/apis/meta/v1/helpers.go, pkg/labels):
 * - a missing (nil) selector matches nothing, an empty one everything;
 * - `matchLabels` k: v requires label k equal to v;
 * - `matchExpressions`: In (label present, value listed), NotIn (label
 *   absent, or its value not listed), Exists, DoesNotExist;
 * - a requirement with a bad key, value, operator or values count makes the
 *   conversion fail, and then nothing is matched at all.
 */

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
const operators: readonly string[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface Expression {
  /** e.g. `spec.selector.matchExpressions[0]`. */
  path: string;
  key: string;
  operator: string;
  values: string[];
  keySpan: Span;
  operatorSpan: Span | null;
  valuesKey: KeyedValue | null;
  valueSpans: Span[];
}

export interface SelectorModel {
  kv: KeyedValue;
  path: string;
  /** False for `selector:`/`selector: null`, which decode to nil. */
  present: boolean;
  matchLabels: Map<string, string>;
  matchLabelsKey: KeyedValue | null;
  expressions: Expression[];
  /** Something that is not a string where one belongs: the decoder refuses the object, no verdict here. */
  unreadable: boolean;
}

function stringScalar(node: unknown, context: RuleContext): string | null {
  const value = deref(node, context.document);
  return isScalar(value) && typeof value.value === 'string' ? value.value : null;
}

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** The selector under `key` of `parent` (API path `path`); null when the key is absent. */
export function readSelector(parent: YAMLMap | null, key: string, path: string, context: RuleContext): SelectorModel | null {
  const kv = keyed(parent, key, context);
  if (!kv) return null;
  const model: SelectorModel = { kv, path, present: false, matchLabels: new Map(), matchLabelsKey: null, expressions: [], unreadable: false };
  if (isNull(kv.value)) return model;
  const map = asMap(kv.value);
  if (!map) return { ...model, unreadable: true };
  model.present = true;
  model.matchLabelsKey = keyed(map, 'matchLabels', context);
  const matchLabels = model.matchLabelsKey?.value;
  if (isMap(matchLabels)) {
    for (const pair of effectivePairs(matchLabels, context.document)) {
      const label = keyText(pair);
      const wanted = stringScalar(pair.value, context);
      if (label === null || wanted === null) model.unreadable = true;
      else model.matchLabels.set(label, wanted);
    }
  } else if (!isNull(matchLabels)) model.unreadable = true;
  const expressions = keyed(map, 'matchExpressions', context)?.value;
  if (isSeq(expressions)) {
    expressions.items.forEach((item, index) => {
      const expression = asMap(deref(item, context.document));
      const keyKv = keyed(expression, 'key', context);
      const operatorKv = keyed(expression, 'operator', context);
      const valuesKey = keyed(expression, 'values', context);
      const values: string[] = [];
      const valueSpans: Span[] = [];
      if (isSeq(valuesKey?.value)) {
        for (const entry of valuesKey!.value.items) {
          const text = stringScalar(entry, context);
          if (text === null) model.unreadable = true;
          else {
            values.push(text);
            valueSpans.push(spanOf(deref(entry, context.document)) ?? valuesKey!.valueSpan);
          }
        }
      } else if (valuesKey && !isNull(valuesKey.value)) model.unreadable = true;
      const itemSpan = spanOf(deref(item, context.document)) ?? kv.keySpan;
      const keyValue = keyKv ? stringScalar(keyKv.value, context) : '';
      const operator = operatorKv ? stringScalar(operatorKv.value, context) : '';
      if (!expression || keyValue === null || operator === null) {
        model.unreadable = true;
        return;
      }
      model.expressions.push({
        path: `${path}.matchExpressions[${index}]`,
        key: keyValue,
        operator,
        values,
        keySpan: keyKv?.valueSpan ?? itemSpan,
        operatorSpan: operatorKv?.valueSpan ?? null,
        valuesKey,
        valueSpans,
      });
    });
  } else if (!isNull(expressions)) model.unreadable = true;
  return model;
}

/** `len(MatchLabels)+len(MatchExpressions)`: zero is an empty selector (it matches everything). */
export function selectorSize(selector: SelectorModel): number {
  return selector.matchLabels.size + selector.expressions.length;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** content.IsLabelValue. */
export function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (Buffer.byteLength(value, 'utf8') > 63) errs.push('must be no more than 63 bytes');
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?',
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** Whether `LabelSelectorAsSelector` fails: a requirement `labels.NewRequirement` refuses. */
export function selectorConversionFails(selector: SelectorModel): boolean {
  for (const [key, value] of selector.matchLabels) {
    if (isQualifiedName(key).length > 0 || isLabelValue(value).length > 0) return true;
  }
  for (const expression of selector.expressions) {
    if (!operators.includes(expression.operator) || isQualifiedName(expression.key).length > 0) return true;
    if (expression.values.some((v) => isLabelValue(v).length > 0)) return true;
    const inOrNotIn = expression.operator === 'In' || expression.operator === 'NotIn';
    if (inOrNotIn ? expression.values.length === 0 : expression.values.length > 0) return true;
  }
  return false;
}

/** Whether a (converted, non-nil) selector's requirements all hold for a set of labels. */
export function selectorMatches(selector: SelectorModel, labels: ReadonlyMap<string, string>): boolean {
  for (const [key, value] of selector.matchLabels) if (labels.get(key) !== value) return false;
  return selector.expressions.every((expression) => {
    const value = labels.get(expression.key);
    switch (expression.operator as Operator) {
      case 'In':
        return value !== undefined && expression.values.includes(value);
      case 'NotIn':
        return value === undefined || !expression.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
  });
}

/** A `map[string]string` of labels with where it is written. */
export interface LabelsModel {
  kv: KeyedValue | null;
  /** null for a missing or null `labels` (a nil map); `{}` is an empty, non-nil one. */
  labels: Map<string, string> | null;
  /** A key or value that is not a string: the decoder refuses it, no verdict here. */
  unreadable: boolean;
}

export function readLabels(parent: YAMLMap | null, key: string, context: RuleContext): LabelsModel {
  const kv = keyed(parent, key, context);
  if (!kv || isNull(kv.value)) return { kv, labels: null, unreadable: false };
  const map = asMap(kv.value);
  if (!map) return { kv, labels: null, unreadable: true };
  const labels = new Map<string, string>();
  let unreadable = false;
  for (const pair of effectivePairs(map, context.document)) {
    const label = keyText(pair);
    const value = stringScalar(pair.value, context);
    if (label === null || value === null) unreadable = true;
    else labels.set(label, value);
  }
  return { kv, labels, unreadable };
}

function sortedKeys(map: ReadonlyMap<string, string>): string[] {
  return [...map.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

/** How Go prints a `map[string]string` bad value: json.Marshal, keys sorted; a nil map prints `null`. */
export function goJsonMap(labels: ReadonlyMap<string, string> | null): string {
  if (!labels) return 'null';
  return `{${sortedKeys(labels)
    .map((k) => `${jsonQuote(k)}:${jsonQuote(labels.get(k)!)}`)
    .join(',')}}`;
}

/** json.Marshal of a `*metav1.LabelSelector` (both lists omitempty, `values` omitempty). */
export function selectorJson(selector: SelectorModel): { quoted: string } {
  const parts: string[] = [];
  if (selector.matchLabels.size > 0) parts.push(`"matchLabels":${goJsonMap(selector.matchLabels)}`);
  if (selector.expressions.length > 0) {
    const items = selector.expressions.map((e) => {
      const values = e.values.length > 0 ? `,"values":[${e.values.map(jsonQuote).join(',')}]` : '';
      return `{"key":${jsonQuote(e.key)},"operator":${jsonQuote(e.operator)}${values}}`;
    });
    parts.push(`"matchExpressions":[${items.join(',')}]`);
  }
  return { quoted: `{${parts.join(',')}}` };
}
