/**
 * From rendered template files to `helm template`'s output
 * (pkg/releaseutil, pkg/action/action.go renderResources, cmd/helm/template.go):
 * split into documents, hooks told apart by `helm.sh/hook`, documents sorted
 * in install order, CRDs, `--show-only`, `--skip-tests`, `--no-hooks`, and
 * the `--output-dir` grouping.
 */
import { MappedBuilder, type MappedString, sliceMapped } from '../template/origin';
import { goPathMatch } from './glob';
import { isNil, type HelmMap, type HelmValue } from './values';
import { decodeYamlShared } from './yaml-decode';

export const installOrder = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const hookEvents: Record<string, string> = {
  'pre-install': 'pre-install',
  'post-install': 'post-install',
  'pre-delete': 'pre-delete',
  'post-delete': 'post-delete',
  'pre-upgrade': 'pre-upgrade',
  'post-upgrade': 'post-upgrade',
  'pre-rollback': 'pre-rollback',
  'post-rollback': 'post-rollback',
  test: 'test',
  'test-success': 'test',
};

const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** strings.TrimSpace as offsets: [start, end) of the trimmed text. */
export function trimSpaceRange(text: string, start = 0, end = text.length): [number, number] {
  while (start < end && goSpace.test(text[start])) start++;
  while (end > start && goSpace.test(text[end - 1])) end--;
  return [start, end];
}

/**
 * releaseutil.SplitManifests as ranges: the whole text trimmed, split at
 * `(?:^|\s*\n)---\s*`, each piece trimmed, empty pieces dropped.
 */
export function splitManifestRanges(text: string): [number, number][] {
  const [start, end] = trimSpaceRange(text);
  const body = text.slice(start, end);
  const separator = /(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*/g;
  const ranges: [number, number][] = [];
  let pieceStart = 0;
  for (let match = separator.exec(body); match; match = separator.exec(body)) {
    if (match[0].length === 0) {
      separator.lastIndex++;
      continue;
    }
    ranges.push([pieceStart, match.index]);
    pieceStart = match.index + match[0].length;
  }
  ranges.push([pieceStart, body.length]);
  const out: [number, number][] = [];
  for (const [from, to] of ranges) {
    if (from === to) continue;
    out.push(trimSpaceRange(text, start + from, start + to));
  }
  return out;
}

/** releaseutil.SimpleHead: what Helm reads of each document before sorting it. */
export interface SimpleHead {
  apiVersion: string;
  kind: string;
  name: string;
  annotations?: Record<string, string>;
}

function scalarString(value: HelmValue | undefined): string {
  if (!value || value.kind !== 'scalar' || value.value === null) return '';
  return typeof value.value === 'string' ? value.value : String(value.value);
}

/** Reads a document's head as sigs.k8s.io/yaml into SimpleHead would; an error is Helm's message without its prefix. */
export function readSimpleHead(document: string): { head: SimpleHead; error?: string } {
  const head: SimpleHead = { apiVersion: '', kind: '', name: '' };
  const decoded = decodeYamlShared(document, '');
  if (decoded.error) return { head, error: decoded.error.message };
  const value = decoded.value;
  if (value === undefined) return { head };
  if (value.kind !== 'map') {
    return {
      head,
      error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(value)} into Go value of type releaseutil.SimpleHead`,
    };
  }
  const fieldError = (field: string, found: HelmValue, type: string): string =>
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(found)} into Go struct field SimpleHead.${field} of type ${type}`;
  for (const [key, field] of value.entries) {
    const lower = key.toLowerCase();
    if (lower === 'apiversion' || lower === 'kind') {
      if (field.kind !== 'scalar') return { head, error: fieldError(lower === 'kind' ? 'kind' : 'apiVersion', field, 'string') };
      if (lower === 'kind') head.kind = scalarString(field);
      else head.apiVersion = scalarString(field);
    } else if (lower === 'metadata') {
      if (isNil(field)) continue;
      if (field.kind !== 'map')
        return {
          head,
          error: fieldError('metadata', field, 'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }'),
        };
      for (const [metaKey, metaField] of field.entries) {
        const metaLower = metaKey.toLowerCase();
        if (metaLower === 'name') {
          if (metaField.kind !== 'scalar') return { head, error: fieldError('metadata.name', metaField, 'string') };
          head.name = scalarString(metaField);
        } else if (metaLower === 'annotations') {
          if (isNil(metaField)) continue;
          if (metaField.kind !== 'map') return { head, error: fieldError('metadata.annotations', metaField, 'map[string]string') };
          head.annotations = {};
          for (const [annotation, annotationValue] of (metaField as HelmMap).entries) {
            if (annotationValue.kind !== 'scalar') return { head, error: fieldError('metadata.annotations', annotationValue, 'string') };
            head.annotations[annotation] = scalarString(annotationValue);
          }
        }
      }
    }
  }
  return { head };
}

function jsonKind(value: HelmValue): string {
  if (value.kind === 'map') return 'object';
  if (value.kind === 'list') return 'array';
  const v = value.value;
  return typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
}

/** One document of one rendered template. */
export interface Manifest {
  /** The template's name, `CHART/templates/FILE`. */
  name: string;
  content: MappedString;
  head: SimpleHead;
  /** For hooks: the events (`test` for test hooks). */
  events?: string[];
}

export interface SortResult {
  hooks: Manifest[];
  generic: Manifest[];
  /** `YAML parse error on NAME: …` for documents Helm cannot read (the document is still kept as a plain manifest). */
  errors: { template: string; message: string; content: MappedString }[];
}

function kindRank(kind: string): number {
  const index = installOrder.indexOf(kind);
  return index < 0 ? -1 : index;
}

/** releaseutil's lessByKind as a comparator (the sorts are stable). */
function compareByKind(a: string, b: string): number {
  const first = kindRank(a);
  const second = kindRank(b);
  if (first < 0 && second < 0) return a === b ? 0 : a < b ? -1 : 1;
  if (first < 0) return 1;
  if (second < 0) return -1;
  return first - second;
}

/** releaseutil.SortManifests with InstallOrder: files in name order, documents in file order, then a stable sort by kind. */
export function sortManifests(files: ReadonlyMap<string, MappedString>): SortResult {
  const result: SortResult = { hooks: [], generic: [], errors: [] };
  const names = [...files.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const name of names) {
    const content = files.get(name) as MappedString;
    if (name.slice(name.lastIndexOf('/') + 1).startsWith('_')) continue;
    const [trimStart, trimEnd] = trimSpaceRange(content.text);
    if (trimStart === trimEnd) continue;
    for (const [start, end] of splitManifestRanges(content.text)) {
      const piece = sliceMapped(content, start, end);
      const { head, error } = readSimpleHead(piece.text);
      if (error) {
        result.errors.push({ template: name, message: `YAML parse error on ${name}: ${error}`, content: piece });
        result.generic.push({ name, content: piece, head });
        continue;
      }
      const annotations = head.annotations;
      const hookTypes = annotations && Object.keys(annotations).length > 0 ? annotations['helm.sh/hook'] : undefined;
      if (hookTypes === undefined) {
        result.generic.push({ name, content: piece, head });
        continue;
      }
      const events: string[] = [];
      let unknown = false;
      for (const hookType of hookTypes.split(',')) {
        const event = hookEvents[hookType.trim().toLowerCase()];
        if (!event) {
          unknown = true;
          break;
        }
        events.push(event);
      }
      if (unknown) continue;
      result.hooks.push({ name, content: piece, head, events });
    }
  }
  const byKind = (a: Manifest, b: Manifest): number => compareByKind(a.head.kind, b.head.kind);
  result.generic.sort(byKind);
  result.hooks.sort(byKind);
  return result;
}

/** A document of the output: where its text is and which template wrote it. */
export interface OutputDocument {
  /** `CHART/templates/FILE` (or `CHART/crds/FILE`), as the `# Source:` line says. */
  source: string;
  /** Offsets of the document's text in the output (after its `# Source:` line). */
  start: number;
  end: number;
  kind: string;
  name: string;
  /** Hook events, for hooks. */
  hook?: string[];
}

export interface OutputFile {
  /** Path as `--output-dir` writes it, e.g. `CHART/templates/deployment.yaml`. */
  path: string;
  output: MappedString;
}

export interface AssembledOutput {
  output: MappedString;
  documents: OutputDocument[];
  /** The `--output-dir` layout: one file per template, in the order Helm first writes them. */
  files: OutputFile[];
  /** `could not find template X in chart` for `--show-only` patterns that match nothing. */
  errors: string[];
}

export interface AssembleOptions {
  includeCrds: boolean;
  skipTests: boolean;
  noHooks: boolean;
  showOnly: string[];
}

interface Piece {
  source: string;
  content: MappedString;
  kind: string;
  name: string;
  hook?: string[];
}

/** Lays out `helm template`'s standard output (and the `--output-dir` grouping) from the sorted manifests and CRDs. */
export function assembleOutput(sorted: SortResult, crds: { filename: string; content: MappedString }[], options: AssembleOptions): AssembledOutput {
  const pieces: Piece[] = [];
  if (options.includeCrds) for (const crd of crds) pieces.push({ source: crd.filename, content: crd.content, kind: 'CustomResourceDefinition', name: '' });
  for (const manifest of sorted.generic) pieces.push({ source: manifest.name, content: manifest.content, kind: manifest.head.kind, name: manifest.head.name });
  const hooks: Piece[] = [];
  if (!options.noHooks) {
    for (const hook of sorted.hooks) {
      if (options.skipTests && hook.events?.includes('test')) continue;
      hooks.push({ source: hook.name, content: hook.content, kind: hook.head.kind, name: hook.head.name, hook: hook.events });
    }
  }

  const files = new Map<string, MappedBuilder>();
  for (const piece of [...pieces, ...hooks]) {
    let builder = files.get(piece.source);
    if (!builder) {
      builder = new MappedBuilder();
      files.set(piece.source, builder);
    }
    builder.add(`---\n# Source: ${piece.source}\n`).addMapped(piece.content).add('\n');
  }
  const outputFiles = [...files].map(([path, builder]) => ({ path, output: builder.build() }));

  const builder = new MappedBuilder();
  const documents: OutputDocument[] = [];
  const place = (piece: Piece): void => {
    builder.add(`---\n# Source: ${piece.source}\n`);
    const start = builder.size;
    builder.addMapped(piece.content);
    documents.push({ source: piece.source, start, end: builder.size, kind: piece.kind, name: piece.name, ...(piece.hook ? { hook: piece.hook } : {}) });
  };
  if (options.showOnly.length === 0) {
    // rel.Manifest, trimmed, then a newline: the hooks follow.
    pieces.forEach((piece, i) => {
      place(piece);
      if (i < pieces.length - 1) builder.add('\n');
    });
    builder.add('\n');
    for (const hook of hooks) {
      place(hook);
      builder.add('\n');
    }
    return { output: builder.build(), documents, files: outputFiles, errors: [] };
  }

  // --show-only: every document whose `# Source: CHART/PATH` matches, for each pattern in turn.
  const errors: string[] = [];
  const all = [...pieces, ...hooks];
  for (const pattern of options.showOnly) {
    let missing = true;
    for (const piece of all) {
      const slash = piece.source.indexOf('/');
      const path = slash < 0 ? '' : piece.source.slice(slash + 1);
      if (slash <= 0 || !goPathMatch(pattern, path)) continue;
      missing = false;
      builder.add(`---\n# Source: ${piece.source}\n`);
      const [start, end] = trimSpaceRange(piece.content.text);
      const begin = builder.size;
      builder.addMapped(sliceMapped(piece.content, start, end));
      documents.push({
        source: piece.source,
        start: begin,
        end: builder.size,
        kind: piece.kind,
        name: piece.name,
        ...(piece.hook ? { hook: piece.hook } : {}),
      });
      builder.add('\n');
    }
    if (missing) errors.push(`could not find template ${pattern} in chart`);
  }
  return { output: builder.build(), documents, files: outputFiles, errors };
}
