/**
 * `helm template` in-process: load the chart, compute the values, render
 * every template with Helm's objects and functions, and lay the output out
 * as Helm prints it, with a source map from every output character to the
 * template, values file or `--set` argument it came from.
 *
 * A chart with failing templates still renders the others (the editor wants
 * them); `errors` lists every failure, and `helmError` is the one message
 * `helm template` would print (after `Error: `) for the first of them.
 */
import { type ReadonlyFileSystem, normalizePath } from '../../files';
import { type Segment, type SourceMap } from '../../source-map';
import { type TemplateError } from '../template/errors';
import { type FuncMap } from '../template/funcs';
import { type MappedString, removeNoValue, ValueLocations } from '../template/origin';
import { type TemplateSetOptions } from '../template/template';
import { type GoObject, type GoValue, typedView, withType } from '../template/values';
import { type ChartFile, chartFullPath, crdObjects, decodeText, isLibraryChart, type LoadedChart } from './chart';
import { CoalesceError, coalesceValues, mergeMaps } from './coalesce';
import { processDependencies } from './dependencies';
import { createTemplateSet } from './engine';
import { helmFunctions } from './functions';
import { helmValueToGo } from './go-encoding';
import { type ChartError, ChartLoadError, checkDependencies, loadChart, valuesMap } from './loader';
import { assembleOutput, type OutputDocument, type OutputFile, sortManifests } from './manifests';
import {
  capabilitiesObject,
  chartObject,
  defaultApiVersions,
  filesObject,
  type KubeVersion,
  parseKubeVersion,
  releaseObject,
  templateObject,
  valuesType,
} from './objects';
import { validateValuesAgainstSchemas } from './schema';
import { isCompatibleRange } from './semver';
import { parseSetInto, type SetMode } from './strvals';
import { type HelmMap, newMap } from './values';
import { decodeYaml } from './yaml-decode';

/** The options of `helm template` that change what it prints (the names of the conformance samples' args.json). */
export interface HelmOptions {
  /** `.Release.Name` (default `release-name`). */
  releaseName?: string;
  /** `.Release.Namespace` (default `default`). */
  namespace?: string;
  /** `-f` files, in order; relative paths are resolved against `baseDir`. */
  values?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  /** `--set-file key=path`: the path is resolved against `baseDir`. */
  setFile?: string[];
  /** `--kube-version` (default v1.36.0, the Kubernetes of Helm 3.21's client libraries). */
  kubeVersion?: string;
  apiVersions?: string[];
  showOnly?: string[] | null;
  includeCrds?: boolean;
  skipTests?: boolean;
  noHooks?: boolean;
  isUpgrade?: boolean;
  /** `--name-template`: the release name is this template's output. */
  nameTemplate?: string;
  /** Where relative `-f` and `--set-file` paths start (default: the directory holding the chart). */
  baseDir?: string;
  /** Sprig's functions (without `env` and `expandenv`, which Helm removes); Helm's own are laid over them. */
  functions?: FuncMap;
}

/** A failure, in Helm's words, placed where it applies (file relative to the chart directory; `--set[0]`-style names for arguments). */
export type RenderError = ChartError;

export interface RenderedDocument extends OutputDocument {
  /** The template (or CRD) file, relative to the chart directory. */
  file: string;
}

export interface RenderResult {
  /** What `helm template` prints on standard output. */
  text: string;
  sourceMap: SourceMap;
  documents: RenderedDocument[];
  errors: RenderError[];
  /** The message `helm template` exits with (it prints `Error: ` before it), when it would fail. */
  helmError?: string;
  /** The rendered NOTES.txt of the chart (not part of the output, as in `helm template`). */
  notes?: string;
  /** The `--output-dir` layout: one file per template, with its own source map. */
  outputFiles: { path: string; text: string; sourceMap: SourceMap }[];
}

const defaultKubeVersion = 'v1.36.0';

function emptyResult(errors: RenderError[], helmError?: string): RenderResult {
  return { text: '', sourceMap: { segments: [] }, documents: [], errors, helmError, outputFiles: [] };
}

function resolve(baseDir: string, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${baseDir}/${path}`);
}

/** A path relative to the chart directory (`../values/prod.yaml` for files outside it). */
function relativeTo(chartDir: string, path: string): string {
  const from = normalizePath(chartDir).split('/').filter(Boolean);
  const to = normalizePath(path).split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return [...Array(from.length - common).fill('..'), ...to.slice(common)].join('/');
}

interface UserValues {
  values: HelmMap;
  errors: RenderError[];
}

/** cli/values.Options.MergeValues: `-f` files, then `--set-json`, `--set`, `--set-string`, `--set-file`. */
function userValues(fs: ReadonlyFileSystem, chartDir: string, baseDir: string, options: HelmOptions): UserValues {
  let base = newMap();
  const errors: RenderError[] = [];
  for (const path of options.values ?? []) {
    const absolute = resolve(baseDir, path);
    const file = relativeTo(chartDir, absolute);
    const text = fs.readText(absolute);
    if (text === undefined) {
      errors.push({ message: `open ${path}: no such file or directory`, file: '', start: 0, end: 0 });
      continue;
    }
    const decoded = decodeYaml(text.replace(/^\uFEFF/, ''), file);
    if (decoded.error) {
      errors.push({ message: `failed to parse ${path}: ${decoded.error.message}`, file, start: decoded.error.start, end: decoded.error.end });
      continue;
    }
    try {
      base = mergeMaps(base, valuesMap(decoded.value, file, `failed to parse ${path}`));
    } catch (error) {
      if (!(error instanceof ChartLoadError)) throw error;
      errors.push(error.toChartError());
    }
  }
  const apply = (list: string[] | undefined, mode: SetMode, flag: string, wrap: (value: string, message: string) => string): void => {
    (list ?? []).forEach((argument, index) => {
      const file = `${flag}[${index}]`;
      const error = parseSetInto(argument, base, mode, file, (path) => {
        const absolute = resolve(baseDir, path);
        const text = fs.readText(absolute);
        return text === undefined ? { error: `open ${path}: no such file or directory` } : { text, file: relativeTo(chartDir, absolute) };
      });
      if (error) errors.push({ message: wrap(argument, error.message), file, start: 0, end: argument.length });
    });
  };
  apply(options.setJson, 'json', '--set-json', (value) => `failed parsing --set-json data ${value}`);
  apply(options.set, 'set', '--set', (_value, message) => `failed parsing --set data: ${message}`);
  apply(options.setString, 'string', '--set-string', (_value, message) => `failed parsing --set-string data: ${message}`);
  apply(options.setFile, 'file', '--set-file', (_value, message) => `failed parsing --set-file data: ${message}`);
  return { values: base, errors };
}

const noFunctions: FuncMap = {};
const combinedFunctions = new WeakMap<FuncMap, FuncMap>();

/**
 * Sprig's functions less `env` and `expandenv`, with Helm's laid over them.
 * The same map object for the same sprig map: the template engine caches
 * parsed templates by it, so an unchanged template is not parsed again.
 */
function engineFunctions(sprig: FuncMap = noFunctions): FuncMap {
  let combined = combinedFunctions.get(sprig);
  if (!combined) {
    const functions: Record<string, FuncMap[string]> = { ...sprig };
    delete functions.env;
    delete functions.expandenv;
    combined = { ...functions, ...helmFunctions('gotpl') };
    combinedFunctions.set(sprig, combined);
  }
  return combined;
}

const validReleaseName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** engine.sortTemplates: deeper paths first, then reverse lexical order. */
function sortTemplateNames(names: string[]): string[] {
  // Depth and bytes once per name, not per comparison.
  const keyed = names.map((name) => ({ name, depth: name.split('/').length - 1, bytes: Buffer.from(name) }));
  const less = (a: (typeof keyed)[number], b: (typeof keyed)[number]): boolean =>
    a.depth === b.depth ? Buffer.compare(a.bytes, b.bytes) < 0 : a.depth < b.depth;
  return keyed.sort((a, b) => (less(b, a) ? -1 : less(a, b) ? 1 : 0)).map((entry) => entry.name);
}

interface Renderable {
  name: string;
  file: ChartFile;
  data: GoObject;
  basePath: string;
}

/** engine.recAllTpls: every template of every chart, each with the data its chart's templates see. */
function collectTemplates(
  chart: LoadedChart,
  parentData: GoObject,
  out: Map<string, Renderable>,
  rootValues: GoValue,
  importValue: (value: unknown) => GoValue,
): GoObject {
  const subcharts: GoObject = Object.create(null);
  const data: GoObject = Object.create(null);
  data.Chart = chartObject(chart.metadata, !chart.parent, importValue);
  data.Files = filesObject(chart.files);
  data.Release = parentData.Release;
  data.Capabilities = parentData.Capabilities;
  data.Values = withType(Object.create(null) as GoObject, valuesType);
  data.Subcharts = subcharts;
  if (!chart.parent) data.Values = rootValues;
  else {
    const parentValues = parentData.Values;
    const section =
      parentValues !== null && typeof parentValues === 'object' && !Array.isArray(parentValues) ? (parentValues as GoObject)[chart.metadata.name] : undefined;
    if (section !== null && section !== undefined && typeof section === 'object' && !Array.isArray(section) && Object.getPrototypeOf(section) === null) {
      data.Values = typedView(section as GoObject, valuesType);
    }
  }
  for (const dependency of chart.dependencies) subcharts[dependency.metadata.name] = collectTemplates(dependency, data, out, rootValues, importValue);
  const prefix = chartFullPath(chart);
  for (const template of chart.templates) {
    if (isLibraryChart(chart) && !template.name.slice(template.name.lastIndexOf('/') + 1).startsWith('_')) continue;
    out.set(`${prefix}/${template.name}`, { name: `${prefix}/${template.name}`, file: template, data, basePath: `${prefix}/templates` });
  }
  return data;
}

/** engine.cleanupParseError. */
function parseErrorMessage(name: string, error: TemplateError): string {
  const tokens = error.message.split(': ');
  if (tokens.length === 1) return `parse error in (${name}): ${error.message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/** engine.cleanupExecError: Helm's `execution error at (…)` for `required` and `fail`, Go's text otherwise. */
function execErrorMessage(name: string, error: TemplateError): string {
  if (error.kind === 'parse') return error.message;
  const message = error.message;
  const first = message.indexOf(': ');
  const second = first < 0 ? -1 : message.indexOf(': ', first + 2);
  if (first < 0 || second < 0) return `execution error in (${name}): ${message}`;
  const location = message.slice(first + 2, second);
  const rest = message.slice(second + 2);
  const warning = /HELM_ERR_START([\s\S]*)HELM_ERR_END/.exec(rest);
  if (warning) return `execution error at (${location}): ${warning[1]}`;
  return message;
}

/** The innermost place of a template error (an error inside an include is shown where it happened). */
function errorPlace(error: TemplateError, fallbackFile: string): { file: string; start: number; end: number } {
  let inner = error;
  while (inner.cause && inner.cause.file) inner = inner.cause;
  const file = inner.file ?? fallbackFile;
  const offset = inner.offset ?? 0;
  return { file, start: offset, end: offset };
}

function stripSegments(mapped: MappedString, prefixLength = 0): Segment[] {
  return mapped.segments.map((s) => ({ ...s, outStart: s.outStart + prefixLength, outEnd: s.outEnd + prefixLength }));
}

/** What rendering the templates produced, before the output is laid out. */
export interface RenderedTemplates {
  chart?: LoadedChart;
  /** Every rendered template by name (`CHART/templates/FILE`), `<no value>` removed; failed templates are absent. */
  rendered: Map<string, MappedString>;
  /** Template name → its file. */
  templates: Map<string, ChartFile>;
  errors: RenderError[];
  helmError?: string;
}

/** engine.Render with everything `helm template` does before it: values, dependencies, schema, capabilities. */
export function renderTemplates(fs: ReadonlyFileSystem, chartDir: string, options: HelmOptions = {}): RenderedTemplates {
  try {
    return renderTemplatesUnguarded(fs, chartDir, options);
  } catch (error) {
    const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return { rendered: new Map(), templates: new Map(), errors: [{ message, file: '', start: 0, end: 0 }], helmError: message };
  }
}

function renderTemplatesUnguarded(fs: ReadonlyFileSystem, chartDir: string, options: HelmOptions): RenderedTemplates {
  const dir = normalizePath(chartDir);
  const baseDir = options.baseDir ?? normalizePath(`${dir}/..`);
  const errors: RenderError[] = [];
  // Helm's first failure decides its exit; later steps still run for the editor.
  let helmError: string | undefined;
  const fail = (error: RenderError, suffix = ''): void => {
    errors.push(error);
    if (helmError === undefined) helmError = error.message + suffix;
  };
  const renderSuffix = '\n\nUse --debug flag to render out invalid YAML';

  let kube: KubeVersion = { version: defaultKubeVersion, major: '1', minor: '36' };
  if (options.kubeVersion) {
    const parsed = parseKubeVersion(options.kubeVersion);
    if ('error' in parsed) {
      fail({ message: `invalid kube version '${options.kubeVersion}': ${parsed.error}`, file: '', start: 0, end: 0 });
      return { rendered: new Map(), templates: new Map(), errors, helmError };
    }
    kube = parsed.version;
  }

  let releaseName = options.releaseName ?? 'release-name';
  if (options.nameTemplate) {
    const nameSet = createTemplateSet({ funcs: options.functions ?? {}, rootName: 'name-template' });
    const parseError = nameSet.parse('name-template', options.nameTemplate, { file: '--name-template' });
    if (parseError) fail({ message: parseError.message, file: '--name-template', start: parseError.offset ?? 0, end: parseError.offset ?? 0 });
    else {
      const result = nameSet.execute('name-template', null);
      if (result.ok) releaseName = result.output.text;
      else fail({ message: result.error.message, file: '--name-template', start: result.error.offset ?? 0, end: result.error.offset ?? 0 });
    }
  }

  const user = userValues(fs, dir, baseDir, options);
  for (const error of user.errors) fail(error);

  let chart: LoadedChart;
  try {
    chart = loadChart(fs, dir);
  } catch (error) {
    if (error instanceof ChartLoadError) {
      fail(error.toChartError());
      return { rendered: new Map(), templates: new Map(), errors, helmError };
    }
    throw error;
  }
  const type = chart.metadata.type;
  if (type !== '' && type !== 'application') {
    fail({ message: `${type} charts are not installable`, file: chart.chartFile, start: 0, end: 0 });
    return { rendered: new Map(), templates: new Map(), errors, helmError };
  }
  if (chart.dependencyListGiven) {
    const missing = checkDependencies(chart);
    if (missing) fail(missing);
  }
  if (releaseName === '') fail({ message: 'release name "": no name provided', file: '', start: 0, end: 0 });
  else if (releaseName.length > 53 || !validReleaseName.test(releaseName)) {
    fail({
      message: `release name "${releaseName}": invalid release name, must match regex ${validReleaseName.source} and the length must not be longer than 53`,
      file: '',
      start: 0,
      end: 0,
    });
  }

  let coalesced: HelmMap;
  try {
    processDependencies(chart, user.values);
    coalesced = coalesceValues(chart, user.values);
  } catch (error) {
    if (!(error instanceof CoalesceError)) throw error;
    fail({ message: error.message, file: '', start: 0, end: 0 });
    return { rendered: new Map(), templates: new Map(), errors, helmError };
  }
  const schemaError = validateValuesAgainstSchemas(chart, coalesced);
  if (schemaError) fail(schemaError);

  if (chart.metadata.kubeVersion !== '' && !isCompatibleRange(chart.metadata.kubeVersion, kube.version)) {
    fail(
      {
        message: `chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`,
        file: chart.chartFile,
        start: 0,
        end: 0,
      },
      renderSuffix,
    );
  }

  // The render values.
  const locations = new ValueLocations();
  const rootValues = withType(helmValueToGo(coalesced, locations) as GoObject, valuesType);
  const top: GoObject = Object.create(null);
  top.Release = releaseObject(releaseName, options.namespace ?? 'default', options.isUpgrade ?? false);
  top.Capabilities = capabilitiesObject(kube, [...defaultApiVersions, ...(options.apiVersions ?? [])]);
  top.Values = rootValues;
  const importValue = (value: unknown): GoValue => helmValueToGo(value as never);
  const templates = new Map<string, Renderable>();
  collectTemplates(chart, top, templates, rootValues, importValue);

  const set = createTemplateSet({ funcs: engineFunctions(options.functions), missingKey: 'zero', rootName: 'gotpl' } satisfies TemplateSetOptions);
  const order = sortTemplateNames([...templates.keys()]);
  const failed = new Set<string>();
  for (const name of order) {
    const template = templates.get(name) as Renderable;
    const error = set.parse(name, decodeText(template.file.data), { file: template.file.sourcePath });
    if (error) {
      failed.add(name);
      fail({ message: parseErrorMessage(name, error), file: template.file.sourcePath, start: error.offset ?? 0, end: error.offset ?? 0 }, renderSuffix);
    }
  }
  const rendered = new Map<string, MappedString>();
  const scratch = new Map<unknown, unknown>();
  for (const name of order) {
    if (failed.has(name) || name.slice(name.lastIndexOf('/') + 1).startsWith('_')) continue;
    const template = templates.get(name) as Renderable;
    template.data.Template = templateObject(name, template.basePath);
    const result = set.execute(name, template.data, { locations, scratch, maxSteps: 5_000_000, maxOutput: 32 << 20 });
    if (!result.ok) {
      fail({ message: execErrorMessage(name, result.error), ...errorPlace(result.error, template.file.sourcePath) }, renderSuffix);
      continue;
    }
    rendered.set(name, removeNoValue(result.output));
  }
  const files = new Map<string, ChartFile>();
  for (const [name, template] of templates) files.set(name, template.file);
  return { chart, rendered, templates: files, errors, helmError };
}

/** Renders the chart at `chartDir` as `helm template` does. Never throws for bad input. */
export function renderChart(fs: ReadonlyFileSystem, chartDir: string, options: HelmOptions = {}): RenderResult {
  try {
    return renderChartUnguarded(fs, chartDir, options);
  } catch (error) {
    // A defect here must not take the editor or the CLI down: it becomes an error like any other.
    const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return emptyResult([{ message, file: '', start: 0, end: 0 }], message);
  }
}

function renderChartUnguarded(fs: ReadonlyFileSystem, chartDir: string, options: HelmOptions): RenderResult {
  const stage = renderTemplates(fs, chartDir, options);
  const { chart, rendered, templates, errors } = stage;
  let helmError = stage.helmError;
  const fail = (error: RenderError, suffix = ''): void => {
    errors.push(error);
    if (helmError === undefined) helmError = error.message + suffix;
  };
  if (!chart) return emptyResult(errors, helmError);
  const renderSuffix = '\n\nUse --debug flag to render out invalid YAML';

  // NOTES.txt files are not manifests; the root chart's is the release notes.
  let notes: string | undefined;
  for (const name of [...rendered.keys()]) {
    if (!name.endsWith('NOTES.txt')) continue;
    if (name === `${chart.metadata.name}/templates/NOTES.txt`) notes = (rendered.get(name) as MappedString).text;
    rendered.delete(name);
  }

  const sorted = sortManifests(rendered);
  for (const error of sorted.errors) {
    const file = templates.get(error.template);
    const first = error.content.segments[0];
    fail({ message: error.message, file: file?.sourcePath ?? '', start: first?.srcStart ?? 0, end: first?.srcStart ?? 0 }, renderSuffix);
  }
  const crds = crdObjects(chart).map(({ filename, file }) => {
    const text = decodeText(file.data);
    return {
      filename,
      content: {
        text,
        segments:
          text.length > 0 ? [{ outStart: 0, outEnd: text.length, file: file.sourcePath, srcStart: 0, srcEnd: text.length, origin: 'text' as const }] : [],
      },
    };
  });
  const assembled = assembleOutput(sorted, crds, {
    includeCrds: options.includeCrds ?? false,
    skipTests: options.skipTests ?? false,
    noHooks: options.noHooks ?? false,
    showOnly: options.showOnly ?? [],
  });
  for (const message of assembled.errors) fail({ message, file: '', start: 0, end: 0 });

  const fileOfSource = new Map<string, string>();
  for (const [name, file] of templates) fileOfSource.set(name, file.sourcePath);
  for (const crd of crdObjects(chart)) fileOfSource.set(crd.filename, crd.file.sourcePath);
  return {
    text: assembled.output.text,
    sourceMap: { segments: stripSegments(assembled.output) },
    documents: assembled.documents.map((document) => ({ ...document, file: fileOfSource.get(document.source) ?? '' })),
    errors,
    helmError,
    notes,
    outputFiles: assembled.files.map((file: OutputFile) => ({ path: file.path, text: file.output.text, sourceMap: { segments: stripSegments(file.output) } })),
  };
}
