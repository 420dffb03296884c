/**
 * The Go objects a chart's templates see besides `.Values`: `.Chart`,
 * `.Capabilities`, `.Files` (with its methods), `.Release`, `.Template`, as
 * Helm 3 builds them (types, field names, methods).
 */
import { GoError, traced } from '../template/funcs';
import { type MappedString, type Origin } from '../template/origin';
import { anyMap, type GoMethod, type GoType, mapOf, namedType, pointerTo, sliceOf, structType, types } from '../template/types';
import {
  goInt,
  goMap,
  goPointer,
  goSlice,
  goStruct,
  GoMap,
  type GoMapEntry,
  type GoObject,
  GoPointer,
  GoScalar,
  GoSlice,
  GoStruct,
  type GoValue,
  isPlainObject,
  mapKey,
  typedView,
  withType,
} from '../template/values';
import { type ChartFile, type ChartMetadata, decodeText } from './chart';
import { compileGobwasGlob } from './glob';
import { goQuote } from './functions';
import { encodeYaml, type JsonNode, jsonFieldNames, toJsonNode } from './go-encoding';

function method(params: GoType[], results: GoType[], call: GoMethod['call'], pointerReceiver = false): GoMethod {
  return { signature: { params, results }, call, pointerReceiver };
}

/** `chartutil.Values`: the named map type of `.Values` and `.Template`, with its methods. */
export const valuesType: GoType = namedType('chartutil.Values', mapOf(types.string, types.any), {});

function valuesTable(receiver: GoValue, name: string): GoObject {
  let table: GoObject = isPlainObject(receiver) ? receiver : (Object.create(null) as GoObject);
  for (const part of name.split('.')) {
    const next = table[part];
    if (!isPlainObject(next)) throw new GoError(`${goQuote(part)} is not a table`);
    table = next;
  }
  return table === receiver ? table : typedView(table, valuesType);
}

const valuesMethods: Record<string, GoMethod> = {
  YAML: method([], [types.string, types.error], (receiver, _args, context) => {
    try {
      return encodeYaml(toJsonNode(receiver, undefined, context.locations)).text;
    } catch (error) {
      throw new GoError((error as Error).message);
    }
  }),
  // map[string]interface{}(v): the same entries, no longer of the named type.
  AsMap: method([], [mapOf(types.string, types.any)], (receiver) =>
    isPlainObject(receiver) && Object.keys(receiver).length > 0 ? typedView(receiver, anyMap) : (Object.create(null) as GoObject),
  ),
  Table: method([types.string], [valuesType, types.error], (receiver, [name]) => valuesTable(receiver, name as string)),
  PathValue: method([types.string], [types.any, types.error], (receiver, [path]) => {
    if (path === '') throw new GoError('YAML path cannot be empty');
    const parts = (path as string).split('.');
    const key = parts.pop() as string;
    let holder: GoValue = receiver;
    if (parts.length > 0) {
      try {
        holder = valuesTable(receiver, parts.join('.'));
      } catch {
        throw new GoError(`${goQuote(key)} is not a value`);
      }
    }
    const value = isPlainObject(holder) ? holder[key] : undefined;
    if (value === undefined || isPlainObject(value)) throw new GoError(`${goQuote(key)} is not a value`);
    return value;
  }),
};
for (const [name, definition] of Object.entries(valuesMethods)) (valuesType.methods as Map<string, GoMethod>).set(name, definition);

const byteSlice = sliceOf(types.uint8);

// .Capabilities

const kubeVersionType = structType(
  'chartutil.KubeVersion',
  [
    { name: 'Version', type: types.string },
    { name: 'Major', type: types.string },
    { name: 'Minor', type: types.string },
  ],
  {
    String: method([], [types.string], (receiver) => kubeVersionField(receiver), true),
    GitVersion: method([], [types.string], (receiver) => kubeVersionField(receiver), true),
  },
);

function kubeVersionField(receiver: GoValue): string {
  const struct = receiver instanceof GoPointer ? receiver.target : receiver;
  return struct instanceof GoStruct ? String(struct.fields.Version) : '';
}

const versionSetType = namedType('chartutil.VersionSet', sliceOf(types.string), {
  Has: method([types.string], [types.bool], (receiver, [apiVersion]) => {
    const items = receiver instanceof GoSlice ? (receiver.items ?? []) : Array.isArray(receiver) ? receiver : [];
    return items.includes(apiVersion as string);
  }),
});

const buildInfoType = structType('version.BuildInfo', [
  { name: 'Version', type: types.string },
  { name: 'GitCommit', type: types.string },
  { name: 'GitTreeState', type: types.string },
  { name: 'GoVersion', type: types.string },
]);
jsonFieldNames.set(buildInfoType, {
  Version: ['version', true],
  GitCommit: ['git_commit', true],
  GitTreeState: ['git_tree_state', true],
  GoVersion: ['go_version', true],
});

const capabilitiesType = structType('chartutil.Capabilities', [
  { name: 'KubeVersion', type: kubeVersionType },
  { name: 'APIVersions', type: versionSetType },
  { name: 'HelmVersion', type: buildInfoType },
]);

/** The Helm release whose behaviour this renderer reproduces. */
export const helmBuildInfo = { Version: 'v3.21.4', GitCommit: '813176c51bb5c181dbbd7901298ddcc104cd3417', GitTreeState: 'clean', GoVersion: 'go1.26.2' };

export interface KubeVersion {
  version: string;
  major: string;
  minor: string;
}

/**
 * chartutil.ParseKubeVersion (k8s.io/apimachinery's ParseGeneric): `1.29`,
 * `v1.16.0`, `1.30.2-eks`; at least two numeric components, no leading zero
 * in the major one. Undefined and Helm's reason when it does not parse.
 */
export function parseKubeVersion(text: string): { version: KubeVersion } | { error: string } {
  const match = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/s.exec(text);
  if (!match) return { error: `could not parse "${text}" as version` };
  const components = match[1].split('.');
  if (components.length < 2) return { error: `illegal version string "${text}"` };
  if (components[0].startsWith('0') && components[0] !== '0') return { error: `illegal zero-prefixed version component "${components[0]}" in "${text}"` };
  const numbers = components.map((component) => BigInt(component));
  if (numbers.some((n) => n > 0xffffffffffffffffn)) return { error: `illegal version string "${text}"` };
  return { version: { version: 'v' + numbers.join('.'), major: numbers[0].toString(), minor: numbers[1].toString() } };
}

/** The group/versions client-go v0.36's scheme knows (chartutil.DefaultVersionSet), in the order it registers them. */
export const defaultApiVersions = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha2',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

/** `.Capabilities`: a pointer to chartutil.Capabilities. */
export function capabilitiesObject(kube: KubeVersion, apiVersions: string[]): GoValue {
  const kubeVersion = goStruct(kubeVersionType, { Version: kube.version, Major: kube.major, Minor: kube.minor });
  const caps = goStruct(capabilitiesType, {
    KubeVersion: kubeVersion,
    APIVersions: new GoSlice(versionSetType, apiVersions),
    HelmVersion: goStruct(buildInfoType, helmBuildInfo),
  });
  return goPointer(caps);
}

// .Chart

const maintainerType = structType('chart.Maintainer', [
  { name: 'Name', type: types.string },
  { name: 'Email', type: types.string },
  { name: 'URL', type: types.string },
]);
jsonFieldNames.set(maintainerType, { Name: ['name', true], Email: ['email', true], URL: ['url', true] });

const dependencyType = structType('chart.Dependency', [
  { name: 'Name', type: types.string },
  { name: 'Version', type: types.string },
  { name: 'Repository', type: types.string },
  { name: 'Condition', type: types.string },
  { name: 'Tags', type: sliceOf(types.string) },
  { name: 'Enabled', type: types.bool },
  { name: 'ImportValues', type: sliceOf(types.any) },
  { name: 'Alias', type: types.string },
]);
jsonFieldNames.set(dependencyType, {
  Name: ['name', false],
  Version: ['version', true],
  Repository: ['repository', false],
  Condition: ['condition', true],
  Tags: ['tags', true],
  Enabled: ['enabled', true],
  ImportValues: ['import-values', true],
  Alias: ['alias', true],
});

const metadataFields = [
  { name: 'Name', type: types.string },
  { name: 'Home', type: types.string },
  { name: 'Sources', type: sliceOf(types.string) },
  { name: 'Version', type: types.string },
  { name: 'Description', type: types.string },
  { name: 'Keywords', type: sliceOf(types.string) },
  { name: 'Maintainers', type: sliceOf(pointerTo(maintainerType)) },
  { name: 'Icon', type: types.string },
  { name: 'APIVersion', type: types.string },
  { name: 'Condition', type: types.string },
  { name: 'Tags', type: types.string },
  { name: 'AppVersion', type: types.string },
  { name: 'Deprecated', type: types.bool },
  { name: 'Annotations', type: mapOf(types.string, types.string) },
  { name: 'KubeVersion', type: types.string },
  { name: 'Dependencies', type: sliceOf(pointerTo(dependencyType)) },
  { name: 'Type', type: types.string },
];

/** Helm 3's `struct { chart.Metadata; IsRoot bool }`, the embedded fields promoted. */
const chartType = structType('', [...metadataFields, { name: 'IsRoot', type: types.bool }]);
jsonFieldNames.set(chartType, {
  Name: ['name', true],
  Home: ['home', true],
  Sources: ['sources', true],
  Version: ['version', true],
  Description: ['description', true],
  Keywords: ['keywords', true],
  Maintainers: ['maintainers', true],
  Icon: ['icon', true],
  APIVersion: ['apiVersion', true],
  Condition: ['condition', true],
  Tags: ['tags', true],
  AppVersion: ['appVersion', true],
  Deprecated: ['deprecated', true],
  Annotations: ['annotations', true],
  KubeVersion: ['kubeVersion', true],
  Dependencies: ['dependencies', true],
  Type: ['type', true],
  IsRoot: ['IsRoot', false],
});

function strings(items: string[]): GoSlice {
  return goSlice(types.string, items.length > 0 ? items : null);
}

/** `.Chart` of a chart. */
export function chartObject(metadata: ChartMetadata, isRoot: boolean, importValue: (value: unknown) => GoValue): GoValue {
  return goStruct(chartType, {
    Name: metadata.name,
    Home: metadata.home,
    Sources: strings(metadata.sources),
    Version: metadata.version,
    Description: metadata.description,
    Keywords: strings(metadata.keywords),
    Maintainers: goSlice(
      pointerTo(maintainerType),
      metadata.maintainers.length > 0
        ? metadata.maintainers.map((m) => goPointer(goStruct(maintainerType, { Name: m.name, Email: m.email, URL: m.url })))
        : null,
    ),
    Icon: metadata.icon,
    APIVersion: metadata.apiVersion,
    Condition: metadata.condition,
    Tags: metadata.tags,
    AppVersion: metadata.appVersion,
    Deprecated: metadata.deprecated,
    Annotations: goMap(types.string, types.string, Object.keys(metadata.annotations).length > 0 ? Object.entries(metadata.annotations) : null),
    KubeVersion: metadata.kubeVersion,
    Dependencies: goSlice(
      pointerTo(dependencyType),
      metadata.dependencies.length > 0
        ? metadata.dependencies.map((d) =>
            goPointer(
              goStruct(dependencyType, {
                Name: d.name,
                Version: d.version,
                Repository: d.repository,
                Condition: d.condition,
                Tags: strings(d.tags),
                Enabled: d.enabled,
                ImportValues: goSlice(types.any, d.importValues.length > 0 ? d.importValues.map(importValue) : null),
                Alias: d.alias,
              }),
            ),
          )
        : null,
    ),
    Type: metadata.type,
    IsRoot: isRoot,
  });
}

// .Files

/** `engine.files`: map[string][]byte with Helm's methods (added below: Glob returns the type itself). */
export const filesType: GoType = namedType('engine.files', mapOf(types.string, byteSlice), {});
function addFilesMethod(name: string, definition: GoMethod): void {
  (filesType.methods as Map<string, GoMethod>).set(name, definition);
}

const chartFilesOf = new WeakMap<object, ChartFile[]>();

function bytesValue(data: Uint8Array): GoSlice {
  return goSlice(
    types.uint8,
    Array.from(data, (byte) => new GoScalar(types.uint8, BigInt(byte))),
  );
}

/** Map entries built on first use: a chart's other files can be many and large, most templates read none. */
class LazyFileEntries implements ReadonlyMap<string, GoMapEntry> {
  private readonly built = new Map<string, GoMapEntry>();
  private readonly byKey = new Map<string, ChartFile>();

  constructor(files: ChartFile[]) {
    for (const file of files) this.byKey.set(mapKey(file.name), file);
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): GoMapEntry | undefined {
    const cached = this.built.get(key);
    if (cached) return cached;
    const file = this.byKey.get(key);
    if (!file) return undefined;
    const entry = { key: file.name, value: bytesValue(file.data) };
    this.built.set(key, entry);
    return entry;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  *keys(): MapIterator<string> {
    yield* this.byKey.keys();
  }

  *values(): MapIterator<GoMapEntry> {
    for (const key of this.byKey.keys()) yield this.get(key) as GoMapEntry;
  }

  *entries(): MapIterator<[string, GoMapEntry]> {
    for (const key of this.byKey.keys()) yield [key, this.get(key) as GoMapEntry];
  }

  [Symbol.iterator](): MapIterator<[string, GoMapEntry]> {
    return this.entries();
  }

  forEach(callback: (value: GoMapEntry, key: string, map: ReadonlyMap<string, GoMapEntry>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** `.Files` of a chart: its files that are not templates, values, Chart.yaml or subcharts. */
export function filesObject(files: ChartFile[]): GoMap {
  const entries = new LazyFileEntries(files);
  chartFilesOf.set(entries, files);
  return new GoMap(filesType, entries);
}

// Keyed by the entries, which a copy of the map (`deepCopy .`) shares: nothing can change them.
function receiverFiles(receiver: GoValue): ChartFile[] {
  return (receiver instanceof GoMap && receiver.entries ? chartFilesOf.get(receiver.entries) : undefined) ?? [];
}

function fileOrigin(file: ChartFile, text: string): Origin {
  return { file: file.sourcePath, start: 0, end: text.length, origin: 'text' };
}

addFilesMethod(
  'Get',
  method([types.string], [types.string], (receiver, [name]) => {
    const file = receiverFiles(receiver).find((f) => f.name === name);
    if (!file) return '';
    const text = decodeText(file.data);
    return traced(text, fileOrigin(file, text));
  }),
);

addFilesMethod(
  'GetBytes',
  method([types.string], [byteSlice], (receiver, [name]) => {
    const file = receiverFiles(receiver).find((f) => f.name === name);
    return bytesValue(file ? file.data : new Uint8Array());
  }),
);

addFilesMethod(
  'Glob',
  method([types.string], [filesType], (receiver, [pattern]) => {
    const regex = compileGobwasGlob(pattern as string) ?? /^.*$/s;
    return filesObject(receiverFiles(receiver).filter((file) => regex.test(file.name)));
  }),
);

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function filesAsYaml(receiver: GoValue, encode: (file: ChartFile) => { text: string; origin?: Origin }): MappedString | string {
  const files = receiverFiles(receiver);
  if (files.length === 0) return '{}';
  const entries = new Map<string, { text: string; origin?: Origin }>();
  for (const file of files) entries.set(baseName(file.name), encode(file));
  const mapNode: JsonNode = { type: 'map', entries: [...entries].map(([key, value]) => [key, { type: 'string', value: value.text, origin: value.origin }]) };
  const encoded = encodeYaml(mapNode);
  const text = encoded.text.replace(/\n$/, '');
  return { text, segments: encoded.segments.filter((s) => s.outStart < text.length).map((s) => ({ ...s, outEnd: Math.min(s.outEnd, text.length) })) };
}

addFilesMethod(
  'AsConfig',
  method([], [types.string], (receiver) => {
    const result = filesAsYaml(receiver, (file) => {
      const text = decodeText(file.data);
      return { text, origin: fileOrigin(file, text) };
    });
    return typeof result === 'string' ? result : traced(result.text, result.segments);
  }),
);

addFilesMethod(
  'AsSecrets',
  method([], [types.string], (receiver) => {
    const result = filesAsYaml(receiver, (file) => ({ text: Buffer.from(file.data).toString('base64') }));
    return typeof result === 'string' ? result : traced(result.text, result.segments);
  }),
);

addFilesMethod(
  'Lines',
  method([types.string], [sliceOf(types.string)], (receiver, [path]) => {
    const file = receiverFiles(receiver).find((f) => f.name === path);
    if (!file || file.data.length === 0) return goSlice(types.string, []);
    let text = decodeText(file.data);
    if (text.endsWith('\n')) text = text.slice(0, -1);
    return goSlice(types.string, text.split('\n'));
  }),
);

/** `.Release`. */
export function releaseObject(name: string, namespace: string, isUpgrade: boolean): GoObject {
  const release: GoObject = Object.create(null);
  release.Name = name;
  release.Namespace = namespace;
  release.IsUpgrade = isUpgrade;
  release.IsInstall = !isUpgrade;
  release.Revision = goInt(1);
  release.Service = 'Helm';
  return release;
}

/** `.Template`. */
export function templateObject(name: string, basePath: string): GoObject {
  const template: GoObject = Object.create(null);
  template.Name = name;
  template.BasePath = basePath;
  return withType(template, valuesType);
}
