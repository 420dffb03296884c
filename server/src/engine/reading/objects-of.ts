/**
 * The objects kubectl applies from one settled document, with the `yaml`
 * nodes they were read from: the document's root, or each item of a List
 * (kubectl applies a List's items, never the List). The engine analyzes each
 * as an object of its own.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { originOf } from '../../sources/source-map';
import { goJsonText, type JsonObject } from './decode';
import { readYamlCarefully } from './careful';
import { kubectlObjects } from './objects';
import { type ReadDocument, type ReadError, type ReadOptions } from './reader';
import { trimGoSpace } from './stream';
import { kubectlValue, plainKubectlEnvelope, type ValueError } from './value';

export interface ReadObject {
  /** The object as kubectl sends it: numbers are int64 or float64 (JsonNumber text as kubectl prints it). */
  value: JsonObject;
  kind: string;
  apiVersion: string;
  /** Its index in the document's `items` when it is an item of a List; null for the document itself. */
  item: number | null;
  /** The node the object was read from, in the parse of the document's text (the List item's node for an item). */
  node: Node | null;
  /** The node's offsets in the file. */
  start: number;
  end: number;
}

export interface DocumentObjects {
  objects: ReadObject[];
  /** Errors kubectl reports for the document (the document's own, fatal; or an object's, after which kubectl goes on). */
  errors: ReadError[];
}

/** The file offsets of a span of the document's text. */
function toFile(document: ReadDocument, start: number, end: number): { start: number; end: number } {
  const origin = originOf(document.map, start, end);
  if (origin) return { start: origin.start, end: origin.end };
  return { start: document.start, end: document.end };
}

/** The `items` sequence of a List's root node, as go-yaml reads it (the last `items` key wins). */
export function itemsNode(parsed: Document.Parsed): Node[] | null {
  const root = parsed.contents;
  if (!isMap(root)) return null;
  let items: Node[] | null = null;
  for (const pair of root.items) {
    const key = isPair(pair) && isScalar(pair.key) ? String(pair.key.source ?? pair.key.value) : null;
    if (key === 'items') items = isSeq(pair.value) ? (pair.value.items as Node[]) : null;
  }
  return items;
}

/**
 * The objects kubectl applies from a settled document and the errors it
 * reports (with kubectl's words and the file positions they concern).
 * Never throws.
 */
export function kubectlDocumentObjects(text: string, document: ReadDocument, parsed: Document.Parsed | null, options: ReadOptions = {}): DocumentObjects {
  try {
    return objectsOf(text, document, parsed, options);
  } catch (e) {
    const message = `Pod Lens failed to read this document: ${e instanceof Error ? e.message : String(e)}`;
    return { objects: [], errors: [{ message, kubectl: '', start: document.start, end: document.end, fatal: false, origin: 'reader' }] };
  }
}

/** The errors of a document whose value sigs.k8s.io/yaml refuses, or that is deeper than the reader follows. */
function valueError(text: string, document: ReadDocument, error: ValueError, source: string): DocumentObjects {
  if (error.tooDeep) {
    return { objects: [], errors: [{ message: error.message, kubectl: '', start: document.start, end: document.end, fatal: false, origin: 'reader' }] };
  }
  // A document trusted to the `yaml` package that sigs.k8s.io/yaml refuses: go-yaml may have refused it earlier, in its own words.
  if (document.syntax === 'yaml' && !document.checked) {
    const careful = readYamlCarefully(text, document);
    if (careful.error) {
      const message = careful.error.message;
      return {
        objects: [],
        errors: [
          {
            message,
            kubectl: `error parsing ${source}: error converting YAML to JSON: ${message}`,
            start: careful.error.start,
            end: careful.error.end,
            fatal: true,
            origin: 'kubectl',
          },
        ],
      };
    }
  }
  const at = toFile(document, error.start, error.end);
  const message = error.message;
  return {
    objects: [],
    errors: [{ message, kubectl: `error parsing ${source}: error converting YAML to JSON: ${message}`, ...at, fatal: true, origin: 'kubectl' }],
  };
}

/** A ReadObject whose value comes from `value` when it is read (built then, for a document read by its envelope). */
class DecodedObject implements ReadObject {
  constructor(
    private readonly build: () => JsonObject,
    readonly kind: string,
    readonly apiVersion: string,
    readonly item: number | null,
    readonly node: Node | null,
    readonly start: number,
    readonly end: number,
  ) {}

  get value(): JsonObject {
    return this.build();
  }
}

function objectsOf(text: string, document: ReadDocument, parsed: Document.Parsed | null, options: ReadOptions): DocumentObjects {
  const source = options.source ?? 'FILE';
  if (document.error || !parsed) return { objects: [], errors: document.error ? [document.error] : [] };
  const plain = document.syntax === 'yaml' ? plainKubectlEnvelope(parsed) : undefined;
  let decoded: ReturnType<typeof kubectlObjects>;
  if (plain) {
    // kubectl reads the envelope; the whole value is built only if something asks for it (an error quoting the object, a test).
    decoded = kubectlObjects(plain.envelope, () => goJsonText(plain.value()), source, true);
  } else {
    const result = kubectlValue(parsed, document.syntax);
    if (!result.ok) return valueError(text, document, result.error, source);
    const value = result.value;
    const raw = () => (document.syntax === 'json' ? trimGoSpace(text, document.start, document.end) : goJsonText(value));
    decoded = kubectlObjects(value, raw, source, result.numbersAsPrinted === true);
  }
  const items = decoded.objects.some((o) => o.item !== null) || decoded.errors.some((e) => 'items' in e) ? itemsNode(parsed) : null;
  const nodeOf = (item: number | null): Node | null => (item === null ? (parsed.contents as Node | null) : (items?.[item] ?? null));
  const spanOf = (node: Node | null) => (node?.range ? toFile(document, node.range[0], node.range[1]) : { start: document.start, end: document.end });
  const objects: ReadObject[] = decoded.objects.map((o) => {
    const node = nodeOf(o.item);
    const { start, end } = spanOf(node);
    const value = plain && o.value === plain.envelope ? plain.value : () => o.value;
    return new DecodedObject(
      value,
      typeof o.value.kind === 'string' ? o.value.kind : '',
      typeof o.value.apiVersion === 'string' ? o.value.apiVersion : '',
      o.item,
      node,
      start,
      end,
    );
  });
  const errors: ReadError[] = [];
  for (const e of decoded.errors) {
    if ('message' in e) {
      errors.push({ message: e.message, kubectl: e.message, start: document.start, end: document.end, fatal: false, origin: 'kubectl' });
    } else {
      e.itemMessages.forEach((message, i) =>
        errors.push({ message, kubectl: message, ...spanOf(nodeOf(e.items[i])), fatal: false, origin: 'kubectl', listItem: true }),
      );
    }
  }
  return { objects, errors };
}
