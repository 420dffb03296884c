/**
 * A chart as Helm's loader builds it (pkg/chart, pkg/chart/loader): metadata
 * from Chart.yaml (and requirements.yaml for apiVersion v1), values, schema,
 * templates, the other files, and its dependencies from `charts/` (directories
 * and `.tgz` archives).
 */
import { type HelmMap, type HelmValue } from './values';

export interface ChartFile {
  /** The name inside its chart, e.g. `templates/deployment.yaml`. */
  name: string;
  data: Uint8Array;
  /** Where the text is, relative to the root chart directory (`charts/sub/values.yaml`, `charts/sub-1.0.0.tgz/sub/values.yaml`). */
  sourcePath: string;
}

export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

/** A place in a source file: the root-relative path and UTF-16 offsets. */
export interface SourceSpan {
  file: string;
  start: number;
  end: number;
}

export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  /** `import-values`: strings, or maps with `child` and `parent`. */
  importValues: HelmValue[];
  alias: string;
  /** Where the entry is written (its `name`), for errors about it. */
  span?: SourceSpan;
}

export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: Maintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: ChartDependency[];
  type: string;
}

export interface LoadedChart {
  metadata: ChartMetadata;
  /** `values.yaml`, decoded (an empty map when absent). */
  values: HelmMap;
  schema?: ChartFile;
  templates: ChartFile[];
  /** Every other file: what `.Files` sees, `crds/` included. */
  files: ChartFile[];
  dependencies: LoadedChart[];
  parent?: LoadedChart;
  /** Root-relative directory of the chart's own files (`''` for the root, `charts/sub`, `charts/sub-1.0.0.tgz/sub`). */
  sourceDir: string;
  /** Whether Chart.yaml (or requirements.yaml) holds a `dependencies` list: Go tells a nil list from an empty one here. */
  dependencyListGiven: boolean;
  /** Where Chart.yaml is (root-relative). */
  chartFile: string;
}

export function emptyMetadata(): ChartMetadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: {},
    kubeVersion: '',
    dependencies: [],
    type: '',
  };
}

/** chart.ChartFullPath: `parent/charts/child`, the prefix of template names. */
export function chartFullPath(chart: LoadedChart): string {
  return chart.parent ? `${chartFullPath(chart.parent)}/charts/${chart.metadata.name}` : chart.metadata.name;
}

export function isLibraryChart(chart: LoadedChart): boolean {
  return chart.metadata.type.toLowerCase() === 'library';
}

/** chart.CRDObjects: this chart's `crds/*.{yaml,yml,json}` then its dependencies'. */
export function crdObjects(chart: LoadedChart): { filename: string; file: ChartFile }[] {
  const out: { filename: string; file: ChartFile }[] = [];
  for (const file of chart.files) {
    if (file.name.startsWith('crds/') && /\.(ya?ml|json)$/i.test(file.name)) out.push({ filename: `${chartFullPath(chart)}/${file.name}`, file });
  }
  for (const dependency of chart.dependencies) out.push(...crdObjects(dependency));
  return out;
}

/** A shallow copy with its own metadata object: what Helm makes for an aliased dependency. */
export function copyChart(chart: LoadedChart): LoadedChart {
  return { ...chart, metadata: { ...chart.metadata }, dependencies: [...chart.dependencies] };
}

export function decodeText(data: Uint8Array): string {
  return new TextDecoder().decode(data);
}
