/**
 * kustomize's HelmChartInflationGenerator (`helmCharts`, as `kustomize build
 * --enable-helm` runs it) with the in-process Helm renderer instead of a `helm`
 * subprocess. Only charts already under the chart home are rendered: nothing is
 * pulled. Every scalar of the rendered objects keeps its origin in the chart's
 * templates, its values files or the kustomization's `valuesInline`, so that
 * findings land in the files the user edits.
 */
import { normalizePath, OverlayFileSystem, type ReadonlyFileSystem } from '../files';
import { segmentAt, type Segment, type SourceMap } from '../source-map';
import { renderChart, type HelmOptions } from '../helm/chart';
import { sprigFunctions } from '../helm/functions';
import { emitStream } from './emit';
import { BuildError, type Place } from './errors';
import type { Kustomization } from './kustomization';
import { joinPath, type Loader } from './loader';
import { clone, emptyMap, getEntry, getField, isNull, type KMap, type KNode, type Origin, setField } from './model';

/** One `helmCharts` entry with kustomize's defaults applied. */
export interface HelmChartArgs {
  name: string;
  version?: string;
  repo?: string;
  releaseName?: string;
  namespace?: string;
  nameTemplate?: string;
  /** Absolute. */
  valuesFile: string;
  valuesInline?: KMap;
  valuesMerge: 'override' | 'merge' | 'replace';
  /** Absolute. */
  additionalValuesFiles: string[];
  includeCRDs: boolean;
  skipHooks: boolean;
  skipTests: boolean;
  apiVersions: string[];
  kubeVersion?: string;
  /** The directory the chart's own directory is looked up in. */
  chartHome: string;
  /** The kustomization's directory: the root its loader restricts files to. */
  root: string;
  place: Place;
}

export interface InflatedObject {
  node: KMap;
  /** The template the object was rendered from, relative to the build root. */
  file: string;
  start: number;
  end: number;
}

const MERGE_OPTIONS = ['merge', 'override', 'replace'] as const;
const LEGACY_FIELDS: Record<string, string> = {
  chartName: 'name',
  chartVersion: 'version',
  chartRepoUrl: 'repo',
  values: 'valuesFile',
  valuesLocal: 'valuesInline',
  valuesMerge: 'valuesMerge',
  releaseName: 'releaseName',
};

function scalarField(args: KMap, key: string): string | undefined {
  const node = getField(args, key);
  return node && node.kind === 'scalar' && !isNull(node) ? node.value : undefined;
}

function boolField(args: KMap, key: string): boolean {
  return scalarField(args, key) === 'true';
}

function stringList(args: KMap, key: string, place: Place): string[] {
  const node = getField(args, key);
  if (!node || isNull(node)) return [];
  if (node.kind !== 'seq') throw new BuildError(`json: cannot unmarshal into Go struct field HelmChart.${key} of type []string`, place);
  return node.items.map((item) => (item.kind === 'scalar' ? item.value : ''));
}

/** The `helmCharts` entries, with the legacy `helmChartInflationGenerator` folded in as kustomize's FixKustomization does. */
function chartEntries(k: Kustomization): { charts: KMap[]; globals: KMap | undefined } {
  const charts = [...k.list('helmCharts')];
  let globals = k.field('helmGlobals');
  if (globals && globals.kind !== 'map') throw k.typeError('helmGlobals', globals, 'HelmGlobals');
  for (const legacy of k.list('helmChartInflationGenerator')) {
    const chart = emptyMap(legacy.origin);
    for (const entry of legacy.entries) {
      const renamed = LEGACY_FIELDS[entry.key.value];
      if (renamed) setField(chart, { ...entry.key, value: renamed }, entry.value);
    }
    charts.push(chart);
    const chartHome = getEntry(legacy, 'chartHome');
    if (!k.field('helmGlobals') && chartHome && !isNull(chartHome.value)) {
      globals = globals ?? emptyMap(legacy.origin);
      setField(globals as KMap, chartHome.key, chartHome.value);
    }
  }
  return { charts, globals: globals as KMap | undefined };
}

/** The plugin's Config and validateArgs: every chart is configured before any generator runs. */
export function helmChartArgs(k: Kustomization, loader: Loader): HelmChartArgs[] {
  const { charts, globals } = chartEntries(k);
  const home = (globals && scalarField(globals, 'chartHome')) || 'charts';
  return charts.map((args) => {
    const place = k.place(args);
    const name = scalarField(args, 'name') ?? '';
    if (!name) throw new BuildError('chart name cannot be empty', place);
    const version = scalarField(args, 'version');
    const repo = scalarField(args, 'repo');
    let chartHome = joinPath(k.dir, home);
    if (version && repo) chartHome = joinPath(chartHome, `${name}-${version}`);
    const valuesFile = scalarField(args, 'valuesFile');
    const additionalValuesFiles = stringList(args, 'additionalValuesFiles', place).map((file) => {
      try {
        loader.load(k.dir, file, place);
      } catch (error) {
        if (error instanceof BuildError) throw new BuildError(`could not load additionalValuesFile: ${error.message}`, error.place);
        throw error;
      }
      return joinPath(k.dir, file);
    });
    const merge = scalarField(args, 'valuesMerge') || 'override';
    if (!(MERGE_OPTIONS as readonly string[]).includes(merge)) {
      throw new BuildError(`valuesMerge must be one of [${MERGE_OPTIONS.join(' ')}]`, k.place(getField(args, 'valuesMerge')));
    }
    const inline = getField(args, 'valuesInline');
    if (inline && !isNull(inline) && inline.kind !== 'map') {
      throw new BuildError('json: cannot unmarshal into Go struct field HelmChart.valuesInline of type map[string]interface {}', k.place(inline));
    }
    return {
      name,
      version,
      repo,
      releaseName: scalarField(args, 'releaseName'),
      namespace: scalarField(args, 'namespace'),
      nameTemplate: scalarField(args, 'nameTemplate'),
      valuesFile: valuesFile ? joinPath(k.dir, valuesFile) : joinPath(joinPath(chartHome, name), 'values.yaml'),
      valuesInline: inline && inline.kind === 'map' ? inline : undefined,
      valuesMerge: merge as HelmChartArgs['valuesMerge'],
      additionalValuesFiles,
      includeCRDs: boolField(args, 'includeCRDs'),
      skipHooks: boolField(args, 'skipHooks'),
      skipTests: boolField(args, 'skipTests'),
      apiVersions: stringList(args, 'apiVersions', place),
      kubeVersion: scalarField(args, 'kubeVersion'),
      chartHome,
      root: k.dir,
      place,
    };
  });
}

/** merge2.Merge: `src` wins over `dest`, maps merge key by key, a null in `src` removes the key. */
function mergeValues(src: KMap, dest: KMap): KMap {
  const out = clone(dest);
  for (const entry of src.entries) {
    const key = entry.key.value;
    if (isNull(entry.value)) {
      out.entries = out.entries.filter((e) => e.key.value !== key);
      continue;
    }
    const existing = getField(out, key);
    if (entry.value.kind === 'map')
      setField(out, entry.key, mergeValues(entry.value, existing && existing.kind === 'map' ? existing : emptyMap(entry.value.origin)));
    else setField(out, entry.key, clone(entry.value));
  }
  return out;
}

/** Where a run of the merged values file came from (the kustomization's valuesInline or the values file). */
function throughSegments(segments: Segment[], start: number): Segment | null {
  return segmentAt({ segments }, start);
}

/** The chart's objects, as the plugin's Generate returns them. */
export function inflateChart(chart: HelmChartArgs, loader: Loader, filesRead: Set<string>): InflatedObject[] {
  const chartDir = joinPath(chart.chartHome, chart.name);
  if (!loader.isDirectory(chartDir)) {
    if (!chart.repo) throw new BuildError(`no repo specified for pull, no chart found at ''`, chart.place);
    throw new BuildError(
      `chart '${chart.name}' not found at '${chartDir}': pulling it from ${chart.repo} is not done here; pull it into the chart home first (helm pull --untar)`,
      chart.place,
    );
  }
  const valuesText = loader.load(chart.root, chart.valuesFile, chart.place);
  filesRead.add(loader.display(chart.valuesFile));
  let fs: ReadonlyFileSystem = loader.fs;
  let valuesPath = chart.valuesFile;
  let mergedSegments: Segment[] = [];
  if (chart.valuesInline && chart.valuesInline.entries.length > 0) {
    let merged = chart.valuesInline;
    if (chart.valuesMerge !== 'replace') {
      const { nodes, error } = loader.documents(chart.valuesFile, valuesText);
      const file = loader.display(chart.valuesFile);
      if (error) throw new BuildError(`could not parse values file into rnode: ${error.message}`, { file, start: error.start, end: error.end });
      const fromFile = nodes[0] && nodes[0].kind === 'map' ? nodes[0] : emptyMap();
      merged = chart.valuesMerge === 'override' ? mergeValues(chart.valuesInline, fromFile) : mergeValues(fromFile, chart.valuesInline);
    }
    const emitted = emitStream([merged]);
    valuesPath = joinPath(loader.buildRoot, `.kustomize-helm/${chart.name}-kustomize-values.yaml`);
    const withValues = new OverlayFileSystem(loader.fs);
    // The merged values kustomize writes to a temporary directory for Helm.
    withValues.texts.set(normalizePath(valuesPath), emitted.text);
    fs = withValues;
    mergedSegments = emitted.segments;
  }
  const options: HelmOptions = {
    values: [valuesPath, ...chart.additionalValuesFiles],
    apiVersions: chart.apiVersions,
    includeCrds: chart.includeCRDs,
    skipTests: chart.skipTests,
    noHooks: chart.skipHooks,
    functions: sprigFunctions(),
  };
  // helm template takes a positional release name over --name-template.
  if (chart.releaseName) options.releaseName = chart.releaseName;
  else if (chart.nameTemplate) options.nameTemplate = chart.nameTemplate;
  if (chart.namespace) options.namespace = chart.namespace;
  if (chart.kubeVersion) options.kubeVersion = chart.kubeVersion;
  const result = renderChart(fs, chartDir, options);
  if (result.helmError !== undefined || result.errors.length > 0) {
    const first = result.errors[0];
    const message = result.helmError ?? first?.message ?? 'render failed';
    const place: Place = first?.file ? { file: loader.display(joinPath(chartDir, first.file)), start: first.start, end: first.end } : chart.place;
    throw new BuildError(`Error: ${message}\n: unable to render chart '${chart.name}' (helm template ${chartDir})`, place);
  }
  const translate = new OriginTranslator(loader, chartDir, result.sourceMap, valuesPath, mergedSegments);
  for (const segment of result.sourceMap.segments) {
    const file = translate.file(segment.file);
    if (file) filesRead.add(file);
  }
  const outputPath = joinPath(chartDir, '.kustomize-helm-output.yaml');
  const objects = loader.objects(outputPath, result.text, chart.place);
  return objects.map((object) => {
    translate.tree(object.node);
    const document = result.documents.find((d) => object.end > d.start && object.start < d.end);
    const file = document ? loader.display(joinPath(chartDir, document.file)) : loader.display(chartDir);
    const template = document ? loader.readText(joinPath(chartDir, document.file)) : undefined;
    return { node: object.node, file, start: 0, end: template?.length ?? 0 };
  });
}

/** Moves origins from offsets in Helm's output to the chart's files (and through the merged values file to the kustomization). */
class OriginTranslator {
  private readonly fileTexts = new Map<string, string | undefined>();

  constructor(
    private readonly loader: Loader,
    private readonly chartDir: string,
    private readonly map: SourceMap,
    private readonly mergedValuesPath: string,
    private readonly mergedSegments: Segment[],
  ) {}

  /** A chart-relative file of the render, relative to the build root (null for the merged values file). */
  file(chartRelative: string): string | null {
    const path = joinPath(this.chartDir, chartRelative);
    return path === this.mergedValuesPath && this.mergedSegments.length > 0 ? null : this.loader.display(path);
  }

  tree(node: KNode): void {
    node.origin = this.origin(node.origin);
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        entry.key.origin = this.origin(entry.key.origin);
        this.tree(entry.value);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) this.tree(item);
    } else if (node.pieces) {
      node.pieces = undefined;
    }
  }

  private origin(origin: Origin | undefined): Origin | undefined {
    if (!origin) return undefined;
    const segment = segmentAt(this.map, origin.start);
    if (!segment) return undefined;
    const file = this.file(segment.file);
    if (file === null) return this.throughMergedValues(segment);
    if (segment.origin === 'text' && origin.end <= segment.outEnd) {
      const start = segment.srcStart + (origin.start - segment.outStart);
      return { file, start, end: start + (origin.end - origin.start), kind: 'value', raw: origin.raw };
    }
    if (segment.origin === 'value' && origin.end <= segment.outEnd) {
      return { file, start: segment.srcStart, end: segment.srcEnd, kind: 'value', raw: this.slice(file, segment) };
    }
    // A scalar printed from several pieces (template text around values): the span of the template that wrote it.
    const pieces = this.map.segments.filter((s) => s.outEnd > origin.start && s.outStart < origin.end && s.file === segment.file);
    const clipped = pieces.map((s) =>
      s.origin === 'text'
        ? [s.srcStart + Math.max(0, origin.start - s.outStart), s.srcStart + (Math.min(s.outEnd, origin.end) - s.outStart)]
        : [s.srcStart, s.srcEnd],
    );
    const start = Math.min(...clipped.map(([from]) => from));
    const end = Math.max(...clipped.map(([, to]) => to));
    return { file, start, end, kind: 'computed' };
  }

  private throughMergedValues(segment: Segment): Origin | undefined {
    const inner = throughSegments(this.mergedSegments, segment.srcStart);
    if (!inner) return undefined;
    if (segment.origin === 'value' && inner.origin !== 'computed') {
      return { file: inner.file, start: inner.srcStart, end: inner.srcEnd, kind: 'value', raw: this.slice(inner.file, inner) };
    }
    return { file: inner.file, start: inner.srcStart, end: inner.srcEnd, kind: 'computed' };
  }

  private slice(file: string, segment: Segment): string | undefined {
    if (!this.fileTexts.has(file)) this.fileTexts.set(file, this.loader.readText(joinPath(this.loader.buildRoot, file)));
    return this.fileTexts.get(file)?.slice(segment.srcStart, segment.srcEnd);
  }
}
