import * as vscode from 'vscode';

/**
 * The values a chart is rendered with: a status-bar item on any file of a
 * Helm chart (its templates, `values.yaml`, `_helpers.tpl`) that names the
 * values files merged after the chart's `values.yaml`, and a multi-select
 * quick pick that writes them to `podLens.helm.charts` for that chart.
 */

export const pickValuesFilesCommand = 'podLens.pickValuesFiles';

interface ChartValuesSetting {
  valuesFiles?: string[];
  set?: string[];
}

interface Chart {
  /** The chart directory. */
  dir: vscode.Uri;
  /** Its key in `podLens.helm.charts`: the directory relative to its workspace folder, or its path outside any folder. */
  key: string;
  name: string;
}

const YAML_FILE = /\.ya?ml$/i;
/** Where charts keep alternative values: beside values.yaml, chart-testing's `ci/`, and a `values/` folder. */
const VALUES_DIRECTORIES = ['', 'ci', 'values'];

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function parent(uri: vscode.Uri): vscode.Uri | null {
  const up = vscode.Uri.joinPath(uri, '..');
  return up.path === uri.path ? null : up;
}

function relativePath(from: vscode.Uri, to: vscode.Uri): string {
  const base = from.path.endsWith('/') ? from.path : `${from.path}/`;
  return to.path === from.path ? '.' : to.path.startsWith(base) ? to.path.slice(base.length) : to.path;
}

/** The outermost chart holding `file` inside its workspace folder: a subchart is rendered by its parent, as the server does. */
async function chartOf(file: vscode.Uri, known: Map<string, boolean>): Promise<Chart | null> {
  const folder = vscode.workspace.getWorkspaceFolder(file);
  let found: vscode.Uri | null = null;
  for (let dir = parent(file); dir; dir = parent(dir)) {
    const key = dir.toString();
    let isChart = known.get(key);
    if (isChart === undefined) {
      isChart = await exists(vscode.Uri.joinPath(dir, 'Chart.yaml'));
      known.set(key, isChart);
    }
    if (isChart) found = dir;
    if (folder && dir.path === folder.uri.path) break;
  }
  if (!found) return null;
  const key = folder ? relativePath(folder.uri, found) : found.path;
  return { dir: found, key, name: found.path.split('/').pop() || found.path };
}

function chartSettings(scope: vscode.Uri): Record<string, ChartValuesSetting> {
  const value = vscode.workspace.getConfiguration('podLens', scope).get<unknown>('helm.charts');
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, ChartValuesSetting>) : {};
}

function sameKey(a: string, b: string): boolean {
  const normal = (key: string) => key.replace(/^(\.\/)+/, '').replace(/\/+$/, '') || '.';
  return normal(a) === normal(b);
}

/** The values files a chart is rendered with after its values.yaml, as written in settings (the server skips the missing ones). */
function configuredValuesFiles(chart: Chart): { files: string[]; from: string } {
  const charts = chartSettings(chart.dir);
  const entry = Object.entries(charts).find(([key]) => sameKey(key, chart.key))?.[1];
  if (entry && Array.isArray(entry.valuesFiles)) return { files: entry.valuesFiles, from: 'podLens.helm.charts' };
  const global = vscode.workspace.getConfiguration('podLens', chart.dir).get<string[]>('helm.valuesFiles') ?? [];
  return { files: global, from: 'podLens.helm.valuesFiles' };
}

async function existingFiles(chart: Chart, files: readonly string[]): Promise<string[]> {
  const present = await Promise.all(files.map((file) => exists(vscode.Uri.joinPath(chart.dir, file))));
  return files.filter((_, i) => present[i]);
}

/** Values files a user may pick: `*values*.yaml` beside values.yaml, and any YAML in `ci/` or `values/`. */
async function candidateValuesFiles(chart: Chart): Promise<string[]> {
  const found: string[] = [];
  for (const directory of VALUES_DIRECTORIES) {
    const dir = directory ? vscode.Uri.joinPath(chart.dir, directory) : chart.dir;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue;
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      if (type !== vscode.FileType.File || !YAML_FILE.test(name)) continue;
      if (directory === '' && (!/values/i.test(name) || name === 'values.yaml')) continue;
      found.push(directory ? `${directory}/${name}` : name);
    }
  }
  return found;
}

export class ChartValuesStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly known = new Map<string, boolean>();
  /** Answers to an older update are dropped: switching editors quickly must not show the previous file's chart. */
  private generation = 0;

  constructor() {
    this.item = vscode.window.createStatusBarItem('podLens.chartValues', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'Pod Lens: Chart Values';
    const watcher = vscode.workspace.createFileSystemWatcher('**/Chart.yaml');
    const forget = () => {
      this.known.clear();
      void this.update();
    };
    this.disposables.push(
      this.item,
      watcher,
      watcher.onDidCreate(forget),
      watcher.onDidDelete(forget),
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('podLens.helm')) void this.update();
      }),
    );
    void this.update();
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const chart = document && document.uri.scheme !== 'untitled' ? await chartOf(document.uri, this.known) : null;
    if (generation !== this.generation) return;
    if (!chart) {
      this.item.hide();
      return;
    }
    const configured = configuredValuesFiles(chart);
    const files = await existingFiles(chart, configured.files);
    if (generation !== this.generation) return;
    const missing = configured.files.filter((file) => !files.includes(file));
    this.item.text = `$(package) ${['values.yaml', ...files].join(' + ')}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Chart ${chart.name}** is rendered with \`values.yaml\``);
    if (files.length > 0) tooltip.appendMarkdown(` then ${files.map((file) => `\`${file}\``).join(', ')} (\`${configured.from}\`)`);
    tooltip.appendMarkdown('.');
    if (missing.length > 0) tooltip.appendMarkdown(`\n\n$(warning) Not in the chart, so skipped: ${missing.map((file) => `\`${file}\``).join(', ')}.`);
    tooltip.appendMarkdown('\n\nClick to pick the values files.');
    this.item.tooltip = tooltip;
    this.item.command = { title: 'Pick values files', command: pickValuesFilesCommand, arguments: [chart.dir] };
    this.item.show();
  }

  /** `podLens.pickValuesFiles`: for the chart of `dir` (or of the active editor), pick values files and write them to settings. */
  async pick(dir?: unknown): Promise<void> {
    const file = dir instanceof vscode.Uri ? vscode.Uri.joinPath(dir, 'Chart.yaml') : vscode.window.activeTextEditor?.document.uri;
    const chart = file ? await chartOf(file, this.known) : null;
    if (!chart) {
      void vscode.window.showInformationMessage('Pod Lens: the active file is not in a Helm chart (no Chart.yaml above it).');
      return;
    }
    const configured = await existingFiles(chart, configuredValuesFiles(chart).files);
    const candidates = [...new Set([...configured, ...(await candidateValuesFiles(chart))])];
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(
        `Pod Lens: chart ${chart.name} has no values files besides values.yaml (values-*.yaml, ci/*.yaml, values/*.yaml).`,
      );
      return;
    }
    const items = candidates.map((file) => ({ label: file, picked: configured.includes(file) }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: `Pod Lens: values files for chart ${chart.name}`,
      placeHolder: 'Merged after values.yaml, in the order shown (none: values.yaml alone)',
    });
    if (!picked) return;
    const chosen = new Set(picked.map((item) => item.label));
    // Helm merges -f files in order: the ones already in use keep their place, new ones follow in the listed order.
    const valuesFiles = [...configured.filter((file) => chosen.has(file)), ...candidates.filter((file) => chosen.has(file) && !configured.includes(file))];
    const configuration = vscode.workspace.getConfiguration('podLens', chart.dir);
    const charts = { ...chartSettings(chart.dir) };
    const key = Object.keys(charts).find((existing) => sameKey(existing, chart.key)) ?? chart.key;
    charts[key] = { ...charts[key], valuesFiles };
    const target = vscode.workspace.getWorkspaceFolder(chart.dir)
      ? (vscode.workspace.workspaceFolders?.length ?? 0) > 1
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    try {
      await configuration.update('helm.charts', charts, target);
    } catch (error) {
      void vscode.window.showErrorMessage(`Pod Lens: could not write podLens.helm.charts: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    void vscode.window.setStatusBarMessage(`Pod Lens: chart ${chart.name} renders with ${['values.yaml', ...valuesFiles].join(' + ')}`, 4000);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
