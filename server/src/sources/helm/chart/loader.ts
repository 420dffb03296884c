/**
 * Helm's chart loader over a ReadonlyFileSystem: the directory walk with
 * `.helmignore` (loader.LoadDir), the archive reader (LoadArchive) and the
 * sorting of files into a chart (LoadFiles), with Helm's error messages.
 */
import { type ReadonlyFileSystem } from '../../files';
import { loadArchiveFiles, trimBom } from './archive';
import { type ChartDependency, type ChartFile, type ChartMetadata, decodeText, emptyMetadata, type LoadedChart, type Maintainer } from './chart';
import { IgnoreRules } from './ignore';
import { isCompatibleRange, parseVersion } from './semver';
import { type HelmMap, type HelmValue, isNil, newMap } from './values';
import { decodeYaml, formatFloat32Shortest } from './yaml-decode';

/** An error with Helm's message and where it applies (root-relative file and offsets; empty file when nowhere). */
export interface ChartError {
  message: string;
  file: string;
  start: number;
  end: number;
}

export class ChartLoadError extends Error {
  constructor(
    message: string,
    readonly file = '',
    readonly start = 0,
    readonly end = 0,
  ) {
    super(message);
  }

  toChartError(): ChartError {
    return { message: this.message, file: this.file, start: this.start, end: this.end };
  }
}

interface BufferedFile {
  name: string;
  data: Uint8Array;
  sourcePath: string;
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function goStringLess(a: string, b: string): number {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return Buffer.compare(left, right);
}

/** loader.LoadDir: every file of the directory that `.helmignore` keeps, in Go's walk order. */
export function readChartDirectory(fs: ReadonlyFileSystem, chartDir: string): BufferedFile[] {
  const top = chartDir.replace(/\/+$/, '') || '/';
  let rules = IgnoreRules.empty();
  const ignoreBytes = fs.readBytes(`${top}/.helmignore`);
  if (ignoreBytes !== undefined) {
    const parsed = IgnoreRules.parse(decodeText(ignoreBytes));
    if (parsed.error) throw new ChartLoadError(parsed.error.message, '.helmignore', 0, 0);
    rules = parsed.rules;
  }
  rules.addDefaults();
  const files: BufferedFile[] = [];
  const walk = (relative: string): void => {
    const entries = fs.list(relative === '' ? top : `${top}/${relative}`) ?? [];
    entries.sort((a, b) => goStringLess(a.name, b.name));
    for (const entry of entries) {
      const name = joinPath(relative, entry.name);
      if (entry.isDirectory) {
        if (rules.ignores(name, true)) continue;
        walk(name);
        continue;
      }
      if (rules.ignores(name, false)) continue;
      const data = fs.readBytes(`${top}/${name}`);
      if (data === undefined) continue;
      files.push({ name, data: trimBom(data), sourcePath: name });
    }
  };
  walk('');
  return files;
}

/** Loads the chart at `chartDir` (a directory, or a `.tgz` file) with its dependencies. */
export function loadChart(fs: ReadonlyFileSystem, chartDir: string): LoadedChart {
  if (fs.list(chartDir) === undefined) {
    const bytes = fs.readBytes(chartDir);
    if (bytes === undefined) throw new ChartLoadError(`path "${chartDir}" not found`);
    return loadArchive(bytes, '');
  }
  return loadFiles(readChartDirectory(fs, chartDir), '');
}

function loadArchive(bytes: Uint8Array, archivePath: string): LoadedChart {
  const result = loadArchiveFiles(bytes);
  if ('error' in result) throw new ChartLoadError(result.error, archivePath);
  const files = result.files.map((file) => ({ name: file.name, data: file.data, sourcePath: joinPath(archivePath, file.entryName) }));
  const top = result.files[0].entryName.split('/')[0];
  return loadFiles(files, joinPath(archivePath, top));
}

/** loader.LoadFiles: sorts files into a chart; `sourceDir` is where they are, relative to the root chart. */
export function loadFiles(files: BufferedFile[], sourceDir: string): LoadedChart {
  const chart: LoadedChart = {
    metadata: emptyMetadata(),
    values: newMap(),
    templates: [],
    files: [],
    dependencies: [],
    sourceDir,
    dependencyListGiven: false,
    chartFile: joinPath(sourceDir, 'Chart.yaml'),
  };
  let hasMetadata = false;
  const chartYaml = files.find((file) => file.name === 'Chart.yaml');
  if (chartYaml) {
    hasMetadata = true;
    if (decodeMetadata(chartYaml, chart.metadata, 'cannot load Chart.yaml')) chart.dependencyListGiven = true;
    if (chart.metadata.apiVersion === '') chart.metadata.apiVersion = 'v1';
  }
  const subcharts = new Map<string, BufferedFile[]>();
  for (const file of files) {
    const asChartFile: ChartFile = { name: file.name, data: file.data, sourcePath: file.sourcePath };
    if (file.name === 'Chart.yaml' || file.name === 'Chart.lock') continue;
    if (file.name === 'values.yaml') {
      const decoded = decodeYaml(decodeText(file.data), file.sourcePath);
      if (decoded.error) throw new ChartLoadError(`cannot load values.yaml: ${decoded.error.message}`, file.sourcePath, decoded.error.start, decoded.error.end);
      chart.values = valuesMap(decoded.value, file.sourcePath, 'cannot load values.yaml');
    } else if (file.name === 'values.schema.json') chart.schema = asChartFile;
    else if (file.name === 'requirements.yaml') {
      hasMetadata = true;
      if (decodeMetadata(file, chart.metadata, 'cannot load requirements.yaml')) chart.dependencyListGiven = true;
      if (chart.metadata.apiVersion === 'v1') chart.files.push(asChartFile);
    } else if (file.name === 'requirements.lock') {
      if (chart.metadata.apiVersion === 'v1') chart.files.push(asChartFile);
    } else if (file.name.startsWith('templates/')) chart.templates.push(asChartFile);
    else if (file.name.startsWith('charts/')) {
      if (file.name.endsWith('.prov')) {
        chart.files.push(asChartFile);
        continue;
      }
      const rest = file.name.slice('charts/'.length);
      const subchartName = rest.split('/')[0];
      const list = subcharts.get(subchartName) ?? [];
      list.push({ name: rest, data: file.data, sourcePath: file.sourcePath });
      subcharts.set(subchartName, list);
    } else chart.files.push(asChartFile);
  }
  if (!hasMetadata) throw new ChartLoadError('Chart.yaml file is missing', chart.chartFile);
  validateMetadata(chart);
  const names = [...subcharts.keys()].sort(goStringLess);
  for (const name of names) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const subFiles = subcharts.get(name) as BufferedFile[];
    const subDir = joinPath(sourceDir, `charts/${name}`);
    let subchart: LoadedChart;
    try {
      if (name.endsWith('.tgz')) {
        const file = subFiles[0];
        if (file.name !== name) {
          throw new ChartLoadError(`error unpacking subchart tar in ${chart.metadata.name}: expected ${name}, got ${file.name}`, file.sourcePath);
        }
        subchart = loadArchive(file.data, subDir);
      } else {
        const inner: BufferedFile[] = [];
        for (const file of subFiles) {
          const slash = file.name.indexOf('/');
          if (slash < 0) continue;
          inner.push({ name: file.name.slice(slash + 1), data: file.data, sourcePath: file.sourcePath });
        }
        subchart = loadFiles(inner, subDir);
      }
    } catch (error) {
      if (error instanceof ChartLoadError && !error.message.startsWith('error unpacking subchart tar')) {
        throw new ChartLoadError(`error unpacking subchart ${name} in ${chart.metadata.name}: ${error.message}`, error.file || subDir, error.start, error.end);
      }
      throw error;
    }
    subchart.parent = chart;
    chart.dependencies.push(subchart);
  }
  return chart;
}

/** A decoded values document as a map: nil is empty, anything but a map is Helm's unmarshal error. */
export function valuesMap(value: HelmValue | undefined, file: string, prefix: string): HelmMap {
  if (value === undefined || isNil(value)) return newMap();
  if (value.kind !== 'map') {
    const found = value.kind === 'list' ? 'array' : typeof value.value === 'string' ? 'string' : typeof value.value === 'boolean' ? 'bool' : 'number';
    throw new ChartLoadError(
      `${prefix}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${found} into Go value of type map[string]interface {}`,
      file,
      value.origin?.start ?? 0,
      value.origin?.end ?? 0,
    );
  }
  return value;
}

type FieldKind = 'string' | 'strings' | 'bool' | 'maintainers' | 'annotations' | 'dependencies' | 'any';

const metadataFields: [keyof ChartMetadata, string, FieldKind][] = [
  ['name', 'name', 'string'],
  ['home', 'home', 'string'],
  ['sources', 'sources', 'strings'],
  ['version', 'version', 'string'],
  ['description', 'description', 'string'],
  ['keywords', 'keywords', 'strings'],
  ['maintainers', 'maintainers', 'maintainers'],
  ['icon', 'icon', 'string'],
  ['apiVersion', 'apiVersion', 'string'],
  ['condition', 'condition', 'string'],
  ['tags', 'tags', 'string'],
  ['appVersion', 'appVersion', 'string'],
  ['deprecated', 'deprecated', 'bool'],
  ['annotations', 'annotations', 'annotations'],
  ['kubeVersion', 'kubeVersion', 'string'],
  ['dependencies', 'dependencies', 'dependencies'],
  ['type', 'type', 'string'],
];

/** encoding/json's field lookup: the exact name first, then a case-insensitive match. */
function findField<T>(fields: [T, string, FieldKind][], key: string): [T, string, FieldKind] | undefined {
  return fields.find((field) => field[1] === key) ?? fields.find((field) => field[1].toLowerCase() === key.toLowerCase());
}

class MetadataDecoder {
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly prefix: string,
  ) {}

  fail(message: string, value: HelmValue): never {
    throw new ChartLoadError(
      `${this.prefix}: error unmarshaling JSON: while decoding JSON: json: ${message}`,
      this.file,
      value.origin?.start ?? 0,
      value.origin?.end ?? 0,
    );
  }

  jsonKind(value: HelmValue): string {
    if (value.kind === 'map') return 'object';
    if (value.kind === 'list') return 'array';
    const v = value.value;
    return typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
  }

  /** sigs.k8s.io/yaml's conversion of a scalar for a string field: ints in decimal, floats as float32 shortest. */
  string(value: HelmValue, field: string): string | undefined {
    if (value.kind !== 'scalar') this.fail(`cannot unmarshal ${this.jsonKind(value)} into Go struct field ${field} of type string`, value);
    const v = value.value;
    if (v === null) return undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const raw = value.origin ? this.text.slice(value.origin.start, value.origin.end).replace(/_/g, '') : '';
    if (/^[-+]?(0[xXoObB]?)?[0-9a-fA-F]+$/.test(raw) && Number.isInteger(v)) {
      try {
        const negative = raw.startsWith('-');
        const digits = raw.replace(/^[-+]/, '');
        const big = /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
        return (negative ? -big : big).toString();
      } catch {
        return String(v);
      }
    }
    return formatFloat32Shortest(Number(v));
  }

  strings(value: HelmValue, field: string): string[] {
    if (isNil(value)) return [];
    if (value.kind !== 'list') this.fail(`cannot unmarshal ${this.jsonKind(value)} into Go struct field ${field} of type []string`, value);
    return value.items.map((item) => this.string(item, field) ?? '');
  }

  bool(value: HelmValue, field: string): boolean | undefined {
    if (isNil(value)) return undefined;
    if (value.kind !== 'scalar' || typeof value.value !== 'boolean')
      this.fail(`cannot unmarshal ${this.jsonKind(value)} into Go struct field ${field} of type bool`, value);
    return value.value as boolean;
  }

  map(value: HelmValue, field: string, type: string): HelmMap | undefined {
    if (isNil(value)) return undefined;
    if (value.kind !== 'map') this.fail(`cannot unmarshal ${this.jsonKind(value)} into Go struct field ${field} of type ${type}`, value);
    return value;
  }

  maintainers(value: HelmValue): Maintainer[] {
    if (isNil(value)) return [];
    if (value.kind !== 'list')
      this.fail(`cannot unmarshal ${this.jsonKind(value)} into Go struct field Metadata.maintainers of type []*chart.Maintainer`, value);
    return value.items.map((item) => {
      if (isNil(item)) return null as unknown as Maintainer;
      const map = this.map(item, 'Metadata.maintainers', 'chart.Maintainer') as HelmMap;
      const maintainer: Maintainer = { name: '', email: '', url: '' };
      const fields: [keyof Maintainer, string, FieldKind][] = [
        ['name', 'name', 'string'],
        ['email', 'email', 'string'],
        ['url', 'url', 'string'],
      ];
      for (const [key, child] of map.entries) {
        const field = findField(fields, key);
        if (field) maintainer[field[0]] = this.string(child, `Metadata.maintainers.${field[1]}`) ?? maintainer[field[0]];
      }
      return maintainer;
    });
  }

  dependencies(value: HelmValue, sourceText: string): ChartDependency[] {
    if (isNil(value)) return [];
    if (value.kind !== 'list')
      this.fail(`cannot unmarshal ${this.jsonKind(value)} into Go struct field Metadata.dependencies of type []*chart.Dependency`, value);
    void sourceText;
    return value.items.map((item) => {
      if (isNil(item)) return null as unknown as ChartDependency;
      const map = this.map(item, 'Metadata.dependencies', 'chart.Dependency') as HelmMap;
      const dependency: ChartDependency = { name: '', version: '', repository: '', condition: '', tags: [], enabled: false, importValues: [], alias: '' };
      dependency.span = { file: this.file, start: item.origin?.start ?? 0, end: item.origin?.end ?? 0 };
      const fields: [string, string, FieldKind][] = [
        ['name', 'name', 'string'],
        ['version', 'version', 'string'],
        ['repository', 'repository', 'string'],
        ['condition', 'condition', 'string'],
        ['tags', 'tags', 'strings'],
        ['enabled', 'enabled', 'bool'],
        ['importValues', 'import-values', 'any'],
        ['alias', 'alias', 'string'],
      ];
      for (const [key, child] of map.entries) {
        const field = findField(fields, key);
        if (!field) continue;
        const path = `Metadata.dependencies.${field[1]}`;
        switch (field[0]) {
          case 'tags':
            dependency.tags = this.strings(child, path);
            break;
          case 'enabled':
            dependency.enabled = this.bool(child, path) ?? dependency.enabled;
            break;
          case 'importValues':
            if (isNil(child)) dependency.importValues = [];
            else if (child.kind !== 'list') this.fail(`cannot unmarshal ${this.jsonKind(child)} into Go struct field ${path} of type []interface {}`, child);
            else dependency.importValues = child.items;
            break;
          default: {
            const text = this.string(child, path);
            if (text !== undefined) (dependency as unknown as Record<string, string>)[field[0]] = text;
            if (field[0] === 'name' && child.origin) dependency.span = { file: this.file, start: child.origin.start, end: child.origin.end };
          }
        }
      }
      return dependency;
    });
  }
}

/** Where each Chart.yaml field was written, for validation errors. */
const fieldSpans = new WeakMap<ChartMetadata, Map<string, { file: string; start: number; end: number }>>();

/** Fills `metadata` from a Chart.yaml-shaped file; true when it holds a non-null `dependencies` list. */
function decodeMetadata(file: BufferedFile, metadata: ChartMetadata, prefix: string): boolean {
  let dependencyList = false;
  const text = decodeText(file.data);
  const decoded = decodeYaml(text, file.sourcePath);
  if (decoded.error) throw new ChartLoadError(`${prefix}: ${decoded.error.message}`, file.sourcePath, decoded.error.start, decoded.error.end);
  const map = valuesMap(decoded.value, file.sourcePath, prefix);
  const decoder = new MetadataDecoder(text, file.sourcePath, prefix);
  const target = metadata as unknown as Record<string, unknown>;
  const spans = fieldSpans.get(metadata) ?? new Map<string, { file: string; start: number; end: number }>();
  fieldSpans.set(metadata, spans);
  for (const [key, value] of map.entries) {
    const field = findField(metadataFields, key);
    if (!field) continue;
    const [name, jsonName, kind] = field;
    if (value.origin) spans.set(name, { file: value.origin.file, start: value.origin.keyStart ?? value.origin.start, end: value.origin.end });
    const path = `Metadata.${jsonName}`;
    switch (kind) {
      case 'string': {
        const text = decoder.string(value, path);
        if (text !== undefined) target[name] = text;
        break;
      }
      case 'strings':
        target[name] = decoder.strings(value, path);
        break;
      case 'bool':
        target[name] = decoder.bool(value, path) ?? target[name];
        break;
      case 'maintainers':
        target[name] = decoder.maintainers(value);
        break;
      case 'annotations': {
        const annotations = decoder.map(value, path, 'map[string]string');
        const out: Record<string, string> = {};
        if (annotations) for (const [k, v] of annotations.entries) out[k] = decoder.string(v, path) ?? '';
        target[name] = out;
        break;
      }
      case 'dependencies':
        target[name] = decoder.dependencies(value, text);
        dependencyList = !isNil(value);
        break;
    }
  }
  return dependencyList;
}

/** unicode.IsSpace → ' ', non-printable characters dropped (chart.sanitizeString). */
function sanitize(text: string): string {
  let out = '';
  for (const char of text) {
    if (/\s/u.test(char)) out += ' ';
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(char)) out += char;
  }
  return out;
}

function validateMetadata(chart: LoadedChart): void {
  const md = chart.metadata;
  const spans = fieldSpans.get(md);
  const fail = (message: string, field?: keyof ChartMetadata): never => {
    const span = field ? spans?.get(field) : undefined;
    throw new ChartLoadError(`validation: ${message}`, span?.file ?? chart.chartFile, span?.start ?? 0, span?.end ?? 0);
  };
  md.name = sanitize(md.name);
  md.description = sanitize(md.description);
  md.home = sanitize(md.home);
  md.icon = sanitize(md.icon);
  md.condition = sanitize(md.condition);
  md.tags = sanitize(md.tags);
  md.appVersion = sanitize(md.appVersion);
  md.kubeVersion = sanitize(md.kubeVersion);
  md.sources = md.sources.map(sanitize);
  md.keywords = md.keywords.map(sanitize);
  if (md.apiVersion === '') fail('chart.metadata.apiVersion is required');
  if (md.name === '') fail('chart.metadata.name is required');
  if (md.name === '.' || md.name === '..') fail(`chart.metadata.name "${md.name}" is not allowed`, 'name');
  if (md.name.includes('/')) fail(`chart.metadata.name "${md.name}" is invalid`, 'name');
  if (md.version === '') fail('chart.metadata.version is required');
  if (!parseVersion(md.version)) fail(`chart.metadata.version "${md.version}" is invalid`, 'version');
  if (!['', 'application', 'library'].includes(md.type)) fail('chart.metadata.type must be application or library', 'type');
  for (const maintainer of md.maintainers) {
    if (maintainer === null) fail('maintainers must not contain empty or null nodes');
    maintainer.name = sanitize(maintainer.name);
    maintainer.email = sanitize(maintainer.email);
    maintainer.url = sanitize(maintainer.url);
  }
  const seen = new Set<string>();
  for (const dependency of md.dependencies) {
    if (dependency === null) fail('dependencies must not contain empty or null nodes');
    dependency.name = sanitize(dependency.name);
    dependency.version = sanitize(dependency.version);
    dependency.repository = sanitize(dependency.repository);
    dependency.condition = sanitize(dependency.condition);
    dependency.tags = dependency.tags.map(sanitize);
    if (dependency.alias !== '' && !/^[a-zA-Z0-9_-]+$/.test(dependency.alias))
      fail(`dependency "${dependency.name}" has disallowed characters in the alias`, 'dependencies');
    const key = dependency.alias || dependency.name;
    if (seen.has(key)) fail(`more than one dependency with name or alias "${key}"`, 'dependencies');
    seen.add(key);
  }
}

/**
 * action.CheckDependencies: every dependency Chart.yaml lists must be loaded
 * from `charts/`. The error is Helm's, wrapped as `helm template` wraps it,
 * and placed on the first missing entry in Chart.yaml.
 */
export function checkDependencies(chart: LoadedChart): ChartError | undefined {
  const missing: ChartDependency[] = [];
  for (const dependency of chart.metadata.dependencies) {
    if (!chart.dependencies.some((loaded) => loaded.metadata.name === dependency.name)) missing.push(dependency);
  }
  if (missing.length === 0) return undefined;
  const message =
    'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
    `found in Chart.yaml, but missing in charts/ directory: ${missing.map((dependency) => dependency.name).join(', ')}`;
  const span = missing[0].span;
  return { message, file: span?.file ?? chart.chartFile, start: span?.start ?? 0, end: span?.end ?? 0 };
}

export { isCompatibleRange };
