/**
 * The transformer configuration (kustomize's builtinconfig.TransformerConfig):
 * the field specs each built-in transformer acts on. Merging follows
 * kustomize exactly, because real overlays depend on its quirks: a field spec
 * is dropped when one already present selects its group/version/kind with the
 * same path (so `namePrefix: [{path: metadata/name, kind: Foo}]` in a
 * configuration file replaces the default `metadata/name` for every kind), a
 * spec that differs only in `create` is an error, and every merge sorts the
 * specs by kind order.
 */
import { DEFAULT_CONFIG, type FieldSpec, type NameReferenceSpec } from './tables';

export interface TransformerConfig {
  namePrefix: FieldSpec[];
  nameSuffix: FieldSpec[];
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  labels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  nameReference: NameReferenceSpec[];
  varReference: FieldSpec[];
  images: FieldSpec[];
  replicas: FieldSpec[];
}

/** The field-spec lists, in the order kustomize merges them, with the names its errors use. */
const SPEC_FIELDS: Array<[Exclude<keyof TransformerConfig, 'nameReference'>, string]> = [
  ['namePrefix', 'NamePrefix'],
  ['nameSuffix', 'NameSuffix'],
  ['namespace', 'NameSpace'],
  ['commonAnnotations', 'CommonAnnotations'],
  ['commonLabels', 'CommonLabels'],
  ['labels', 'Labels'],
  ['templateLabels', 'TemplateLabels'],
  ['varReference', 'VarReference'],
];
const SPEC_FIELDS_AFTER_NAME_REFERENCE: Array<[Exclude<keyof TransformerConfig, 'nameReference'>, string]> = [
  ['images', 'Images'],
  ['replicas', 'Replicas'],
];

/** The keys a configuration file may hold. */
export const CONFIG_KEYS = new Set<string>([...[...SPEC_FIELDS, ...SPEC_FIELDS_AFTER_NAME_REFERENCE].map(([key]): string => key), 'nameReference']);

export class ConfigMergeError extends Error {}

export function emptyConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    namespace: [],
    commonLabels: [],
    labels: [],
    templateLabels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}

let defaults: TransformerConfig | undefined;

/** MakeDefaultConfig: the built-in specs, sorted as kustomize sorts a parsed configuration. */
export function defaultConfig(): TransformerConfig {
  if (!defaults) {
    const config = emptyConfig();
    for (const [key] of [...SPEC_FIELDS, ...SPEC_FIELDS_AFTER_NAME_REFERENCE])
      config[key] = [...((DEFAULT_CONFIG[key as keyof typeof DEFAULT_CONFIG] as FieldSpec[] | undefined) ?? [])];
    config.nameReference = (DEFAULT_CONFIG.nameReference ?? []).map((n) => ({ ...n, fieldSpecs: [...n.fieldSpecs] }));
    sortConfig(config);
    defaults = config;
  }
  const copy = copyConfig(defaults);
  lineage.set(copy, 'default');
  return copy;
}

/**
 * How a configuration was made, when it was made only of the defaults and
 * merges of such: two with the same lineage have the same contents. Every
 * kustomization of a build merges the defaults into its parent's (a build of
 * fifty bases merges hundreds of times), and an editor builds on every
 * keystroke, so merges of known lineage are remembered.
 */
const lineage = new WeakMap<TransformerConfig, string>();
const lineageIds = new Map<string, string>();
const mergedByLineage = new Map<string, TransformerConfig>();
const MERGE_CACHE_LIMIT = 512;
let nextLineage = 0;

function lineageOf(config: TransformerConfig): string | undefined {
  const known = lineage.get(config);
  if (known !== undefined) return known;
  for (const [key] of [...SPEC_FIELDS, ...SPEC_FIELDS_AFTER_NAME_REFERENCE]) if (config[key].length > 0) return undefined;
  return config.nameReference.length === 0 ? 'empty' : undefined;
}

export function copyConfig(config: TransformerConfig): TransformerConfig {
  const out = emptyConfig();
  for (const [key] of [...SPEC_FIELDS, ...SPEC_FIELDS_AFTER_NAME_REFERENCE]) out[key] = [...config[key]];
  out.nameReference = config.nameReference.map((n) => ({ ...n, fieldSpecs: [...n.fieldSpecs] }));
  return out;
}

const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
const TYPE_ORDER = new Map<string, number>([
  ...ORDER_FIRST.map((kind, i): [string, number] => [kind, i - ORDER_FIRST.length]),
  ...ORDER_LAST.map((kind, i): [string, number] => [kind, i + 1]),
]);

interface GvkSelector {
  group?: string;
  version?: string;
  kind?: string;
}

function stableSortString(gvk: GvkSelector): string {
  return `${gvk.group || '~G'}_${gvk.version || '~V'}_${gvk.kind || '~K'}`;
}

/** Gvk.IsLessThan: kinds in the legacy install order first, then by group, version and kind. */
export function gvkLess(a: GvkSelector, b: GvkSelector): boolean {
  const i = TYPE_ORDER.get(a.kind ?? '') ?? 0;
  const j = TYPE_ORDER.get(b.kind ?? '') ?? 0;
  if (i !== j) return i < j;
  return stableSortString(a) < stableSortString(b);
}

function byGvk(a: GvkSelector, b: GvkSelector): number {
  return gvkLess(a, b) ? -1 : gvkLess(b, a) ? 1 : 0;
}

/** Gvk.IsSelected: every field the selector sets must be equal. */
function selected(gvk: GvkSelector, selector: GvkSelector): boolean {
  if (selector.group && (gvk.group ?? '') !== selector.group) return false;
  if (selector.version && (gvk.version ?? '') !== selector.version) return false;
  if (selector.kind && (gvk.kind ?? '') !== selector.kind) return false;
  return true;
}

/** FsSlice.MergeAll: an incoming spec is dropped when one present selects it with the same path; a different `create` is a conflict. */
export function mergeFieldSpecs(existing: FieldSpec[], incoming: FieldSpec[]): FieldSpec[] {
  const out = [...existing];
  for (const spec of incoming) {
    const present = out.find((s) => selected(s, spec) && s.path === spec.path);
    if (present) {
      if ((present.create ?? false) !== (spec.create ?? false)) throw new ConfigMergeError('conflicting fieldspecs');
      continue;
    }
    out.push(spec);
  }
  return out;
}

function sameGvk(a: GvkSelector, b: GvkSelector): boolean {
  return (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '');
}

function mergeNameReferences(existing: NameReferenceSpec[], incoming: NameReferenceSpec[]): NameReferenceSpec[] {
  let out = existing.map((n) => ({ ...n, fieldSpecs: [...n.fieldSpecs] }));
  for (const other of incoming) {
    let found = false;
    out = out.map((n) => {
      if (!sameGvk(n, other)) return n;
      found = true;
      return { ...n, fieldSpecs: mergeFieldSpecs(n.fieldSpecs, other.fieldSpecs) };
    });
    if (!found) out.push({ ...other, fieldSpecs: [...other.fieldSpecs] });
  }
  return out;
}

function sortConfig(config: TransformerConfig): void {
  for (const [key] of [...SPEC_FIELDS, ...SPEC_FIELDS_AFTER_NAME_REFERENCE]) config[key].sort(byGvk);
  config.nameReference.sort(byGvk);
}

/** TransformerConfig.Merge: `a` then `b`, list by list, sorted. Throws ConfigMergeError with kustomize's wording. */
export function mergeConfig(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const from = lineageOf(a);
  const more = lineageOf(b);
  if (from === undefined || more === undefined) return mergeConfigUncached(a, b);
  const key = `${from}+${more}`;
  let made = mergedByLineage.get(key);
  if (!made) {
    made = mergeConfigUncached(a, b);
    if (mergedByLineage.size >= MERGE_CACHE_LIMIT) mergedByLineage.clear();
    mergedByLineage.set(key, made);
  }
  let id = lineageIds.get(key);
  if (id === undefined) {
    if (lineageIds.size >= MERGE_CACHE_LIMIT * 4) lineageIds.clear();
    // Never reused: a configuration alive since before a clear keeps meaning what it meant.
    id = `#${nextLineage++}`;
    lineageIds.set(key, id);
  }
  // Callers own what they get: a copy, so that the remembered one stays as it was made.
  const copy = copyConfig(made);
  lineage.set(copy, id);
  return copy;
}

function mergeConfigUncached(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const out = emptyConfig();
  const mergeList = ([key, name]: [Exclude<keyof TransformerConfig, 'nameReference'>, string]): void => {
    try {
      out[key] = mergeFieldSpecs(a[key], b[key]);
    } catch (error) {
      throw new ConfigMergeError(`failed to merge ${name} fieldSpec: ${(error as Error).message}`);
    }
  };
  SPEC_FIELDS.forEach(mergeList);
  try {
    out.nameReference = mergeNameReferences(a.nameReference, b.nameReference);
  } catch (error) {
    throw new ConfigMergeError(`failed to merge NameReference fieldSpec: ${(error as Error).message}`);
  }
  SPEC_FIELDS_AFTER_NAME_REFERENCE.forEach(mergeList);
  sortConfig(out);
  return out;
}

/** A configuration file's lists, sorted as makeTransformerConfigFromBytes sorts them. */
export function configFromLists(lists: Partial<TransformerConfig>): TransformerConfig {
  const config = { ...emptyConfig(), ...lists };
  sortConfig(config);
  return config;
}
