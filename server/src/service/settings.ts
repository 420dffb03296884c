import { Quantity } from '../engine/quantity';
import { type NodeAssumption, type NodeCapacity } from '../engine/rules/rule';
import { type Severity } from '../engine/findings';

/** What the user can configure (`podLens.*`), already checked and converted. */

export type CgroupDriver = 'systemd' | 'cgroupfs';
export type SeverityOverride = Severity | 'off';

export interface ServiceSettings {
  /**
   * The node the numbers are computed for. A number the user did not set
   * (absent, empty, or not a positive quantity) is the default, and
   * `node.assumed` says which: hovers and findings then call the node
   * assumed. A client sends only what the user set, never its own copy of
   * the defaults (the VS Code extension strips them).
   */
  node: NodeCapacity;
  cgroupDriver: CgroupDriver;
  /** Rule id → severity or `off`; rules not named keep the catalog's severity. */
  severity: ReadonlyMap<string, SeverityOverride>;
  codeLensEnabled: boolean;
  /**
   * The namespace of objects that name none (`podLens.namespace`, like the
   * CLI's `--namespace`): where the workspace's LimitRanges and quotas
   * without `metadata.namespace` apply, and where pods without one are.
   */
  namespace: string;
  helm: HelmSettings;
  kustomize: KustomizeSettings;
}

/** How a user of any LSP client describes the node: the `podLens.node` settings. */
export function nodeAssumption(cpu: boolean, memory: boolean): NodeAssumption | undefined {
  if (!cpu && !memory) return undefined;
  const names = [cpu ? 'podLens.node.cpu' : null, memory ? 'podLens.node.memory' : null].filter((name) => name !== null);
  return { cpu, memory, howToSet: `set ${names.join(' and ')}` };
}

/** How charts in the workspace are rendered: `helm template` flags, applied to every chart. */
export interface HelmSettings {
  /** Values files after the chart's values.yaml, relative to each chart directory; a chart without one of them skips it. */
  valuesFiles: readonly string[];
  /** `--set` arguments, in Helm's syntax. */
  set: readonly string[];
  releaseName: string;
  /** `.Release.Namespace`, and the namespace of the chart's objects that name none; `podLens.namespace` when not set. */
  namespace: string;
  kubeVersion: string | null;
  /**
   * Per chart, by its directory relative to the workspace folder (`web-chart`, `deploy/charts/api`):
   * values files and `--set` arguments that replace the ones above for that chart.
   */
  charts: ReadonlyMap<string, ChartValues>;
}

export interface ChartValues {
  valuesFiles?: readonly string[];
  set?: readonly string[];
}

export interface KustomizeSettings {
  /** The overlay shown first for a base several overlays use (a directory relative to the workspace), or null for the first found. */
  preferredOverlay: string | null;
}

export const defaultHelmSettings: HelmSettings = {
  valuesFiles: [],
  set: [],
  releaseName: 'release-name',
  namespace: 'default',
  kubeVersion: null,
  charts: new Map(),
};

export const defaultSettings: ServiceSettings = {
  // The engine's `defaultNode`, spelled out: importing the engine here would load all of it before `initialize` is answered.
  node: { cpuMilli: 4000n, memoryBytes: 16n * 1024n * 1024n * 1024n, assumed: nodeAssumption(true, true) },
  cgroupDriver: 'systemd',
  severity: new Map(),
  codeLensEnabled: true,
  namespace: 'default',
  helm: defaultHelmSettings,
  kustomize: { preferredOverlay: null },
};

function readStrings(value: unknown, name: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  problems.push(`${name}: ${JSON.stringify(value)} is not a list of strings; ignored`);
  return [];
}

function readText(value: unknown, name: string, fallback: string, problems: string[]): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'string') return value;
  problems.push(`${name}: ${JSON.stringify(value)} is not a string; using ${JSON.stringify(fallback)}`);
  return fallback;
}

function readHelm(section: unknown, namespace: string, problems: string[]): HelmSettings {
  if (!isRecord(section)) return namespace === defaultHelmSettings.namespace ? defaultHelmSettings : { ...defaultHelmSettings, namespace };
  const text = (value: unknown, name: string, fallback: string): string => readText(value, name, fallback, problems);
  return {
    valuesFiles: readStrings(section.valuesFiles, 'podLens.helm.valuesFiles', problems),
    set: readStrings(section.set, 'podLens.helm.set', problems),
    releaseName: text(section.releaseName, 'podLens.helm.releaseName', defaultHelmSettings.releaseName),
    namespace: text(section.namespace, 'podLens.helm.namespace', namespace),
    kubeVersion: typeof section.kubeVersion === 'string' && section.kubeVersion !== '' ? section.kubeVersion : null,
    charts: readCharts(section.charts, problems),
  };
}

function readCharts(value: unknown, problems: string[]): Map<string, ChartValues> {
  const charts = new Map<string, ChartValues>();
  if (value === undefined || value === null) return charts;
  if (!isRecord(value)) {
    problems.push(`podLens.helm.charts: ${JSON.stringify(value)} is not an object of chart directories; ignored`);
    return charts;
  }
  for (const [dir, entry] of Object.entries(value)) {
    const name = `podLens.helm.charts[${JSON.stringify(dir)}]`;
    if (!isRecord(entry)) {
      problems.push(`${name}: ${JSON.stringify(entry)} is not an object with valuesFiles and set; ignored`);
      continue;
    }
    const chart: ChartValues = {
      ...(entry.valuesFiles !== undefined ? { valuesFiles: readStrings(entry.valuesFiles, `${name}.valuesFiles`, problems) } : {}),
      ...(entry.set !== undefined ? { set: readStrings(entry.set, `${name}.set`, problems) } : {}),
    };
    charts.set(normalizeChartKey(dir), chart);
  }
  return charts;
}

/** `./web-chart/`, `web-chart` and `web-chart/` name the same chart; `.` or an empty key is the workspace folder itself. */
export function normalizeChartKey(dir: string): string {
  const trimmed = dir
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}

const severityNames: readonly SeverityOverride[] = ['error', 'warning', 'information', 'hint', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readQuantity(value: unknown, name: string, problems: string[]): Quantity | null {
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
  const parsed = text === null ? null : Quantity.tryParse(text);
  if (parsed instanceof Quantity && parsed.sign() > 0) return parsed;
  problems.push(`${name}: ${JSON.stringify(value)} is not a positive Kubernetes quantity; using the default`);
  return null;
}

/**
 * Reads the `podLens` section as the client sends it. Bad values fall back to
 * the defaults with a problem to report, never an exception: a typo in
 * settings must not silence the server.
 */
export function readSettings(section: unknown): { settings: ServiceSettings; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(section)) return { settings: defaultSettings, problems };
  const node = isRecord(section.node) ? section.node : {};
  const cpu = readQuantity(node.cpu, 'podLens.node.cpu', problems);
  const memory = readQuantity(node.memory, 'podLens.node.memory', problems);

  let cgroupDriver = defaultSettings.cgroupDriver;
  if (section.cgroupDriver === 'systemd' || section.cgroupDriver === 'cgroupfs') cgroupDriver = section.cgroupDriver;
  else if (section.cgroupDriver !== undefined && section.cgroupDriver !== null) {
    problems.push(`podLens.cgroupDriver: ${JSON.stringify(section.cgroupDriver)} is not "systemd" or "cgroupfs"; using "systemd"`);
  }

  const severity = new Map<string, SeverityOverride>();
  const diagnostics = isRecord(section.diagnostics) ? section.diagnostics : {};
  if (isRecord(diagnostics.severity)) {
    for (const [id, value] of Object.entries(diagnostics.severity)) {
      if (typeof value === 'string' && (severityNames as readonly string[]).includes(value)) severity.set(id, value as SeverityOverride);
      else problems.push(`podLens.diagnostics.severity.${id}: ${JSON.stringify(value)} is not one of ${severityNames.join(', ')}`);
    }
  }

  const codeLens = isRecord(section.codeLens) ? section.codeLens : {};
  const namespace = readText(section.namespace, 'podLens.namespace', defaultSettings.namespace, problems);
  return {
    settings: {
      node: {
        cpuMilli: cpu ? cpu.milliValue() : defaultSettings.node.cpuMilli,
        memoryBytes: memory ? memory.value() : defaultSettings.node.memoryBytes,
        ...(cpu && memory ? {} : { assumed: nodeAssumption(!cpu, !memory) }),
      },
      cgroupDriver,
      severity,
      codeLensEnabled: codeLens.enabled !== false,
      namespace,
      helm: readHelm(section.helm, namespace, problems),
      kustomize: {
        preferredOverlay:
          isRecord(section.kustomize) && typeof section.kustomize.overlay === 'string' && section.kustomize.overlay !== '' ? section.kustomize.overlay : null,
      },
    },
    problems,
  };
}
