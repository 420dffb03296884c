/**
 * `kustomize build` (as kubectl v1.32's `kubectl kustomize`, kustomize v5.5.0):
 * resources, components, generators, the built-in transformers in kustomize's
 * order, hash suffixes, name references, vars, legacy output order; the
 * output text comes with a source map from every scalar to the base or patch
 * line that set it last.
 */
import type { ReadonlyFileSystem } from '../files';
import { normalizePath } from '../files';
import type { SourceMap } from '../source-map';
import { emitStream } from './emit';
import { helmChartArgs, inflateChart } from './helm';
import { BuildError, type KustomizeDiagnostic, type Place, wrap } from './errors';
import { FieldSpecError, setMapEntry, splitPath, walkFieldSpec } from './fieldspec';
import { hashOf } from './hash';
import { applyJsonPatch, JsonPatchError, readOperations, yaml11Value } from './json6902';
import { Kustomization, mapBool, mapString, originOf, readStringMap } from './kustomization';
import { basename, joinPath, KUSTOMIZATION_FILE_NAMES, Loader } from './loader';
import {
  clone,
  emptyMap,
  getEntry,
  getField,
  getPath,
  isNull,
  type KEntry,
  type KMap,
  type KNode,
  type KScalar,
  normalizeAsJson,
  type Origin,
  parseStream,
  type Piece,
  scalar,
  setField,
  toJS,
} from './model';
import { applyReplacements, bindVars, fixNameReferences, resolveVars, type Var } from './refs';
import {
  effectiveNamespace,
  gvkSelected,
  idEquals,
  idKey,
  idString,
  isClusterScoped,
  matchesSelector,
  type ObjectOrigin,
  parseApiVersion,
  Resource,
  type ResId,
} from './resource';
import { MergeError, strategicMerge } from './smp';
import { ConfigMergeError, CONFIG_KEYS, configFromLists, defaultConfig, emptyConfig, mergeConfig, mergeFieldSpecs, type TransformerConfig } from './config';
import type { FieldSpec, NameReferenceSpec } from './tables';

export type { KustomizeDiagnostic } from './errors';
export type { ObjectOrigin } from './resource';

/** One object of the built stream. */
export interface BuiltObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  /** The object's document in the output text: [start, end). */
  start: number;
  end: number;
  /** The files that define, generate or patch it, in the order they acted. */
  origins: ObjectOrigin[];
}

export interface BuildResult {
  /** The YAML stream `kubectl kustomize DIR` prints (empty when the build fails). */
  text: string;
  sourceMap: SourceMap;
  objects: BuiltObject[];
  /** Every file the build read (relative to the directory): what an editor should watch. */
  files: string[];
  errors: KustomizeDiagnostic[];
  warnings: KustomizeDiagnostic[];
}

/** Builds the kustomization in `dir` (an absolute path in `fs`). Never throws. */
export function buildKustomization(fs: ReadonlyFileSystem, dir: string): BuildResult {
  const root = normalizePath(dir);
  const build = new Build(fs, root);
  try {
    const resources = build.run();
    const emitted = emitStream(resources.map((r) => r.node));
    return {
      text: emitted.text,
      sourceMap: { segments: emitted.segments },
      objects: resources.map((r, i) => ({
        apiVersion: r.apiVersion,
        kind: r.kind,
        name: r.name,
        ...(r.namespace ? { namespace: r.namespace } : {}),
        start: emitted.documents[i].start,
        end: emitted.documents[i].end,
        origins: r.origins,
      })),
      files: [...build.filesRead],
      errors: [],
      warnings: build.warnings,
    };
  } catch (error) {
    const failure = error instanceof BuildError ? error : new BuildError(error instanceof Error ? error.message : String(error));
    return {
      text: '',
      sourceMap: { segments: [] },
      objects: [],
      files: [...build.filesRead],
      errors: [{ message: failure.message, severity: 'error', file: failure.place.file, start: failure.place.start, end: failure.place.end }],
      warnings: build.warnings,
    };
  }
}

/** What one kustomization directory contributes before its parent transforms it. */
class Accumulator {
  private list: Resource[] = [];
  /**
   * The identities of `list` while objects are only appended: a run of
   * appends checks each new object against a set, not against every object.
   * Anyone who takes the list may rename its objects, so taking it drops the set.
   */
  private ids: Set<string> | null = null;
  config: TransformerConfig = emptyConfig();
  vars: Var[] = [];

  get resources(): Resource[] {
    this.ids = null;
    return this.list;
  }

  set resources(resources: Resource[]) {
    this.ids = null;
    this.list = resources;
  }

  append(resource: Resource, place: Place): void {
    const id = resource.curId();
    const key = idKey(id);
    this.ids ??= new Set(this.list.map((r) => idKey(r.curId())));
    if (this.ids.has(key)) throw new BuildError(`may not add resource with an already registered id: ${idString(id)}`, place);
    this.list.push(resource);
    this.ids.add(key);
  }

  appendAll(other: Accumulator, place: Place): void {
    for (const r of other.resources) this.append(r, place);
  }
}

interface PluginConfig {
  node: KMap;
  file: string;
  place: Place;
}

const BUILTIN_GENERATOR_KINDS = new Set(['ConfigMapGenerator', 'SecretGenerator', 'HelmChartInflationGenerator', 'IAMPolicyGenerator']);

const BUILTIN_TRANSFORMER_KINDS = new Set([
  'AnnotationsTransformer',
  'HashTransformer',
  'ImageTagTransformer',
  'LabelTransformer',
  'NamespaceTransformer',
  'PatchJson6902Transformer',
  'PatchStrategicMergeTransformer',
  'PatchTransformer',
  'PrefixSuffixTransformer',
  'PrefixTransformer',
  'SuffixTransformer',
  'ReplicaCountTransformer',
  'ReplacementTransformer',
  'ValueAddTransformer',
]);

class Build {
  readonly loader: Loader;
  readonly warnings: KustomizeDiagnostic[] = [];
  readonly filesRead = new Set<string>();
  private readonly visiting: string[] = [];

  constructor(
    fs: ReadonlyFileSystem,
    readonly root: string,
  ) {
    this.loader = new Loader(fs, root);
  }

  run(): Resource[] {
    if (!this.loader.isDirectory(this.root)) {
      if (this.loader.readText(this.root) !== undefined) throw new BuildError('must build at directory: not a valid directory: ' + this.root);
      throw new BuildError(
        `must build at directory: not a valid directory: evalsymlink failure on '${this.root}' : lstat ${this.root}: no such file or directory`,
      );
    }
    // The directory built may be a Component: kustomize checks the kind only where a kustomization is included.
    const kustomization = this.readKustomization(this.root, { start: 0, end: 0 });
    const ra = this.accumulateTarget(kustomization, new Accumulator());
    // Hash suffixes, then name references, then vars, as makeCustomizedResMap does.
    for (const r of ra.resources) if (r.needsHash) this.addHash(r);
    fixNameReferences(ra.resources, ra.config.nameReference);
    resolveVars(ra.resources, ra.vars, ra.config.varReference);
    const sortOptions = kustomization.field('sortOptions');
    let ordered = ra.resources.filter((r) => !isLocalConfig(r));
    const order = sortOptions && sortOptions.kind === 'map' ? mapString(sortOptions, 'order') : 'legacy';
    if (order !== 'fifo') ordered = legacySort(ordered, sortOptions && sortOptions.kind === 'map' ? getField(sortOptions, 'legacySortOptions') : undefined);
    const managedBy = kustomization.strings('buildMetadata').find((entry) => entry.value === MANAGED_BY_OPTION);
    if (managedBy) {
      // kubectl's kustomize has no release version of its own: it names itself "(devel)".
      const origin = originOf(managedBy.node, 'computed');
      const label = { key: scalar(MANAGED_BY_LABEL, origin), value: scalar('kustomize-(devel)', origin) };
      const all = new Accumulator();
      all.resources = ordered;
      this.setEntries(all, [label], [{ path: 'metadata/labels', create: true }]);
    }
    for (const r of ordered) rewriteAnnotations(r, false, false);
    return ordered;
  }

  private readKustomization(dir: string, place: Place): Kustomization {
    const found: Array<{ name: string; text: string }> = [];
    for (const name of KUSTOMIZATION_FILE_NAMES) {
      const text = this.loader.readText(`${dir === '/' ? '' : dir}/${name}`);
      if (text !== undefined) found.push({ name, text });
    }
    if (found.length === 0) {
      throw new BuildError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`, place);
    }
    if (found.length > 1) throw new BuildError(`Found multiple kustomization files under: ${dir}\n`, place);
    const path = `${dir === '/' ? '' : dir}/${found[0].name}`;
    const file = this.loader.display(path);
    this.filesRead.add(file);
    // A kustomization may repeat a key (sigs.k8s.io/yaml keeps the last).
    const { nodes, error } = this.loader.documents(path, found[0].text, false);
    if (error) throw new BuildError(`invalid Kustomization: ${error.message}`, { file, start: error.start, end: error.end });
    const node = nodes[0];
    if (!node || isNull(node)) throw new BuildError('kustomization.yaml is empty', { file, start: 0, end: 0 });
    if (node.kind !== 'map')
      throw new BuildError('invalid Kustomization: json: cannot unmarshal string into Go value of type types.Kustomization', { file, start: 0, end: 0 });
    const k = new Kustomization(node, file, dir);
    k.validate();
    for (const name of ['patchesStrategicMerge', 'patchesJson6902', 'commonLabels', 'bases', 'vars', 'imageTags']) {
      if (k.field(name)) this.warnings.push(deprecation(k, name));
    }
    return k;
  }

  private checkKind(k: Kustomization, isComponent: boolean): void {
    if (isComponent && k.kind !== 'Component') {
      throw new BuildError(`expected kind 'Component' for path '${k.dir}' but got '${k.kind}'`, k.place(k.field('kind')));
    }
    if (!isComponent && k.kind === 'Component') throw new BuildError(`expected kind != 'Component' for path '${k.dir}'`, k.place(k.field('kind')));
  }

  private accumulateTarget(k: Kustomization, ra: Accumulator): Accumulator {
    if (this.visiting.includes(k.dir))
      throw new BuildError(`cycle detected: candidate root '${k.dir}' contains visited root '${this.visiting[this.visiting.length - 1]}'`, {
        file: k.file,
        start: 0,
        end: 0,
      });
    this.visiting.push(k.dir);
    try {
      const paths = [...k.strings('resources'), ...k.strings('bases')];
      for (const entry of paths) this.accumulateResource(k, ra, entry.value, k.place(entry.node));
      ra.config = this.mergeConfigInto(ra.config, this.transformerConfig(k), k.keyPlace('configurations'));
      if (k.field('crds')) {
        for (const entry of k.strings('crds')) this.loader.load(k.dir, entry.value, k.place(entry.node));
      }
      this.runGenerators(k, ra);
      for (const entry of k.strings('components')) this.accumulateComponent(k, ra, entry.value, k.place(entry.node));
      this.runTransformers(k, ra);
      for (const v of k.list('vars')) ra.vars.push(readVar(k, v));
      bindVars(ra.resources, ra.vars);
      const names = new Set<string>();
      for (const v of ra.vars) {
        if (names.has(v.name)) throw new BuildError(`var '${v.name}' already encountered`, v.place);
        names.add(v.name);
      }
      return ra;
    } finally {
      this.visiting.pop();
    }
  }

  private isRemote(path: string): boolean {
    return /^(https?:\/\/|git::|git@|ssh:\/\/|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(path) || /\?ref=|\.git(\/|$|\/\/)|\/\/.*\?/.test(path);
  }

  private accumulateResource(k: Kustomization, ra: Accumulator, path: string, place: Place): void {
    if (this.isRemote(path)) {
      this.warnings.push({ message: `remote resource '${path}' is not fetched; the build goes on without it`, severity: 'warning', kind: 'remote', ...place });
      return;
    }
    const full = joinPath(k.dir, path);
    const text = this.loader.readText(full);
    if (text !== undefined) {
      this.loader.restrict(k.dir, full, place);
      const file = this.loader.display(full);
      this.filesRead.add(file);
      let objects;
      try {
        objects = this.loader.objects(full, text, place);
      } catch (error) {
        throw wrap(error, `accumulating resources: accumulation err='accumulating resources from '${path}'`, place);
      }
      for (const object of objects) {
        const resource = new Resource(object.node);
        resource.addOrigin({ file, role: 'resource', start: object.start, end: object.end });
        this.checkResource(resource, { file, start: object.start, end: object.end });
        try {
          ra.append(resource, place);
        } catch (error) {
          throw wrap(error, `accumulating resources: accumulation err='merging resources from '${path}'`);
        }
      }
      return;
    }
    if (!this.loader.isDirectory(full)) {
      throw new BuildError(
        `accumulating resources: accumulation err='accumulating resources from '${path}': open ${full}: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '${full}' : lstat ${full}: no such file or directory`,
        place,
      );
    }
    if (this.visiting.some((v) => v === full || (full !== '/' && v.startsWith(full + '/')) || full === '/')) {
      throw new BuildError(
        `accumulating resources: accumulation err='accumulating resources from '${path}': read ${full}: is a directory': cycle detected: candidate root '${full}' contains visited root '${k.dir}'`,
        place,
      );
    }
    let sub: Kustomization;
    try {
      sub = this.readKustomization(full, place);
    } catch (error) {
      throw wrap(
        error,
        `accumulating resources: accumulation err='accumulating resources from '${path}': read ${full}: is a directory': couldn't make target for path '${full}'`,
        place,
      );
    }
    try {
      this.checkKind(sub, false);
    } catch (error) {
      throw wrap(error, `accumulating resources: accumulation err='accumulating resources from '${path}': read ${full}: is a directory'`, place);
    }
    const subRa = this.accumulateTarget(sub, new Accumulator());
    try {
      ra.appendAll(subRa, place);
    } catch (error) {
      throw wrap(error, `accumulating resources: recursed merging from path '${full}'`, place);
    }
    ra.config = this.mergeConfigInto(ra.config, subRa.config, place);
    ra.vars.push(...subRa.vars);
  }

  private accumulateComponent(k: Kustomization, ra: Accumulator, path: string, place: Place): void {
    if (this.isRemote(path)) {
      this.warnings.push({ message: `remote component '${path}' is not fetched; the build goes on without it`, severity: 'warning', kind: 'remote', ...place });
      return;
    }
    const full = joinPath(k.dir, path);
    if (!this.loader.isDirectory(full)) {
      throw new BuildError(
        `accumulating components: loader.New "must build at directory: not a valid directory: evalsymlink failure on '${full}' : lstat ${full}: no such file or directory"`,
        place,
      );
    }
    let sub: Kustomization;
    try {
      sub = this.readKustomization(full, place);
      this.checkKind(sub, true);
    } catch (error) {
      throw wrap(error, 'accumulating components: accumulateDirectory', place);
    }
    // A component works on its parent's accumulated resources.
    const result = this.accumulateTarget(sub, ra);
    ra.resources = result.resources;
    ra.config = result.config;
    ra.vars = result.vars;
  }

  private checkResource(resource: Resource, place: Place): void {
    if (!resource.kind) throw new BuildError(`missing Resource metadata`, place);
    const metadata = getField(resource.node, 'metadata');
    if (!metadata || isNull(metadata) || !resource.name) {
      if (resource.kind !== 'List' && !getPath(resource.node, ['metadata', 'generateName'])) {
        throw new BuildError(`missing metadata.name in object {${resource.apiVersion} ${resource.kind}}`, place);
      }
    }
  }

  /** MakeTransformerConfig: the defaults, merged with the configuration files when the kustomization lists any. */
  private transformerConfig(k: Kustomization): TransformerConfig {
    const entries = k.strings('configurations');
    if (entries.length === 0) return defaultConfig();
    let loaded = emptyConfig();
    for (const entry of entries) {
      const place = k.place(entry.node);
      loaded = this.mergeConfigInto(loaded, this.readConfiguration(k, entry.value, place), place, false);
    }
    return this.mergeConfigInto(defaultConfig(), loaded, k.keyPlace('configurations'), false);
  }

  private mergeConfigInto(into: TransformerConfig, more: TransformerConfig, place: Place, wrapped = true): TransformerConfig {
    try {
      return mergeConfig(into, more);
    } catch (error) {
      if (error instanceof ConfigMergeError) throw new BuildError(wrapped ? `merging config: ${error.message}` : error.message, place);
      throw error;
    }
  }

  private readConfiguration(k: Kustomization, path: string, place: Place): TransformerConfig {
    const text = this.loader.load(k.dir, path, place);
    const full = joinPath(k.dir, path);
    const file = this.loader.display(full);
    this.filesRead.add(file);
    const { nodes, error } = this.loader.documents(full, text);
    if (error) throw new BuildError(error.message, { file, start: error.start, end: error.end });
    const lists: Partial<TransformerConfig> = {};
    const node = nodes[0];
    if (node && node.kind === 'map') {
      for (const entry of node.entries) {
        const name = entry.key.value;
        if (!CONFIG_KEYS.has(name)) {
          throw new BuildError(`error unmarshaling JSON: while decoding JSON: json: unknown field "${name}"`, {
            file,
            start: entry.key.origin?.start ?? 0,
            end: entry.key.origin?.end ?? 0,
          });
        }
        if (name === 'nameReference') lists.nameReference = readNameReferences(entry.value);
        else lists[name as Exclude<keyof TransformerConfig, 'nameReference'>] = readFieldSpecs(entry.value);
      }
    }
    return configFromLists(lists);
  }

  // ---- generators -----------------------------------------------------------------

  private runGenerators(k: Kustomization, ra: Accumulator): void {
    const globalOptions = k.field('generatorOptions');
    const charts = helmChartArgs(k, this.loader);
    for (const args of k.list('configMapGenerator')) this.absorb(ra, this.generate(k, args, 'ConfigMap', globalOptions), k.place(args));
    for (const args of k.list('secretGenerator')) this.absorb(ra, this.generate(k, args, 'Secret', globalOptions), k.place(args));
    for (const chart of charts) {
      for (const object of inflateChart(chart, this.loader, this.filesRead)) {
        const resource = new Resource(object.node);
        resource.addOrigin({ file: object.file, role: 'generator', start: object.start, end: object.end });
        this.checkResource(resource, chart.place);
        this.absorb(ra, resource, chart.place);
      }
    }
    let generators: Array<{ config: PluginConfig; kind: string }>;
    try {
      generators = this.pluginConfigs(k, 'generators').map((config) => ({ config, kind: this.builtinPlugin(config, 'generator') }));
    } catch (error) {
      throw wrap(error, 'loading generator plugins');
    }
    for (const { config, kind } of generators) this.runBuiltinGenerator(k, ra, config, kind);
  }

  private absorb(ra: Accumulator, resource: Resource, place: Place): void {
    const id = resource.curId();
    const matches = ra.resources.filter((r) => [...r.prevIds, r.curId()].some((other) => idEquals(other, id)));
    if (matches.length === 0) {
      if (resource.behavior === 'merge' || resource.behavior === 'replace') {
        throw new BuildError(`id ${goIdRepr(id)} does not exist; cannot merge or replace`, place);
      }
      ra.resources.push(resource);
      return;
    }
    if (matches.length > 1) throw new BuildError(`multiple matches for Id ${idString(id)}`, place);
    const old = matches[0];
    const index = ra.resources.indexOf(old);
    if (resource.behavior === 'replace' || resource.behavior === 'merge') {
      copyMergeMetadata(resource, old);
      if (resource.behavior === 'merge') {
        mergeDataMap(resource, old, 'data');
        mergeDataMap(resource, old, 'binaryData');
      }
      resource.origins = [...old.origins, ...resource.origins];
      resource.prevIds = old.prevIds;
      resource.prefixes = old.prefixes;
      resource.suffixes = old.suffixes;
      // The hash-suffix mark is kept only when both the base object and the generator ask for it.
      resource.needsHash = resource.needsHash && old.needsHash;
      ra.resources[index] = resource;
      return;
    }
    throw new BuildError(`id ${goIdRepr(id)} exists; behavior must be merge or replace`, place);
  }

  private generate(k: Kustomization, args: KMap, kind: 'ConfigMap' | 'Secret', globalOptions: KNode | undefined): Resource {
    const place = k.place(args);
    const nameNode = getField(args, 'name');
    const name = mapString(args, 'name') ?? '';
    if (!name) throw new BuildError(`a configmap must have a name`, place);
    const namespace = mapString(args, 'namespace');
    const behavior = mapString(args, 'behavior') ?? 'create';
    if (!['create', 'merge', 'replace', 'unspecified'].includes(behavior))
      throw new BuildError(`invalid behavior '${behavior}'`, k.place(getField(args, 'behavior')));
    const node: KMap = emptyMap();
    setField(node, 'apiVersion', scalar('v1'));
    setField(node, 'kind', scalar(kind));
    const metadata = emptyMap();
    setField(metadata, 'name', { ...(nameNode as KScalar), tag: 'str' });
    if (namespace) setField(metadata, 'namespace', { ...(getField(args, 'namespace') as KScalar), tag: 'str' });
    setField(node, 'metadata', metadata);
    const data = emptyMap();
    const binary = emptyMap();
    const known = new Set<string>();
    const add = (key: string, value: string, keyOrigin: Origin | undefined, valueOrigin: Origin | undefined, fromFile: boolean): void => {
      if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
        throw new BuildError(`"${key}" is not a valid key name: a valid config key must consist of alphanumeric characters, '-', '_' or '.'`, place);
      }
      if (known.has(key)) throw new BuildError(`configmap ${name} illegally repeats the key \`${key}\``, place);
      known.add(key);
      const keyNode = scalar(key, keyOrigin);
      if (kind === 'Secret') {
        setField(
          data,
          keyNode,
          scalar(encodeBase64(Buffer.from(value, fromFile ? 'latin1' : 'utf8')), valueOrigin ? { ...valueOrigin, kind: 'computed' } : undefined),
        );
      } else if (fromFile) {
        setField(binary, keyNode, scalar(encodeBase64(Buffer.from(value, 'latin1')), valueOrigin ? { ...valueOrigin, kind: 'computed' } : undefined));
      } else {
        setField(data, keyNode, scalar(value, valueOrigin));
      }
    };
    // Env files, then literals, then files, as kustomize's kv loader reads them.
    const envNodes: KNode[] = [];
    const envs = getField(args, 'envs');
    if (envs && envs.kind === 'seq') envNodes.push(...envs.items);
    const env = getField(args, 'env');
    if (env && !isNull(env)) envNodes.push(env);
    for (const envNode of envNodes) {
      if (envNode.kind !== 'scalar') continue;
      const path = joinPath(k.dir, envNode.value);
      let text: string;
      try {
        text = this.loader.load(k.dir, envNode.value, k.place(envNode));
      } catch (error) {
        throw wrap(error, `env source files: [${envNode.value}]`, k.place(envNode));
      }
      const file = this.loader.display(path);
      this.filesRead.add(file);
      let offset = 0;
      let first = true;
      for (const rawLine of text.split('\n')) {
        const lineStart = offset;
        offset += rawLine.length + 1;
        let line = rawLine.replace(/\r$/, '');
        if (first && line.startsWith('\ufeff')) line = line.slice(1);
        first = false;
        const trimmed = line.replace(/^\s+/, '');
        if (trimmed === '' || trimmed.startsWith('#')) continue;
        const lead = rawLine.length - rawLine.replace(/^\s+/, '').length;
        const eq = trimmed.indexOf('=');
        const key = eq === -1 ? trimmed : trimmed.slice(0, eq);
        const value = eq === -1 ? '' : trimmed.slice(eq + 1);
        if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
          throw new BuildError(
            `a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`,
            { file, start: lineStart, end: lineStart + rawLine.length },
          );
        }
        const keyStart = lineStart + lead;
        const valueStart = keyStart + key.length + 1;
        add(
          key,
          value,
          { file, start: keyStart, end: keyStart + key.length, kind: 'value', raw: key },
          { file, start: valueStart, end: valueStart + value.length, kind: 'value', raw: value },
          false,
        );
      }
    }
    const literals = getField(args, 'literals');
    if (literals && literals.kind === 'seq') {
      for (const literal of literals.items) {
        if (literal.kind !== 'scalar') continue;
        const source = literal.value;
        const eq = source.indexOf('=');
        if (eq <= 0) throw new BuildError(`literal sources [${source}]: invalid literal source ${source}, expected key=value`, k.place(literal));
        const key = source.slice(0, eq);
        let value = source.slice(eq + 1);
        let valueOffset = eq + 1;
        if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) {
          value = value.slice(1, -1);
          valueOffset++;
        }
        const o = literal.origin;
        const exact = o && o.raw === source;
        const keyOrigin = o ? (exact ? { ...o, end: o.start + key.length, raw: key } : { ...o, kind: 'computed' as const, raw: undefined }) : undefined;
        const valueOrigin = o
          ? exact
            ? { ...o, start: o.start + valueOffset, end: o.start + valueOffset + value.length, raw: value }
            : { ...o, kind: 'value' as const, raw: undefined }
          : undefined;
        add(key, value, keyOrigin, valueOrigin, false);
      }
    }
    const files = getField(args, 'files');
    if (files && files.kind === 'seq') {
      for (const fileNode of files.items) {
        if (fileNode.kind !== 'scalar') continue;
        const source = fileNode.value;
        const separators = (source.match(/=/g) ?? []).length;
        let key: string;
        let path: string;
        if (separators === 0) {
          key = basename(source);
          path = source;
        } else if (separators === 1 && source.startsWith('=')) {
          throw new BuildError(`file sources: [${source}]: missing key name for file path "${source.slice(1)}" in source "${source}"`, k.place(fileNode));
        } else if (separators === 1 && source.endsWith('=')) {
          throw new BuildError(`file sources: [${source}]: missing file path for key name "${source.slice(0, -1)}" in source "${source}"`, k.place(fileNode));
        } else if (separators > 1) {
          throw new BuildError(`file sources: [${source}]: source "${source}" key name or file path contains '='`, k.place(fileNode));
        } else {
          [key, path] = source.split('=');
        }
        let text: string;
        try {
          text = this.loader.load(k.dir, path, k.place(fileNode));
        } catch (error) {
          throw wrap(error, `file sources: [${source}]`, k.place(fileNode));
        }
        const full = joinPath(k.dir, path);
        const file = this.loader.display(full);
        this.filesRead.add(file);
        const bytes = this.loader.fs.readBytes(full);
        const content = bytes && !isValidUtf8(bytes) ? Buffer.from(bytes).toString('latin1') : text;
        add(key, content, originOf(fileNode), { file, start: 0, end: text.length, kind: 'value', raw: text }, bytes !== undefined && !isValidUtf8(bytes));
      }
    }
    if (kind === 'ConfigMap') {
      if (data.entries.length > 0) setField(node, 'data', data);
      if (binary.entries.length > 0) setField(node, 'binaryData', binary);
    } else {
      // A Secret always gets its data map (LoadMapIntoSecretData creates it), even empty.
      setField(node, 'data', data);
      const type = getField(args, 'type');
      setField(node, 'type', type && type.kind === 'scalar' && type.value ? { ...type, tag: 'str' } : scalar('Opaque'));
    }
    // Options: the generator's own merged over generatorOptions.
    const local = getField(args, 'options');
    const options = mergeOptions(
      globalOptions && globalOptions.kind === 'map' ? globalOptions : undefined,
      local && local.kind === 'map' ? local : undefined,
      k,
    );
    for (const [key, value] of options.labels) {
      const labels = getOrCreateMap(metadata, 'labels');
      setField(labels, key, value);
    }
    for (const [key, value] of options.annotations) {
      const annotations = getOrCreateMap(metadata, 'annotations');
      setField(annotations, key, value);
    }
    if (options.immutable) setField(node, 'immutable', scalar('true', undefined, 'bool'));
    const resource = new Resource(node);
    resource.behavior = behavior === 'unspecified' ? 'create' : (behavior as Resource['behavior']);
    resource.needsHash = !options.disableHash;
    resource.generatorOrigin = originOf(nameNode, 'computed');
    resource.addOrigin({ file: k.file, role: 'generator', start: args.origin?.start ?? 0, end: args.origin?.end ?? 0 });
    return resource;
  }

  private addHash(resource: Resource): void {
    const hash = hashOf(resource.node);
    const current = resource.nameNode();
    const name = current?.value ?? '';
    const pieces: Piece[] = current?.pieces ? [...current.pieces] : [{ text: name, origin: current?.origin }];
    pieces.push({ text: '-' + hash, origin: resource.generatorOrigin });
    resource.storePreviousId();
    resource.setName({
      kind: 'scalar',
      value: `${name}-${hash}`,
      tag: 'str',
      origin: current?.origin ? { ...current.origin, kind: 'computed' } : resource.generatorOrigin,
      pieces,
    });
  }

  // ---- transformers ---------------------------------------------------------------

  private runTransformers(k: Kustomization, ra: Accumulator): void {
    const config = ra.config;
    this.patchesStrategicMerge(k, ra);
    for (const patch of k.list('patches')) this.patchTransformer(k, ra, patch);
    const namespace = k.stringNode('namespace');
    if (namespace && namespace.value) this.namespaceTransformer(ra, namespace, config.namespace, false, 'defaultOnly');
    const prefix = k.stringNode('namePrefix');
    if (prefix && prefix.value) this.prefixSuffix(ra, prefix, undefined, config.namePrefix, config.nameSuffix);
    const suffix = k.stringNode('nameSuffix');
    if (suffix && suffix.value) this.prefixSuffix(ra, undefined, suffix, config.namePrefix, config.nameSuffix);
    for (const label of k.list('labels')) {
      const pairs = getField(label, 'pairs');
      if (!pairs || isNull(pairs)) continue;
      const entries = readStringMap(pairs, 'labels.pairs', k);
      let specs: FieldSpec[];
      try {
        specs = mergeFieldSpecs(readFieldSpecs(getField(label, 'fields')), config.labels);
        if (mapBool(label, 'includeSelectors')) specs = mergeFieldSpecs(specs, config.commonLabels);
        else {
          if (mapBool(label, 'includeTemplates')) specs = mergeFieldSpecs(specs, config.templateLabels);
          specs = mergeFieldSpecs(specs, [{ path: 'metadata/labels', create: true }]);
        }
      } catch (error) {
        if (error instanceof ConfigMergeError) throw new BuildError(`failed to merge labels: ${error.message}`, k.place(label));
        throw error;
      }
      this.setEntries(ra, entries, specs);
    }
    const commonLabels = k.stringMap('commonLabels');
    if (commonLabels.length > 0) this.setEntries(ra, commonLabels, config.commonLabels);
    const commonAnnotations = k.stringMap('commonAnnotations');
    if (commonAnnotations.length > 0) this.setEntries(ra, commonAnnotations, config.commonAnnotations);
    for (const patch of k.list('patchesJson6902')) this.patchTransformer(k, ra, patch, true);
    for (const replica of k.list('replicas')) this.replicaTransformer(k, ra, replica, config.replicas);
    for (const image of [...k.list('images'), ...k.list('imageTags')]) this.imageTransformer(ra, image, config.images);
    const replacements = k.list('replacements');
    if (replacements.length > 0) this.replacementTransformer(k, ra, replacements);
    const transformers = this.pluginConfigs(k, 'transformers').map((config) => ({ config, kind: this.builtinPlugin(config, 'transformer') }));
    for (const { config, kind } of transformers) this.runBuiltinTransformer(k, ra, config.node, config.file, config.place, kind);
    const validators = this.pluginConfigs(k, 'validators').map((config) => ({ config, kind: this.builtinPlugin(config, 'transformer') }));
    for (const { config, kind } of validators) {
      // A validator may not change the objects: it runs on copies, which must come out unchanged.
      const copies = new Accumulator();
      copies.resources = ra.resources.map((r) => r.copy());
      copies.config = ra.config;
      this.runBuiltinTransformer(k, copies, config.node, config.file, config.place, kind);
      const before = ra.resources.map((r) => JSON.stringify(toJS(r.node)));
      const after = copies.resources.map((r) => JSON.stringify(toJS(r.node)));
      if (before.length !== after.length || before.some((b, i) => b !== after[i])) {
        throw new BuildError(`validator shouldn't modify the resource map`, config.place);
      }
    }
  }

  private patchesStrategicMerge(k: Kustomization, ra: Accumulator): void {
    const entries = k.strings('patchesStrategicMerge');
    if (entries.length === 0) return;
    const patches: Array<{ node: KMap; file: string; place: Place }> = [];
    for (const entry of entries) {
      const place = k.place(entry.node);
      const full = joinPath(k.dir, entry.value);
      const text = this.loader.readText(full);
      let nodes: KNode[];
      let file: string;
      if (text !== undefined) {
        this.loader.restrict(k.dir, full, place);
        file = this.loader.display(full);
        this.filesRead.add(file);
        const parsed = this.loader.documents(full, text);
        if (parsed.error)
          throw new BuildError(
            `trouble configuring builtin PatchStrategicMergeTransformer with config: \`\npaths:\n- ${entry.value}\n\`: ${parsed.error.message}`,
            { file, start: parsed.error.start, end: parsed.error.end },
          );
        nodes = parsed.nodes;
      } else {
        const inline = this.inlinePatch(k, entry.node);
        if (!inline || (entry.value.indexOf('\n') === -1 && !/^\s*[{[]/.test(entry.value) && !/:\s/.test(entry.value))) {
          throw new BuildError(
            `trouble configuring builtin PatchStrategicMergeTransformer with config: \`\npaths:\n- ${entry.value}\n\`: evalsymlink failure on '${full}' : lstat ${full}: no such file or directory`,
            place,
          );
        }
        nodes = inline;
        file = k.file;
      }
      for (const node of nodes) {
        if (node.kind === 'map' && node.entries.length > 0) patches.push({ node, file, place });
      }
    }
    if (patches.length === 0) {
      throw new BuildError(
        `trouble configuring builtin PatchStrategicMergeTransformer with config: \`\npaths:\n${entries.map((e) => '- ' + e.value).join('\n')}\n\`: patch appears to be empty; files=${JSON.stringify(entries.map((e) => e.value))}`,
        k.place(entries[0].node),
      );
    }
    for (const patch of patches) {
      const patchRes = new Resource(patch.node);
      const id = patchRes.curId();
      const matches = ra.resources.filter((r) => [...r.prevIds, r.curId()].some((other) => idEquals(other, id)));
      if (matches.length !== 1) {
        const message = matches.length === 0 ? `no matches for Id ${idString(id)}` : `multiple matches for Id ${idString(id)}`;
        throw new BuildError(
          `${message}; failed to find unique target for patch ${idString(id)}`,
          patch.place.file === k.file ? patch.place : { file: patch.file, start: patch.node.origin?.start ?? 0, end: patch.node.origin?.end ?? 0 },
        );
      }
      this.applySmPatch(ra, matches[0], clone(patch.node), patch.file, patch.node, false, false);
    }
  }

  /** An inline patch (a multi-line string in the kustomization) parsed with its offsets in the kustomization file. */
  private inlinePatch(k: Kustomization, node: KNode): KNode[] | undefined {
    if (node.kind !== 'scalar') return undefined;
    const origin = node.origin;
    const kustomizationText = this.loader.readText(joinPath(k.dir, basename(k.file))) ?? '';
    const parsed = parseInline(node.value, origin, kustomizationText, k.file);
    return parsed;
  }

  private applySmPatch(ra: Accumulator, target: Resource, patch: KMap, file: string, original: KMap, allowNameChange: boolean, allowKindChange: boolean): void {
    const name = target.nameNode();
    const namespace = getPath(target.node, ['metadata', 'namespace']);
    const kind = getField(target.node, 'kind');
    if (allowNameChange || allowKindChange) target.storePreviousId();
    let merged: KNode | undefined;
    try {
      merged = strategicMerge(target.node, patch);
    } catch (error) {
      if (error instanceof MergeError) throw new BuildError(error.message, { file, start: original.origin?.start ?? 0, end: original.origin?.end ?? 0 });
      throw error;
    }
    target.addOrigin({ file, role: 'patch', start: original.origin?.start ?? 0, end: original.origin?.end ?? 0 });
    if (!merged || merged.kind !== 'map' || merged.entries.length === 0) {
      ra.resources = ra.resources.filter((r) => r !== target);
      return;
    }
    target.node = merged;
    if (!allowKindChange && kind) setField(target.node, 'kind', kind);
    if (!allowNameChange && name) target.setName(name);
    const metadata = target.metadata(false);
    if (namespace && !isNull(namespace)) setField(target.metadata(true)!, 'namespace', namespace);
    else if (metadata) {
      const ns = getEntry(metadata, 'namespace');
      if (ns) metadata.entries = metadata.entries.filter((e) => e !== ns);
    }
  }

  private patchTransformer(k: Kustomization, ra: Accumulator, args: KMap, legacyJson = false): void {
    const place = k.place(args);
    const pathNode = getField(args, 'path');
    const patchNode = getField(args, legacyJson ? 'patch' : 'patch');
    const path = mapString(args, 'path');
    const inlineText = patchNode && patchNode.kind === 'scalar' ? patchNode.value.trim() : '';
    const builtin = legacyJson ? 'PatchJson6902Transformer' : 'PatchTransformer';
    const configText = renderConfig(args);
    if (!inlineText && !path)
      throw new BuildError(
        `trouble configuring builtin ${builtin} with config: \`\n${configText}\`: must specify one of patch and path in\n${configText}`,
        place,
      );
    if (inlineText && path)
      throw new BuildError(
        `trouble configuring builtin ${builtin} with config: \`\n${configText}\`: patch and path can't be set at the same time\n${configText}`,
        place,
      );
    let text: string;
    let file: string;
    let nodes: KNode[] | undefined;
    let parseError: { message: string; start: number; end: number } | undefined;
    if (path) {
      try {
        text = this.loader.load(k.dir, path, k.place(pathNode));
      } catch (error) {
        const inner = error instanceof BuildError ? error.message : String(error);
        throw new BuildError(
          `trouble configuring builtin ${builtin} with config: \`\n${configText}\`: failed to get the patch file from path(${path}): ${inner}`,
          k.place(pathNode),
        );
      }
      const full = joinPath(k.dir, path);
      file = this.loader.display(full);
      this.filesRead.add(file);
      const parsed = this.loader.documents(full, text);
      nodes = parsed.nodes;
      parseError = parsed.error;
    } else {
      text = inlineText;
      file = k.file;
      nodes = this.inlinePatch(k, patchNode as KNode) ?? [];
    }
    const source = path ? `[path: "${path}"]` : `[patch: ${JSON.stringify(inlineText)}]`;
    const targetNode = getField(args, 'target');
    const target = targetNode && targetNode.kind === 'map' ? readSelector(targetNode, k) : undefined;
    const options = getField(args, 'options');
    const allowNameChange = options && options.kind === 'map' ? mapBool(options, 'allowNameChange') : false;
    const allowKindChange = options && options.kind === 'map' ? mapBool(options, 'allowKindChange') : false;
    const isJson = !parseError && nodes.length === 1 && nodes[0].kind === 'seq';
    const smPatches = !parseError ? nodes.filter((n): n is KMap => n.kind === 'map' && n.entries.length > 0) : [];
    if (parseError && !isJson) {
      throw new BuildError(`trouble configuring builtin ${builtin} with config: \`\n${configText}\`: unable to parse SM or JSON patch from ${source}`, {
        file,
        start: parseError.start,
        end: parseError.end,
      });
    }
    if (legacyJson || isJson) {
      if (!target) throw new BuildError(`must specify a target for JSON patch ${source}`, place);
      if (!isJson)
        throw new BuildError(`trouble configuring builtin ${builtin} with config: \`\n${configText}\`: unable to parse SM or JSON patch from ${source}`, place);
      let operations;
      try {
        const doc = text.trimStart().startsWith('[') ? nodes[0] : yaml11Value(nodes[0]);
        operations = readOperations(doc);
      } catch (error) {
        throw new BuildError(
          `trouble configuring builtin ${builtin} with config: \`\n${configText}\`: ${error instanceof Error ? error.message : String(error)}`,
          place,
        );
      }
      for (const resource of this.select(ra, target, k.place(targetNode))) {
        try {
          const result = applyJsonPatch(resource.node, operations);
          if (result.kind !== 'map') throw new JsonPatchError('json patch result is not an object');
          resource.node = result;
          normalizeAsJson(result);
          // kustomize writes the annotations back after a JSON patch, which drops an empty annotations map.
          const metadata = resource.metadata(false);
          const annotations = metadata ? getField(metadata, 'annotations') : undefined;
          if (metadata && annotations && (isNull(annotations) || (annotations.kind === 'map' && annotations.entries.length === 0))) {
            metadata.entries = metadata.entries.filter((e) => e.key.value !== 'annotations');
          }
        } catch (error) {
          if (error instanceof JsonPatchError)
            throw new BuildError(error.message, { file, start: nodes[0].origin?.start ?? 0, end: nodes[0].origin?.end ?? 0 });
          throw error;
        }
        resource.addOrigin({ file, role: 'patch', start: nodes[0].origin?.start ?? 0, end: nodes[0].origin?.end ?? 0 });
      }
      return;
    }
    if (smPatches.length === 0)
      throw new BuildError(`trouble configuring builtin ${builtin} with config: \`\n${configText}\`: unable to parse SM or JSON patch from ${source}`, place);
    if (target) {
      if (smPatches.length > 1)
        throw new BuildError(`Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${source}`, place);
      for (const resource of this.select(ra, target, k.place(targetNode))) {
        this.applySmPatch(ra, resource, clone(smPatches[0]), file, smPatches[0], allowNameChange, allowKindChange);
      }
      return;
    }
    for (const patch of smPatches) {
      const id = new Resource(patch).curId();
      const matches = ra.resources.filter((r) => [...r.prevIds, r.curId()].some((other) => idEquals(other, id)));
      if (matches.length !== 1) {
        const inner = matches.length === 0 ? `no matches for Id ${idString(id)}` : `multiple matches for Id ${idString(id)}`;
        throw new BuildError(`no resource matches strategic merge patch "${idString(id)}": ${inner}; failed to find unique target for patch ${idString(id)}`, {
          file,
          start: patch.origin?.start ?? 0,
          end: patch.origin?.end ?? 0,
        });
      }
      this.applySmPatch(ra, matches[0], clone(patch), file, patch, allowNameChange, allowKindChange);
    }
  }

  /** resmap.Select: by original or current name and namespace, by group/version/kind, labels and annotations. */
  select(ra: Accumulator, selector: Selector, place: Place): Resource[] {
    const compile = (pattern: string | undefined): RegExp | undefined => {
      if (!pattern) return undefined;
      try {
        return new RegExp(`^(?:${goRegex(pattern)})$`);
      } catch {
        throw new BuildError(`error parsing regexp: ${pattern}`, place);
      }
    };
    const name = compile(selector.name);
    const namespace = compile(selector.namespace);
    const group = compile(selector.group);
    const version = compile(selector.version);
    const kind = compile(selector.kind);
    const out: Resource[] = [];
    for (const r of ra.resources) {
      const cur = r.curId();
      const org = r.orgId();
      if (namespace && !namespace.test(effectiveNamespaceForSelect(org)) && !namespace.test(effectiveNamespaceForSelect(cur))) continue;
      if (name && !name.test(org.name) && !name.test(cur.name)) continue;
      const gvk = r.gvk();
      if (group && !group.test(gvk.group)) continue;
      if (version && !version.test(gvk.version)) continue;
      if (kind && !kind.test(gvk.kind)) continue;
      if (selector.labelSelector) {
        const matched = matchesSelector(selector.labelSelector, r.stringMap('labels'));
        if (matched === undefined) throw new BuildError(`unable to parse requirement: ${selector.labelSelector}`, place);
        if (!matched) continue;
      }
      if (selector.annotationSelector) {
        const matched = matchesSelector(selector.annotationSelector, r.stringMap('annotations'));
        if (matched === undefined) throw new BuildError(`unable to parse requirement: ${selector.annotationSelector}`, place);
        if (!matched) continue;
      }
      out.push(r);
    }
    return out;
  }

  private namespaceTransformer(ra: Accumulator, namespace: KScalar, specs: FieldSpec[], unsetOnly: boolean, subjects: string): void {
    const value: KScalar = { ...namespace, tag: 'str', pieces: undefined };
    for (const r of ra.resources) {
      // Every object's identity is stored, renamed or not: it makes each one a possible name-reference target.
      r.storePreviousId();
      const gvk = r.gvk();
      const setScalar = (node: KNode, parent: KMap, key: string): void => {
        if (node.kind !== 'scalar' && !isNull(node)) throw new BuildError('namespace transformation failed: namespace field specs must target scalar nodes');
        if (unsetOnly && node.kind === 'scalar' && !isNull(node) && node.value !== '') return;
        setField(parent, key, { ...value });
      };
      if (!isClusterScoped(gvk.kind, gvk.group)) {
        const metadata = r.metadata(true)!;
        const current = getField(metadata, 'namespace');
        if (!(unsetOnly && current && current.kind === 'scalar' && current.value)) setField(metadata, 'namespace', { ...value });
      }
      const isBinding = gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding';
      for (const spec of specs) {
        if (spec.path === 'metadata/namespace') continue;
        if (spec.path === 'metadata/name' && r.apiVersion !== 'v1') continue;
        if (isBinding && (spec.kind === 'RoleBinding' || spec.kind === 'ClusterRoleBinding') && spec.path === 'subjects/namespace') continue;
        walkFieldSpec(r.node, spec, gvk, 'scalar', setScalar);
      }
      if (isBinding && subjects !== 'none') {
        const list = getField(r.node, 'subjects');
        if (list && list.kind === 'seq') {
          for (const subject of list.items) {
            if (subject.kind !== 'map') continue;
            const wanted = subjects === 'allServiceAccounts' ? getField(subject, 'kind') : getField(subject, 'name');
            const expected = subjects === 'allServiceAccounts' ? 'ServiceAccount' : 'default';
            if (wanted && wanted.kind === 'scalar' && wanted.value === expected) setScalar(getField(subject, 'namespace') ?? scalar(''), subject, 'namespace');
          }
        }
      }
    }
    const seen = new Set<string>();
    for (const r of ra.resources) {
      const id = idString(r.curId());
      if (seen.has(id)) throw new BuildError(`namespace transformation produces ID conflict: [${id}]`);
      seen.add(id);
    }
  }

  private prefixSuffix(ra: Accumulator, prefix: KScalar | undefined, suffix: KScalar | undefined, prefixSpecs: FieldSpec[], suffixSpecs: FieldSpec[]): void {
    const specs = prefix ? prefixSpecs : suffixSpecs;
    for (const r of ra.resources) {
      const org = r.orgId();
      if (org.kind === 'CustomResourceDefinition' || org.kind === 'Namespace' || (org.kind === 'APIService' && org.group === 'apiregistration.k8s.io'))
        continue;
      for (const spec of specs) {
        if (!gvkSelected(org, { group: spec.group, version: spec.version, kind: spec.kind })) continue;
        if (spec.path === 'metadata/name') {
          if (prefix) r.prefixes.push(prefix.value);
          if (suffix) r.suffixes.push(suffix.value);
          r.storePreviousId();
        }
        walkFieldSpec(r.node, spec, r.gvk(), undefined, (node, parent, key) => {
          if (node.kind !== 'scalar' || isNull(node)) return;
          const pieces: Piece[] = node.pieces ? [...node.pieces] : [{ text: node.value, origin: node.origin }];
          if (prefix) pieces.unshift({ text: prefix.value, origin: prefix.origin });
          if (suffix) pieces.push({ text: suffix.value, origin: suffix.origin });
          setField(parent, key, {
            kind: 'scalar',
            value: (prefix?.value ?? '') + node.value + (suffix?.value ?? ''),
            tag: 'str',
            origin: node.origin ? { ...node.origin, kind: 'computed' } : undefined,
            pieces,
          });
        });
      }
    }
  }

  private setEntries(ra: Accumulator, entries: Array<{ key: KScalar; value: KScalar }>, specs: FieldSpec[]): void {
    const sorted = [...entries].sort((a, b) => (a.key.value < b.key.value ? -1 : a.key.value > b.key.value ? 1 : 0));
    for (const r of ra.resources) {
      const gvk = r.gvk();
      for (const { key, value } of sorted) {
        for (const spec of specs) {
          try {
            walkFieldSpec(r.node, spec, gvk, 'map', (node, parent, fieldKey) => setMapEntry(node, parent, fieldKey, key, { ...value, pieces: undefined }));
          } catch (error) {
            if (error instanceof FieldSpecError)
              throw new BuildError(`considering field '${spec.path}' of object ${idString(r.curId())}: ${error.message}`, key.origin ?? { start: 0, end: 0 });
            throw error;
          }
        }
      }
    }
  }

  private replicaTransformer(k: Kustomization, ra: Accumulator, args: KMap, specs: FieldSpec[]): void {
    const name = mapString(args, 'name') ?? '';
    const countNode = getField(args, 'count');
    const count: KScalar = countNode && countNode.kind === 'scalar' ? { ...countNode, tag: 'int', pieces: undefined } : scalar('0', undefined, 'int');
    const matches = ra.resources.filter((r) => r.orgId().name === name || r.name === name);
    if (matches.length === 0) {
      throw new BuildError(
        `resource with name ${name} does not match a config with the following GVK [${specs.map((s) => `${s.group ?? ''}_${s.version ?? ''}_${s.kind ?? ''}`.replace(/^_+/, '')).join(' ')}]`,
        k.place(args),
      );
    }
    for (const r of matches) {
      let applied = false;
      for (const spec of specs) {
        if (!gvkSelected(r.gvk(), { group: spec.group, version: spec.version, kind: spec.kind })) continue;
        walkFieldSpec(r.node, spec, r.gvk(), 'scalar', (_node, parent, key) => {
          setField(parent, key, { ...count });
          applied = true;
        });
      }
      void applied;
    }
  }

  private imageTransformer(ra: Accumulator, args: KMap, specs: FieldSpec[]): void {
    const name = mapString(args, 'name') ?? '';
    const newNameNode = getField(args, 'newName');
    const newTagNode = getField(args, 'newTag');
    const digestNode = getField(args, 'digest');
    const tagSuffixNode = getField(args, 'tagSuffix');
    const text = (n: KNode | undefined): string => (n && n.kind === 'scalar' && !isNull(n) ? n.value : '');
    const newName = text(newNameNode);
    const newTag = text(newTagNode);
    const digest = text(digestNode);
    const tagSuffix = text(tagSuffixNode);
    let pattern: RegExp;
    try {
      pattern = new RegExp('^' + goRegex(name) + '(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$');
    } catch {
      return;
    }
    const update = (node: KNode, parent: KMap, key: string): void => {
      if (node.kind !== 'scalar') return;
      if (!pattern.test(node.value)) return;
      let [imageName, tag, dig] = splitImage(node.value);
      const pieces: Piece[] = [];
      let nameOrigin: Origin | undefined = node.origin;
      if (newName) {
        imageName = newName;
        nameOrigin = originOf(newNameNode);
      }
      let tagOrigin: Origin | undefined = node.origin;
      let digestOrigin: Origin | undefined = node.origin;
      if (newTag && digest) {
        tag = newTag;
        dig = digest;
        tagOrigin = originOf(newTagNode);
        digestOrigin = originOf(digestNode);
      } else if (newTag) {
        tag = newTag;
        dig = '';
        tagOrigin = originOf(newTagNode);
      } else if (digest) {
        tag = '';
        dig = digest;
        digestOrigin = originOf(digestNode);
      } else if (tagSuffix) {
        tag += tagSuffix;
        dig = '';
        tagOrigin = originOf(tagSuffixNode, 'computed');
      }
      pieces.push({ text: imageName, origin: nameOrigin });
      let value = imageName;
      if (tag) {
        value += ':' + tag;
        pieces.push({ text: ':' + tag, origin: tagOrigin });
      }
      if (dig) {
        value += '@' + dig;
        pieces.push({ text: '@' + dig, origin: digestOrigin });
      }
      if (value === node.value && (node.pieces || (!newName && !newTag && !digest))) return;
      setField(parent, key, {
        kind: 'scalar',
        value,
        tag: 'str',
        origin: originOf(newTagNode ?? newNameNode ?? digestNode, 'computed') ?? node.origin,
        pieces,
      });
    };
    for (const r of ra.resources) {
      if (r.kind !== 'CustomResourceDefinition') legacyImageWalk(r.node, update);
      for (const spec of specs) walkFieldSpec(r.node, spec, r.gvk(), undefined, update);
    }
  }

  private replacementTransformer(k: Kustomization, ra: Accumulator, entries: KMap[]): void {
    const replacements: KMap[] = [];
    for (const entry of entries) {
      const path = mapString(entry, 'path');
      if (path) {
        const text = this.loader.load(k.dir, path, k.place(getField(entry, 'path')));
        const full = joinPath(k.dir, path);
        this.filesRead.add(this.loader.display(full));
        const { nodes, error } = this.loader.documents(full, text);
        if (error) throw new BuildError(error.message, { file: this.loader.display(full), start: error.start, end: error.end });
        for (const node of nodes) {
          if (node.kind === 'seq') replacements.push(...node.items.filter((i): i is KMap => i.kind === 'map'));
          else if (node.kind === 'map') replacements.push(node);
        }
      } else replacements.push(entry);
    }
    applyReplacements(ra.resources, replacements, (node) => k.place(node));
  }

  /**
   * The plugin configurations a `generators:`, `transformers:` or `validators:` list names, as kustomize
   * loads them: the entries that parse as objects inline first, then the files and directories.
   */
  private pluginConfigs(k: Kustomization, field: 'generators' | 'transformers' | 'validators'): PluginConfig[] {
    const inline: PluginConfig[] = [];
    const paths: Array<{ value: string; node: KNode }> = [];
    for (const entry of k.strings(field)) {
      const nodes = this.inlineObjects(k, entry.node);
      if (nodes) for (const node of nodes) inline.push({ node, file: k.file, place: k.place(node) });
      else paths.push(entry);
    }
    const ra = new Accumulator();
    for (const entry of paths) this.accumulateResource(k, ra, entry.value, k.place(entry.node));
    return [
      ...inline,
      ...ra.resources.map((r) => {
        const origin = r.origins[0];
        return { node: r.node, file: origin?.file ?? k.file, place: origin ? { file: origin.file, start: origin.start, end: origin.end } : k.keyPlace(field) };
      }),
    ];
  }

  /** An entry of a plugin list that is itself YAML objects (each with a kind and a name), or undefined when it is a path. */
  private inlineObjects(k: Kustomization, node: KNode): KMap[] | undefined {
    if (node.kind !== 'scalar' || !/[\n:{]/.test(node.value)) return undefined;
    const nodes = this.inlinePatch(k, node);
    if (!nodes) return undefined;
    const out: KMap[] = [];
    for (const doc of nodes) {
      if (isNull(doc) || (doc.kind === 'map' && doc.entries.length === 0)) continue;
      if (doc.kind !== 'map') return undefined;
      const kind = mapString(doc, 'kind') ?? '';
      const metadata = getField(doc, 'metadata');
      const name = metadata && metadata.kind === 'map' ? (mapString(metadata, 'name') ?? '') : '';
      if (!kind || (!kind.endsWith('List') && !name)) return undefined;
      const items = getField(doc, 'items');
      if (kind.endsWith('List') && items && items.kind === 'seq') out.push(...items.items.filter((i): i is KMap => i.kind === 'map' && i.entries.length > 0));
      else out.push(doc);
    }
    return out;
  }

  /** The builtin plugin a configuration names, or kustomize's error for one it cannot load (kubectl allows only builtins). */
  private builtinPlugin(config: PluginConfig, role: 'generator' | 'transformer'): string {
    const kind = mapString(config.node, 'kind') ?? '';
    const { group, version } = parseApiVersion(mapString(config.node, 'apiVersion') ?? '');
    if (group !== '' || version !== 'builtin') throw new BuildError(`external plugins disabled; unable to load external plugin '${kind}'`, config.place);
    const isGenerator = BUILTIN_GENERATOR_KINDS.has(kind);
    if (!isGenerator && !BUILTIN_TRANSFORMER_KINDS.has(kind)) throw new BuildError(`unable to load builtin ${kind}.${version}.[noGrp]`, config.place);
    if (isGenerator !== (role === 'generator')) {
      const name = getPath(config.node, ['metadata', 'name']);
      const namespace = getPath(config.node, ['metadata', 'namespace']);
      const id = idString({
        group,
        version,
        kind,
        name: name && name.kind === 'scalar' ? name.value : '',
        namespace: namespace && namespace.kind === 'scalar' ? namespace.value : '',
      });
      throw new BuildError(`plugin ${id} not a ${role}`, config.place);
    }
    return kind;
  }

  private runBuiltinGenerator(k: Kustomization, ra: Accumulator, config: PluginConfig, kind: string): void {
    if (kind !== 'ConfigMapGenerator' && kind !== 'SecretGenerator') {
      throw new BuildError(`the builtin generator ${kind} is not supported: Pod Lens does not run it`, config.place);
    }
    // The plugin's arguments sit at the top of its configuration; name and namespace default to its metadata's.
    const args = clone(config.node);
    for (const key of ['name', 'namespace']) {
      if (mapString(args, key)) continue;
      const fromMetadata = getPath(config.node, ['metadata', key]);
      if (fromMetadata && fromMetadata.kind === 'scalar' && fromMetadata.value) setField(args, key, fromMetadata);
    }
    const ck = new Kustomization(args, config.file, k.dir);
    this.absorb(ra, this.generate(ck, args, kind === 'ConfigMapGenerator' ? 'ConfigMap' : 'Secret', undefined), config.place);
  }

  private runBuiltinTransformer(k: Kustomization, ra: Accumulator, config: KMap, file: string, place: Place, kind: string): void {
    const specsOf = (name: string, fallback: FieldSpec[]): FieldSpec[] => {
      const node = getField(config, name);
      return node ? readFieldSpecs(node) : fallback;
    };
    const ck = new Kustomization(config, file, k.dir);
    switch (kind) {
      case 'NamespaceTransformer': {
        const ns = getPath(config, ['metadata', 'namespace']);
        if (ns && ns.kind === 'scalar' && ns.value) {
          this.namespaceTransformer(
            ra,
            ns,
            specsOf('fieldSpecs', []),
            mapBool(config, 'unsetOnly'),
            mapString(config, 'setRoleBindingSubjects') ?? 'defaultOnly',
          );
        }
        break;
      }
      case 'PrefixSuffixTransformer':
      case 'PrefixTransformer':
      case 'SuffixTransformer': {
        const specs = specsOf('fieldSpecs', []);
        const prefix = getField(config, 'prefix');
        const suffix = getField(config, 'suffix');
        if (prefix && prefix.kind === 'scalar' && prefix.value) this.prefixSuffix(ra, prefix, undefined, specs, specs);
        if (suffix && suffix.kind === 'scalar' && suffix.value) this.prefixSuffix(ra, undefined, suffix, specs, specs);
        break;
      }
      case 'LabelTransformer': {
        const labels = getField(config, 'labels');
        if (labels) this.setEntries(ra, readStringMap(labels, 'labels', ck), specsOf('fieldSpecs', []));
        break;
      }
      case 'AnnotationsTransformer': {
        const annotations = getField(config, 'annotations');
        if (annotations) this.setEntries(ra, readStringMap(annotations, 'annotations', ck), specsOf('fieldSpecs', []));
        break;
      }
      case 'ImageTagTransformer': {
        const image = getField(config, 'imageTag');
        if (image && image.kind === 'map') this.imageTransformer(ra, image, specsOf('fieldSpecs', []));
        break;
      }
      case 'ReplicaCountTransformer': {
        const replica = getField(config, 'replica');
        if (replica && replica.kind === 'map') this.replicaTransformer(ck, ra, replica, specsOf('fieldSpecs', []));
        break;
      }
      case 'PatchTransformer':
        this.patchTransformer(ck, ra, config);
        break;
      case 'PatchJson6902Transformer':
        this.patchTransformer(ck, ra, config, true);
        break;
      case 'PatchStrategicMergeTransformer': {
        const paths = getField(config, 'paths');
        const patches = getField(config, 'patches');
        const list: KMap = emptyMap();
        const items: KNode[] = [];
        if (paths && paths.kind === 'seq') items.push(...paths.items);
        if (patches && patches.kind === 'scalar') items.push(patches);
        setField(list, 'patchesStrategicMerge', { kind: 'seq', items });
        this.patchesStrategicMerge(new Kustomization(list, file, k.dir), ra);
        break;
      }
      case 'ReplacementTransformer': {
        const replacements = getField(config, 'replacements');
        if (replacements && replacements.kind === 'seq')
          this.replacementTransformer(
            ck,
            ra,
            replacements.items.filter((i): i is KMap => i.kind === 'map'),
          );
        break;
      }
      case 'HashTransformer':
        for (const r of ra.resources) if (r.needsHash) this.addHash(r);
        for (const r of ra.resources) r.needsHash = false;
        break;
      default:
        throw new BuildError(`the builtin transformer ${kind} is not supported yet`, place);
    }
    for (const r of ra.resources) r.addOrigin({ file, role: 'transformer', start: config.origin?.start ?? 0, end: config.origin?.end ?? 0 });
  }
}

// ---- helpers ----------------------------------------------------------------------------

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function readSelector(node: KMap, k: { place(node: KNode | undefined): Place }): Selector {
  const out: Selector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const value = getField(node, key);
    if (value && value.kind === 'scalar' && !isNull(value)) out[key] = value.value;
    else if (value && !isNull(value)) throw new BuildError(`invalid target: ${key} must be a string`, k.place(value));
  }
  return out;
}

function effectiveNamespaceForSelect(id: ResId): string {
  return effectiveNamespace(id);
}

/** Go's RE2 syntax differs from JavaScript's in few ways that matter for names; `(?i)` and friends are dropped. */
export function goRegex(pattern: string): string {
  return pattern.replace(/^\(\?[imsU]+\)/, '');
}

export function readFieldSpecs(node: KNode | undefined): FieldSpec[] {
  if (!node || node.kind !== 'seq') return [];
  const out: FieldSpec[] = [];
  for (const item of node.items) {
    if (item.kind !== 'map') continue;
    const spec: FieldSpec = { path: mapString(item, 'path') ?? '' };
    for (const key of ['group', 'version', 'kind'] as const) {
      const v = mapString(item, key);
      if (v) spec[key] = v;
    }
    if (mapBool(item, 'create')) spec.create = true;
    out.push(spec);
  }
  return out;
}

function readNameReferences(node: KNode): NameReferenceSpec[] {
  if (node.kind !== 'seq') return [];
  const out: NameReferenceSpec[] = [];
  for (const item of node.items) {
    if (item.kind !== 'map') continue;
    const ref: NameReferenceSpec = { kind: mapString(item, 'kind') ?? '', fieldSpecs: readFieldSpecs(getField(item, 'fieldSpecs')) };
    const group = mapString(item, 'group');
    const version = mapString(item, 'version');
    if (group) ref.group = group;
    if (version) ref.version = version;
    out.push(ref);
  }
  return out;
}

function readVar(k: Kustomization, v: KMap): Var {
  const objref = getField(v, 'objref');
  const fieldref = getField(v, 'fieldref');
  const ref = objref && objref.kind === 'map' ? objref : emptyMap();
  const apiVersion = mapString(ref, 'apiVersion') ?? '';
  const { group, version } = parseApiVersion(apiVersion);
  return {
    name: mapString(v, 'name') ?? '',
    kind: mapString(ref, 'kind') ?? '',
    group: mapString(ref, 'group') ?? group,
    version: mapString(ref, 'version') ?? version,
    objName: mapString(ref, 'name') ?? '',
    namespace: mapString(ref, 'namespace') ?? '',
    fieldPath: (fieldref && fieldref.kind === 'map' ? mapString(fieldref, 'fieldpath') : undefined) ?? 'metadata.name',
    place: k.place(v),
  };
}

function deprecation(k: Kustomization, name: string): KustomizeDiagnostic {
  const advice: Record<string, string> = {
    patchesStrategicMerge:
      "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    patchesJson6902:
      "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    commonLabels: "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    bases: "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
    vars: "# Warning: 'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.",
    imageTags: "# Warning: 'imageTags' is deprecated. Please use 'images' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
  };
  return { message: advice[name], severity: 'warning', kind: 'deprecation', ...k.keyPlace(name) };
}

function goIdRepr(id: ResId): string {
  return `resid.ResId{Gvk:resid.Gvk{Group:"${id.group}", Version:"${id.version}", Kind:"${id.kind}", isClusterScoped:${isClusterScoped(id.kind, id.group)}}, Name:"${id.name}", Namespace:"${id.namespace}"}`;
}

function getOrCreateMap(parent: KMap, key: string): KMap {
  const existing = getField(parent, key);
  if (existing && existing.kind === 'map') return existing;
  const map = emptyMap();
  setField(parent, key, map);
  return map;
}

function mergeOptions(global: KMap | undefined, local: KMap | undefined, k: Kustomization) {
  const labels = new Map<string, KScalar>();
  const annotations = new Map<string, KScalar>();
  for (const source of [global, local]) {
    if (!source) continue;
    const l = getField(source, 'labels');
    if (l && !isNull(l)) for (const e of readStringMap(l, 'labels', k)) labels.set(e.key.value, e.value);
    const a = getField(source, 'annotations');
    if (a && !isNull(a)) for (const e of readStringMap(a, 'annotations', k)) annotations.set(e.key.value, e.value);
  }
  const disableHash =
    (local && getField(local, 'disableNameSuffixHash') ? mapBool(local, 'disableNameSuffixHash') : false) ||
    (global ? mapBool(global, 'disableNameSuffixHash') : false);
  const immutable = (local ? mapBool(local, 'immutable') : false) || (global ? mapBool(global, 'immutable') : false);
  const sortedLabels = [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sortedAnnotations = [...annotations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { labels: sortedLabels, annotations: sortedAnnotations, disableHash, immutable };
}

function copyMergeMetadata(target: Resource, old: Resource): void {
  for (const field of ['labels', 'annotations'] as const) {
    const oldMap = getPath(old.node, ['metadata', field]);
    const newMap = getPath(target.node, ['metadata', field]);
    if (!oldMap || oldMap.kind !== 'map' || oldMap.entries.length === 0) continue;
    const merged = emptyMap();
    for (const e of oldMap.entries) setField(merged, e.key, e.value);
    if (newMap && newMap.kind === 'map') for (const e of newMap.entries) setField(merged, e.key, e.value);
    setField(target.metadata(true)!, field, merged);
  }
  // The generated object takes the name and namespace the base object has now.
  const name = old.nameNode();
  if (name) target.setName(name);
  const ns = getPath(old.node, ['metadata', 'namespace']);
  if (ns && !isNull(ns)) setField(target.metadata(true)!, 'namespace', ns);
}

function mergeDataMap(target: Resource, old: Resource, field: string): void {
  const oldMap = getField(old.node, field);
  if (!oldMap || oldMap.kind !== 'map' || oldMap.entries.length === 0) return;
  const newMap = getField(target.node, field);
  const merged = emptyMap();
  for (const e of oldMap.entries) setField(merged, e.key, e.value);
  if (newMap && newMap.kind === 'map') for (const e of newMap.entries) setField(merged, e.key, e.value);
  setField(target.node, field, merged);
}

/** kyaml's encodeBase64: lines of 70 characters, each ended by a line break once there is more than one. */
function encodeBase64(bytes: Buffer): string {
  const encoded = bytes.toString('base64');
  if (encoded.length < 70) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += encoded.slice(i, i + 70) + '\n';
  return out;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function splitImage(image: string): [string, string, string] {
  let search = image;
  let slash = image.indexOf('/');
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return [image, '', ''];
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return [image.slice(0, id), '', image.slice(id + 1)];
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return [image.slice(0, ic), image.slice(ic + 1, id), image.slice(id + 1)];
  }
  ic += slash;
  return [image.slice(0, ic), image.slice(ic + 1), ''];
}

/** The image transformer's legacy walk: every `containers` and `initContainers` list anywhere in the object. */
function legacyImageWalk(node: KNode, update: (node: KNode, parent: KMap, key: string) => void): void {
  if (node.kind === 'map') {
    for (const entry of [...node.entries]) {
      legacyImageWalk(entry.value, update);
      if ((entry.key.value === 'containers' || entry.key.value === 'initContainers') && entry.value.kind === 'seq') {
        for (const item of entry.value.items) {
          if (item.kind !== 'map') continue;
          const image = getField(item, 'image');
          if (image) update(image, item, 'image');
        }
      }
    }
  } else if (node.kind === 'seq') {
    for (const item of node.items) legacyImageWalk(item, update);
  }
}

const MANAGED_BY_OPTION = 'managedByLabel';
const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/**
 * kustomize's last steps (RemoveBuildAnnotations, RemoveOriginAnnotations, RemoveTransformerAnnotations)
 * write every object's annotations back: sorted by key, each value a string (its YAML text, `8080` →
 * "8080"), the field dropped when no annotation is left (so `annotations: {}` is dropped too). The origin
 * and transformation annotations stay only when buildMetadata asks for them.
 */
function rewriteAnnotations(r: Resource, keepOrigin: boolean, keepTransformations: boolean): void {
  const metadata = r.metadata(false);
  if (!metadata) return;
  const entry = getEntry(metadata, 'annotations');
  if (!entry) return;
  const byKey = new Map<string, KEntry>();
  if (entry.value.kind === 'map') {
    for (const e of entry.value.entries) {
      if ((e.key.value === ORIGIN_ANNOTATION && !keepOrigin) || (e.key.value === TRANSFORMATIONS_ANNOTATION && !keepTransformations)) continue;
      const value: KScalar = e.value.kind === 'scalar' ? { ...e.value, tag: 'str' } : { kind: 'scalar', value: '', tag: 'str', origin: e.value.origin };
      byKey.delete(e.key.value);
      byKey.set(e.key.value, { key: e.key, value });
    }
  }
  if (byKey.size === 0) {
    metadata.entries = metadata.entries.filter((e) => e.key.value !== 'annotations');
    return;
  }
  const map: KMap = {
    kind: 'map',
    entries: [...byKey.values()].sort((a, b) => (a.key.value < b.key.value ? -1 : a.key.value > b.key.value ? 1 : 0)),
    origin: entry.value.origin,
  };
  entry.value = map;
}

function isLocalConfig(r: Resource): boolean {
  return r.stringMap('annotations')['config.kubernetes.io/local-config'] === 'true';
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

function legacySort(resources: Resource[], options: KNode | undefined): Resource[] {
  let first = ORDER_FIRST;
  let last = ORDER_LAST;
  if (options && options.kind === 'map') {
    const f = getField(options, 'orderFirst');
    const l = getField(options, 'orderLast');
    if (f && f.kind === 'seq') first = f.items.map((i) => (i.kind === 'scalar' ? i.value : ''));
    if (l && l.kind === 'seq') last = l.items.map((i) => (i.kind === 'scalar' ? i.value : ''));
  }
  const rank = new Map<string, number>();
  first.forEach((kind, i) => rank.set(kind, -first.length + i));
  last.forEach((kind, i) => rank.set(kind, 1 + i));
  const keyed = resources.map((r) => {
    const id = r.curId();
    return {
      r,
      id,
      rank: rank.get(id.kind) ?? 0,
      gvk: `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`,
      rest: `${id.namespace || '~X'}|${id.name || '~N'}`,
    };
  });
  keyed.sort((a, b) => {
    if (a.gvk !== b.gvk) {
      if (a.rank !== b.rank) return a.rank - b.rank;
      if (a.id.kind === 'Namespace' && b.id.kind === 'Namespace' && (a.id.group === '' || b.id.group === '')) return a.gvk > b.gvk ? -1 : 1;
      return a.gvk < b.gvk ? -1 : 1;
    }
    return a.rest < b.rest ? -1 : a.rest > b.rest ? 1 : a.r.serial - b.r.serial;
  });
  return keyed.map((k) => k.r);
}

function renderConfig(args: KMap): string {
  const lines: string[] = [];
  for (const key of ['path', 'patch', 'target', 'options']) {
    const value = getField(args, key);
    if (!value || isNull(value)) continue;
    if (value.kind === 'scalar') lines.push(`${key}: ${value.value.includes('\n') ? '|\n' + value.value.replace(/^/gm, '  ') : value.value}`);
    else lines.push(`${key}: …`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Parses an inline patch (the text of a YAML string in the kustomization). When the string is a block scalar,
 * its lines are found in the kustomization's text so that values map to their place there.
 */
function parseInline(text: string, origin: Origin | undefined, kustomizationText: string, file: string): KNode[] | undefined {
  const parsed = parseStream(text, file);
  if (parsed.error) return undefined;
  const nodes = parsed.documents.filter((d) => d.node).map((d) => d.node as KNode);
  if (!origin) return nodes.map(stripOrigins);
  const raw = kustomizationText.slice(origin.start, origin.end);
  const mapOffset = blockOffsets(raw, text);
  if (!mapOffset) return nodes.map((n) => retarget(n, () => undefined, origin));
  return nodes.map((n) =>
    retarget(
      n,
      (offset) => {
        const at = mapOffset(offset);
        return at === undefined ? undefined : origin.start + at;
      },
      origin,
    ),
  );
}

/** For a block scalar's raw text and its value: a function from value offsets to raw offsets (line by line). */
function blockOffsets(raw: string, value: string): ((offset: number) => number | undefined) | undefined {
  const header = raw.indexOf('\n');
  if (header === -1 || !/^[|>]/.test(raw)) return undefined;
  if (raw[0] === '>') return undefined;
  const rawLines: Array<{ start: number; text: string }> = [];
  let pos = header + 1;
  for (const line of raw.slice(header + 1).split('\n')) {
    rawLines.push({ start: pos, text: line });
    pos += line.length + 1;
  }
  const indent = Math.min(...rawLines.filter((l) => l.text.trim() !== '').map((l) => l.text.length - l.text.trimStart().length));
  const valueLines = value.split('\n');
  const starts: number[] = [];
  let v = 0;
  const rawStarts: number[] = [];
  for (let i = 0; i < valueLines.length && i < rawLines.length; i++) {
    starts.push(v);
    rawStarts.push(rawLines[i].start + Math.min(indent, rawLines[i].text.length));
    v += valueLines[i].length + 1;
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    if (starts.length === 0) return undefined;
    return rawStarts[lo] + (offset - starts[lo]);
  };
}

function retarget(node: KNode, map: (offset: number) => number | undefined, whole: Origin): KNode {
  const fix = (o: Origin | undefined): Origin | undefined => {
    if (!o) return undefined;
    const start = map(o.start);
    const end = map(o.end);
    if (start === undefined || end === undefined) return { ...whole, kind: 'value', raw: undefined };
    return { file: whole.file, start, end, kind: o.kind, raw: o.raw };
  };
  switch (node.kind) {
    case 'scalar':
      return { ...node, origin: fix(node.origin) };
    case 'map':
      return {
        kind: 'map',
        entries: node.entries.map((e) => ({ key: retarget(e.key, map, whole) as KScalar, value: retarget(e.value, map, whole) })),
        origin: fix(node.origin),
      };
    case 'seq':
      return { kind: 'seq', items: node.items.map((i) => retarget(i, map, whole)), origin: fix(node.origin) };
  }
}

function stripOrigins(node: KNode): KNode {
  switch (node.kind) {
    case 'scalar':
      return { ...node, origin: undefined };
    case 'map':
      return { kind: 'map', entries: node.entries.map((e) => ({ key: stripOrigins(e.key) as KScalar, value: stripOrigins(e.value) })) };
    case 'seq':
      return { kind: 'seq', items: node.items.map(stripOrigins) };
  }
}

export { splitPath };
