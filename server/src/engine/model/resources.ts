import { type Document, isMap, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import { type Quantity, type QuantityError, quantityFromYamlScalar } from '../quantity';
import { asMap, deref, effectivePairs, getPair, keyText, spanOf, type Span } from '../yaml-nodes';

/**
 * Resource lists as written (`requests`, `limits`, `overhead`), each quantity
 * decoded the way the API server decodes it from kubectl's JSON.
 */

/** One `name: quantity` entry of a ResourceList (`requests`, `limits`, `overhead`). */
export interface QuantityEntry {
  resource: string;
  keySpan: Span | null;
  valueSpan: Span | null;
  /** The value as written, for messages and quick fixes. */
  source: string;
  /** What the API server decodes the value to, or why it cannot. */
  decoded: Quantity | QuantityError;
}

export interface ResourceListSpec {
  /** The span of the `requests:`/`limits:` key and its value. */
  span: Span | null;
  keySpan: Span | null;
  /** In document order; a duplicated resource appears twice, and `byName` keeps the last (as JSON decoding does). */
  entries: QuantityEntry[];
  byName: Map<string, QuantityEntry>;
}

export interface ResourcesSpec {
  keySpan: Span | null;
  span: Span | null;
  /** `resources:` with no value decodes to nil, as if the key were absent. */
  valueIsNull: boolean;
  requests: ResourceListSpec | null;
  limits: ResourceListSpec | null;
}

function yamlScalarStyle(node: Scalar): 'plain' | 'quoted' | 'null' {
  if (node.type === 'PLAIN') {
    // A plain null (`cpu:`, `cpu: ~`, `cpu: null`) is JSON null for the API server.
    return node.value === null ? 'null' : 'plain';
  }
  return 'quoted';
}

export function decodeQuantityNode(node: Node | null | undefined, document: Document.Parsed): { source: string; decoded: Quantity | QuantityError } {
  const value = deref(node, document);
  if (value === null || value === undefined) {
    return { source: '', decoded: quantityFromYamlScalar('', 'null') };
  }
  if (isScalar(value)) {
    const source = typeof value.value === 'string' ? value.value : (value.source ?? String(value.value));
    return { source, decoded: quantityFromYamlScalar(source, yamlScalarStyle(value)) };
  }
  // A map or a list where a quantity belongs: the decoder hands its JSON text to the quantity parser.
  const source = isMap(value) ? '{…}' : '[…]';
  return { source, decoded: quantityFromYamlScalar(source, 'quoted') };
}

export function readResourceList(parent: YAMLMap | null, key: string, document: Document.Parsed): ResourceListSpec | null {
  const pair = getPair(parent, key, document);
  if (!pair) return null;
  const map = asMap(deref(pair.value, document));
  const entries: QuantityEntry[] = [];
  const byName = new Map<string, QuantityEntry>();
  if (map) {
    for (const item of effectivePairs(map, document)) {
      const resource = keyText(item);
      if (resource === null) continue;
      const { source, decoded } = decodeQuantityNode(item.value as Node | null, document);
      const entry: QuantityEntry = {
        resource,
        keySpan: spanOf(item.key as Node),
        valueSpan: spanOf(deref(item.value, document)) ?? spanOf(item.key as Node),
        source,
        decoded,
      };
      entries.push(entry);
      byName.set(resource, entry);
    }
  }
  return { span: spanOf(pair), keySpan: spanOf(pair.key as Node), entries, byName };
}

export function readResources(parent: YAMLMap | null, key: string, document: Document.Parsed): ResourcesSpec | null {
  const pair = getPair(parent, key, document);
  if (!pair) return null;
  const value = deref(pair.value, document);
  const map = asMap(value);
  return {
    keySpan: spanOf(pair.key as Node),
    span: spanOf(pair),
    valueIsNull: value === null || value === undefined || (isScalar(value) && value.value === null),
    requests: readResourceList(map, 'requests', document),
    limits: readResourceList(map, 'limits', document),
  };
}
