/**
 * One object of the build and its identity as kustomize tracks it: the
 * current group/version/kind/name/namespace, every earlier identity it had
 * (what patches and name references match), and the name prefixes and
 * suffixes applied to it.
 */
import { emptyMap, getEntry, getField, getString, isNull, type KMap, type KNode, type KScalar, type Origin, scalar, setField } from './model';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface ResId extends Gvk {
  name: string;
  namespace: string;
}

/** A file that defines or changes an object, for the editor's CodeLens. */
export interface ObjectOrigin {
  file: string;
  role: 'resource' | 'patch' | 'generator' | 'transformer';
  start: number;
  end: number;
}

/** Kinds the embedded schema knows as cluster-scoped (kustomize's precomputed list), with their API groups. */
const CLUSTER_SCOPED: Record<string, string[]> = {
  APIService: ['apiregistration.k8s.io'],
  CSIDriver: ['storage.k8s.io'],
  CSINode: ['storage.k8s.io'],
  CertificateSigningRequest: ['certificates.k8s.io'],
  ClusterRole: ['rbac.authorization.k8s.io'],
  ClusterRoleBinding: ['rbac.authorization.k8s.io'],
  ComponentStatus: [''],
  CustomResourceDefinition: ['apiextensions.k8s.io'],
  FlowSchema: ['flowcontrol.apiserver.k8s.io'],
  IngressClass: ['networking.k8s.io'],
  MutatingWebhookConfiguration: ['admissionregistration.k8s.io'],
  Namespace: [''],
  Node: [''],
  NodeProxyOptions: [''],
  PersistentVolume: [''],
  PodSecurityPolicy: ['policy', 'extensions'],
  PriorityClass: ['scheduling.k8s.io'],
  PriorityLevelConfiguration: ['flowcontrol.apiserver.k8s.io'],
  RuntimeClass: ['node.k8s.io'],
  StorageClass: ['storage.k8s.io'],
  ValidatingWebhookConfiguration: ['admissionregistration.k8s.io'],
  VolumeAttachment: ['storage.k8s.io'],
};

/** Whether objects of this kind have no namespace; a kind of another API group (a CRD named Namespace) has one. */
export function isClusterScoped(kind: string, group?: string): boolean {
  const groups = CLUSTER_SCOPED[kind];
  if (!groups) return false;
  return group === undefined || groups.includes(group);
}

export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  if (slash === -1) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id.kind, id.group)) return '_non_namespaceable_';
  return id.namespace === '' || id.namespace === 'default' ? 'default' : id.namespace;
}

export function gvkString(gvk: Gvk): string {
  return `${gvk.group || '~G'}_${gvk.version || '~V'}_${gvk.kind || '~K'}`;
}

/** kustomize's ResId.String(): `Kind.version.group/name.namespace`. */
export function idString(id: ResId): string {
  return `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

export function idEquals(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** Gvk.IsSelected: empty selector fields match anything. */
export function gvkSelected(gvk: Gvk, selector: Partial<Gvk>): boolean {
  if (selector.group && gvk.group !== selector.group) return false;
  if (selector.version && gvk.version !== selector.version) return false;
  if (selector.kind && gvk.kind !== selector.kind) return false;
  return true;
}

let nextSerial = 0;

export class Resource {
  readonly serial = nextSerial++;
  prevIds: ResId[] = [];
  prefixes: string[] = [];
  suffixes: string[] = [];
  origins: ObjectOrigin[] = [];
  /** Generated ConfigMaps and Secrets get a content hash suffix unless disabled. */
  needsHash = false;
  /** A generator's behavior toward an object of the same name from a base. */
  behavior: 'create' | 'merge' | 'replace' | '' = '';
  /** Where the generator that produced this object is written (the hash suffix maps there). */
  generatorOrigin?: Origin;
  /** Set when the object was emptied by a `$patch: delete`. */
  deleted = false;
  refBy: ResId[] = [];
  constructor(public node: KMap) {}

  get apiVersion(): string {
    return getString(this.node, ['apiVersion']) ?? '';
  }

  get kind(): string {
    return getString(this.node, ['kind']) ?? '';
  }

  get name(): string {
    return getString(this.node, ['metadata', 'name']) ?? '';
  }

  get namespace(): string {
    return getString(this.node, ['metadata', 'namespace']) ?? '';
  }

  gvk(): Gvk {
    const { group, version } = parseApiVersion(this.apiVersion);
    return { group, version, kind: this.kind };
  }

  /** Read in one pass over the tree: patches and the duplicate check ask for it for every object, often. */
  curId(): ResId {
    const node = this.node;
    const { group, version } = parseApiVersion(scalarText(getField(node, 'apiVersion')));
    const metadata = getField(node, 'metadata');
    const isMap = metadata !== undefined && metadata.kind === 'map';
    return {
      group,
      version,
      kind: scalarText(getField(node, 'kind')),
      name: isMap ? scalarText(getField(metadata, 'name')) : '',
      namespace: isMap ? scalarText(getField(metadata, 'namespace')) : '',
    };
  }

  orgId(): ResId {
    return this.prevIds[0] ?? this.curId();
  }

  /** Remembers the current identity before a transformer renames or moves the object. */
  storePreviousId(): void {
    const id = this.curId();
    this.prevIds.push({ ...id, namespace: effectiveNamespace(id) === '_non_namespaceable_' ? '_non_namespaceable_' : effectiveNamespace(id) });
  }

  metadata(create: boolean): KMap | undefined {
    const metadata = getField(this.node, 'metadata');
    if (metadata && metadata.kind === 'map') return metadata;
    if (!create) return undefined;
    const map = emptyMap();
    setField(this.node, 'metadata', map);
    return map;
  }

  nameNode(): KScalar | undefined {
    const metadata = this.metadata(false);
    const node = metadata ? getField(metadata, 'name') : undefined;
    return node && node.kind === 'scalar' ? node : undefined;
  }

  setName(value: KScalar): void {
    const metadata = this.metadata(true)!;
    const entry = getEntry(metadata, 'name');
    if (entry) entry.value = value;
    else metadata.entries.push({ key: scalar('name'), value });
  }

  stringMap(field: 'labels' | 'annotations'): Record<string, string> {
    const metadata = this.metadata(false);
    const node = metadata ? getField(metadata, field) : undefined;
    const out: Record<string, string> = {};
    if (node && node.kind === 'map') for (const e of node.entries) out[e.key.value] = e.value.kind === 'scalar' && !isNull(e.value) ? e.value.value : '';
    return out;
  }

  addOrigin(origin: ObjectOrigin): void {
    if (!this.origins.some((o) => o.file === origin.file && o.role === origin.role && o.start === origin.start)) this.origins.push(origin);
  }

  copy(): Resource {
    const copy = new Resource(cloneMap(this.node));
    copy.prevIds = this.prevIds.map((id) => ({ ...id }));
    copy.prefixes = [...this.prefixes];
    copy.suffixes = [...this.suffixes];
    copy.origins = [...this.origins];
    copy.needsHash = this.needsHash;
    copy.behavior = this.behavior;
    copy.generatorOrigin = this.generatorOrigin;
    copy.refBy = [...this.refBy];
    return copy;
  }
}

/** A scalar's text as `getString` reads it; '' for anything else. */
function scalarText(node: KNode | undefined): string {
  return node !== undefined && node.kind === 'scalar' && node.tag !== 'null' ? node.value : '';
}

/** A key equal for two identities exactly when `idEquals` holds. */
export function idKey(id: ResId): string {
  return `${id.group}\u0000${id.version}\u0000${id.kind}\u0000${id.name}\u0000${effectiveNamespace(id)}`;
}

function cloneMap(map: KMap): KMap {
  return cloneNode(map) as KMap;
}

function cloneNode(node: KNode): KNode {
  switch (node.kind) {
    case 'scalar':
      return { ...node, pieces: node.pieces?.map((p) => ({ ...p })) };
    case 'map':
      return { kind: 'map', entries: node.entries.map((e) => ({ key: { ...e.key }, value: cloneNode(e.value) })), origin: node.origin };
    case 'seq':
      return { kind: 'seq', items: node.items.map(cloneNode), origin: node.origin };
  }
}

/** kustomize's label selector (k8s.io/apimachinery labels.Parse) over a map of labels; undefined for a syntax error. */
export function matchesSelector(selector: string, labels: Record<string, string>): boolean | undefined {
  const text = selector.trim();
  if (text === '') return true;
  const requirements = splitRequirements(text);
  for (const requirement of requirements) {
    const r = requirement.trim();
    let match: RegExpExecArray | null;
    if ((match = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(r))) {
      const values = match[3].split(',').map((v) => v.trim());
      const has = match[1] in labels && values.includes(labels[match[1]]);
      if (match[2] === 'in' ? !has : has) return false;
    } else if ((match = /^([^\s!=()]+)\s*!=\s*(\S*)$/.exec(r))) {
      if (labels[match[1]] === match[2]) return false;
    } else if ((match = /^([^\s!=()]+)\s*==?\s*(\S*)$/.exec(r))) {
      if (labels[match[1]] !== match[2]) return false;
    } else if ((match = /^!([^\s!=()]+)$/.exec(r))) {
      if (match[1] in labels) return false;
    } else if ((match = /^([^\s!=()]+)$/.exec(r))) {
      if (!(match[1] in labels)) return false;
    } else return undefined;
  }
  return true;
}

function splitRequirements(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}
