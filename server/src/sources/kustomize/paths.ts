/**
 * kyaml's field paths as replacements use them: the path splitter
 * (`metadata.annotations.[cert-manager.io/inject-ca-from]` is three parts),
 * `yaml.Lookup` (a source value: fields, `[name=value]` list entries matched
 * exactly, indexes, `-` for the last element) and `PathMatcher` (the targets:
 * `[name=value]` is an unanchored regular expression over the element's
 * field, `*` every element, and missing parts created on request).
 */
import { emptyMap, emptySeq, getField, isNull, type KMap, type KNode, type KScalar, setField } from './model';

export class PathError extends Error {}

/** utils.PathSplitter: splits at the delimiter, except where it is escaped with a backslash; a leading delimiter is dropped. */
export function pathSplitter(path: string, delimiter: string): string[] {
  let parts = path.split(delimiter);
  if (parts.length > 1 && parts[0] === '') parts = parts.slice(1);
  const out = [parts[0]];
  for (let i = 1; i < parts.length; i++) {
    const last = out.length - 1;
    if (out[last].endsWith('\\')) out[last] = out[last].slice(0, -1) + delimiter + parts[i];
    else out.push(parts[i]);
  }
  return out;
}

/** utils.SmarterPathSplitter: a bracketed part that holds the delimiter stays whole; without `=` it loses its brackets. */
export function smarterPathSplitter(path: string, delimiter: string): string[] {
  const split = pathSplitter(path, delimiter);
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const part = split[i];
    if (part.startsWith('[') && !part.endsWith(']')) {
      const bracketed = [part];
      while (i < split.length - 1) {
        i++;
        bracketed.push(split[i]);
        if (split[i].endsWith(']')) break;
      }
      const joined = bracketed.join(delimiter);
      out.push(joined.includes('=') ? joined : joined.replace(/^\[+|\]+$/g, ''));
    } else out.push(part);
  }
  return out;
}

function isListIndex(part: string): boolean {
  return part.startsWith('[') && part.endsWith(']');
}

function isIndexNumber(part: string): boolean {
  return /^[+-]?\d+$/.test(part) && Number(part) >= 0;
}

function splitIndexNameValue(part: string): [string, string] {
  const inner = part.replace(/\]$/, '').replace(/^\[/, '');
  const eq = inner.indexOf('=');
  if (eq === -1) throw new PathError('list path element must contain fieldName=fieldValue for element to match');
  return [inner.slice(0, eq), inner.slice(eq + 1)];
}

function kindName(node: KNode): string {
  return node.kind === 'map' ? 'MappingNode' : node.kind === 'seq' ? 'SequenceNode' : 'ScalarNode';
}

function wrongKind(node: KNode, expected: 'MappingNode' | 'SequenceNode'): PathError {
  return new PathError(`wrong node kind: expected ${expected} but got ${kindName(node)}`);
}

/** The elements of a list (none for a null); an error for anything else. */
function elements(node: KNode): KNode[] {
  if (isNull(node)) return [];
  if (node.kind !== 'seq') throw wrongKind(node, 'SequenceNode');
  return node.items;
}

/** A field of a map (undefined when absent or the node is null); an error for a list or a scalar. */
function field(node: KNode, name: string): KNode | undefined {
  if (isNull(node)) return undefined;
  if (node.kind !== 'map') throw wrongKind(node, 'MappingNode');
  return getField(node, name);
}

/** yaml.Lookup: the one node at a path, or undefined. */
export function lookup(node: KNode, path: string[]): KNode | undefined {
  let match: KNode | undefined = node;
  for (const part of path.map((p) => p.trim()).filter((p) => p !== '')) {
    if (!match) return undefined;
    if (/^[+-]?\d+$/.test(part)) {
      const index = Number(part);
      if (index < 0) throw new PathError(`array index ${index} cannot be negative`);
      match = elements(match)[index];
    } else if (part === '-') {
      const items = elements(match);
      match = items[items.length - 1];
    } else if (part === '*') {
      throw new PathError('wildcard is not supported in PathGetter');
    } else if (isListIndex(part)) {
      const [name, value] = splitIndexNameValue(part);
      match = matchElement(match, name, value);
    } else {
      match = field(match, part);
    }
    if (!match) return undefined;
  }
  return match;
}

function matchElement(node: KNode, name: string, value: string): KNode | undefined {
  const items = elements(node);
  if (name === '') return items.find((item) => item.kind === 'scalar' && item.value === value);
  return items.find((item) => {
    if (item.kind !== 'map') return false;
    const v = getField(item, name);
    return v !== undefined && v.kind === 'scalar' && v.value === value;
  });
}

/** A node as kyaml prints it, for the regular expressions of `[name=value]`: a scalar as written. */
function printed(node: KNode): string {
  if (node.kind === 'scalar') return (node.origin?.kind === 'value' && node.origin.raw !== undefined ? node.origin.raw : node.value).trim();
  return '';
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw new PathError(`error parsing regexp: ${pattern}`);
  }
}

export type CreateKind = 'scalar' | 'map' | 'seq';

/** A node of the kind a missing path part must be to hold the next part. */
function created(next: string | undefined, create: CreateKind): KNode {
  const kind: CreateKind = next === undefined ? create : isListIndex(next) || isIndexNumber(next) ? 'seq' : 'map';
  if (kind === 'map') return emptyMap();
  if (kind === 'seq') return emptySeq();
  // An untagged scalar: the value it is given later decides its type.
  return { kind: 'scalar', value: '', tag: '' };
}

/** yaml.PathMatcher: every node the path selects, creating missing parts when `create` says what the last one is. */
export function pathMatcher(node: KNode, path: string[], create?: CreateKind): KNode[] {
  if (path.length === 0) return [node];
  const [head, ...rest] = path;
  if (isIndexNumber(head)) {
    const index = Number(head);
    const items = elements(node);
    if (items.length === index && create && node.kind === 'seq') node.items.push(created(rest[0], create));
    const after = elements(node);
    if (after.length < index + 1) throw new PathError(`index ${index} specified but only ${after.length} elements found`);
    return pathMatcher(after[index], rest, create);
  }
  if (isListIndex(head)) {
    const [name, pattern] = splitIndexNameValue(head);
    const regex = compile(pattern);
    const matchSeq = (): KNode[] => {
      const out: KNode[] = [];
      for (const item of elements(node)) {
        if (name === '') {
          if (regex.test(printed(item))) out.push(item);
          continue;
        }
        if (item.kind !== 'map') continue;
        const value = getField(item, name);
        if (!value || isNull(value) || !regex.test(printed(value))) continue;
        out.push(...pathMatcher(item, rest, create));
      }
      return out;
    };
    const found = matchSeq();
    if (found.length > 0 || !create || node.kind !== 'seq') return found;
    const valueNode: KScalar = { kind: 'scalar', value: pattern, tag: '' };
    if (name === '') node.items.push(valueNode);
    else node.items.push({ kind: 'map', entries: [{ key: { kind: 'scalar', value: name, tag: 'str' }, value: valueNode }] });
    return matchSeq();
  }
  if (head === '*') return elements(node).flatMap((item) => pathMatcher(item, rest, create));
  let child = field(node, head);
  if (!child) {
    if (!create || node.kind !== 'map') return [];
    child = created(rest[0], create);
    setField(node as KMap, head, child);
  }
  return pathMatcher(child, rest, create);
}
