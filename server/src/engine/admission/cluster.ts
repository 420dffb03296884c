import { type Document, type YAMLMap } from 'yaml';
import { parseSlice, splitDocuments } from '../documents';
import { readObjectHeader } from '../workloads';
import { unservedVersion } from '../api-versions';
import { asMap, deref, getMap, getSeq } from '../yaml-nodes';
import { boolField, integerField, stringField, stringListField } from '../model/field';
import { readResourceList } from '../model/resources';
import { defaultedQuantity, Quantity } from '../quantity';
import { type ResourceList } from '../resources';

/**
 * The objects around a pod that the admission plugins on by default read:
 * LimitRange and ResourceQuota (namespaced), PriorityClass and RuntimeClass
 * (cluster-scoped), as the API server stores them. Plain data only (names,
 * numbers, quantity strings), so that they cross to worker threads with the
 * analysis options.
 */

/** A resource list as stored: resource name → the quantity's string (`Quantity.String()`), in written order. */
export type AmountList = Record<string, string>;

export interface LimitRangeItem {
  type: string;
  max: AmountList;
  min: AmountList;
  default: AmountList;
  defaultRequest: AmountList;
  maxLimitRequestRatio: AmountList;
}

export interface LimitRangeObject {
  name: string;
  namespace: string;
  /** After `SetDefaults_LimitRangeItem`. */
  limits: LimitRangeItem[];
}

export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values: string[];
}

export interface ResourceQuotaObject {
  name: string;
  namespace: string;
  hard: AmountList;
  scopes: string[];
  scopeSelector: ScopeRequirement[];
}

export interface PriorityClassObject {
  name: string;
  value: number;
  globalDefault: boolean;
  /** As stored: `PreemptLowerPriority` when the class writes none (`SetDefaults_PriorityClass`). */
  preemptionPolicy: string;
}

export interface RuntimeClassObject {
  name: string;
  /** `overhead.podFixed`; null when the class defines no overhead. */
  podFixed: AmountList | null;
}

export interface ClusterObjects {
  limitRanges: LimitRangeObject[];
  resourceQuotas: ResourceQuotaObject[];
  priorityClasses: PriorityClassObject[];
  runtimeClasses: RuntimeClassObject[];
}

export const clusterObjectKinds: readonly string[] = ['LimitRange', 'ResourceQuota', 'PriorityClass', 'RuntimeClass'];

export function emptyClusterObjects(): ClusterObjects {
  return { limitRanges: [], resourceQuotas: [], priorityClasses: [], runtimeClasses: [] };
}

/** The namespace an object or a pod is in: its own, else the one the command or the editor gives, else `default`. */
export function namespaceOf(written: string | null | undefined, defaultNamespace: string | undefined): string {
  return written || defaultNamespace || 'default';
}

const CLUSTER_KIND_AFTER_KEY = /\s*["']?(?:LimitRange|ResourceQuota|PriorityClass|RuntimeClass)\b/y;
const WORD_CHARACTER = /\w/;

/**
 * Whether a text may hold one of the objects (a cheap test before parsing a
 * whole workspace file): a `kind:` that starts a word, followed by one of
 * their kinds. It runs on every keystroke in the editor, so each `kind:` is
 * found with `indexOf` and only what follows it is matched: a tenth of the
 * time of one regular expression over a 12 MB file.
 */
export function mayHoldClusterObjects(text: string): boolean {
  for (let at = text.indexOf('kind:'); at !== -1; at = text.indexOf('kind:', at + 5)) {
    if (at > 0 && WORD_CHARACTER.test(text[at - 1])) continue;
    CLUSTER_KIND_AFTER_KEY.lastIndex = at + 5;
    if (CLUSTER_KIND_AFTER_KEY.test(text)) return true;
  }
  return false;
}

/** The objects in one YAML text (a file, or a rendered chart or overlay). Documents that do not parse or are not served are skipped. */
export function readClusterObjects(text: string, defaultNamespace?: string): ClusterObjects {
  const objects = emptyClusterObjects();
  if (!mayHoldClusterObjects(text)) return objects;
  for (const slice of splitDocuments(text)) {
    try {
      const parsed = parseSlice(slice);
      if (parsed.syntaxErrors.length > 0) continue;
      readObject(parsed.document, defaultNamespace, objects);
    } catch {
      // A document Pod Lens cannot read sets nothing: the analysis of that document says why.
    }
  }
  return objects;
}

/** The objects of several texts together, in the order given. */
export function mergeClusterObjects(parts: readonly ClusterObjects[]): ClusterObjects {
  const merged = emptyClusterObjects();
  for (const part of parts) {
    merged.limitRanges.push(...part.limitRanges);
    merged.resourceQuotas.push(...part.resourceQuotas);
    merged.priorityClasses.push(...part.priorityClasses);
    merged.runtimeClasses.push(...part.runtimeClasses);
  }
  return merged;
}

export function isEmptyCluster(objects: ClusterObjects | undefined): boolean {
  return (
    !objects ||
    (objects.limitRanges.length === 0 && objects.resourceQuotas.length === 0 && objects.priorityClasses.length === 0 && objects.runtimeClasses.length === 0)
  );
}

function readObject(document: Document.Parsed, defaultNamespace: string | undefined, into: ClusterObjects): void {
  const header = readObjectHeader(document);
  if (!header || !header.kind || !header.apiVersion || !header.name) return;
  if (!clusterObjectKinds.includes(header.kind) || unservedVersion(header.kind, header.apiVersion)) return;
  const root = header.root;
  const spec = getMap(root, 'spec', document);
  switch (header.kind) {
    case 'LimitRange':
      into.limitRanges.push({ name: header.name, namespace: namespaceOf(header.namespace, defaultNamespace), limits: readLimitRangeItems(spec, document) });
      return;
    case 'ResourceQuota':
      into.resourceQuotas.push({
        name: header.name,
        namespace: namespaceOf(header.namespace, defaultNamespace),
        hard: amounts(spec, 'hard', document),
        scopes: (stringListField(spec, 'scopes', document).value ?? []).map((scope) => scope.value),
        scopeSelector: readScopeSelector(spec, document),
      });
      return;
    case 'PriorityClass': {
      const value = integerField(root, 'value', document).value;
      if (value === undefined) return;
      into.priorityClasses.push({
        name: header.name,
        value,
        globalDefault: boolField(root, 'globalDefault', document).value ?? false,
        preemptionPolicy: stringField(root, 'preemptionPolicy', document).value || 'PreemptLowerPriority',
      });
      return;
    }
    case 'RuntimeClass': {
      const overhead = getMap(root, 'overhead', document);
      const podFixed = overhead && getMap(overhead, 'podFixed', document) ? amounts(overhead, 'podFixed', document) : null;
      into.runtimeClasses.push({ name: header.name, podFixed });
      return;
    }
  }
}

/** A resource list with the API server's defaulting (`SetDefaults_ResourceList`: rounded up to milli); values that do not decode are left out. */
function amounts(parent: YAMLMap | null, key: string, document: Document.Parsed): AmountList {
  const result: AmountList = {};
  const list = readResourceList(parent, key, document);
  for (const [name, entry] of list?.byName ?? []) {
    if (entry.decoded instanceof Quantity) result[name] = defaultedQuantity(entry.decoded).toString();
  }
  return result;
}

/** `SetDefaults_LimitRangeItem`: a Container item's missing default limit is its max, its missing default request the default limit, else the min. */
function readLimitRangeItems(spec: YAMLMap | null, document: Document.Parsed): LimitRangeItem[] {
  const items: LimitRangeItem[] = [];
  for (const node of getSeq(spec, 'limits', document)?.items ?? []) {
    const map = asMap(deref(node, document));
    if (!map) continue;
    const item: LimitRangeItem = {
      type: stringField(map, 'type', document).value ?? '',
      max: amounts(map, 'max', document),
      min: amounts(map, 'min', document),
      default: amounts(map, 'default', document),
      defaultRequest: amounts(map, 'defaultRequest', document),
      maxLimitRequestRatio: amounts(map, 'maxLimitRequestRatio', document),
    };
    if (item.type === 'Container') {
      for (const [name, value] of Object.entries(item.max)) if (!(name in item.default)) item.default[name] = value;
      for (const [name, value] of Object.entries(item.default)) if (!(name in item.defaultRequest)) item.defaultRequest[name] = value;
      for (const [name, value] of Object.entries(item.min)) if (!(name in item.defaultRequest)) item.defaultRequest[name] = value;
    }
    items.push(item);
  }
  return items;
}

function readScopeSelector(spec: YAMLMap | null, document: Document.Parsed): ScopeRequirement[] {
  const selector = getMap(spec, 'scopeSelector', document);
  const requirements: ScopeRequirement[] = [];
  for (const node of getSeq(selector, 'matchExpressions', document)?.items ?? []) {
    const map = asMap(deref(node, document));
    if (!map) continue;
    requirements.push({
      scopeName: stringField(map, 'scopeName', document).value ?? '',
      operator: stringField(map, 'operator', document).value ?? '',
      values: (stringListField(map, 'values', document).value ?? []).map((value) => value.value),
    });
  }
  return requirements;
}

/** An amount list as quantities (the strings were made by `Quantity.toString()`, so they parse). */
export function quantities(list: AmountList): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, text] of Object.entries(list)) {
    const quantity = Quantity.tryParse(text);
    if (quantity instanceof Quantity) result.set(name, quantity);
  }
  return result;
}
