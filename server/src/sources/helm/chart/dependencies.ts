/**
 * Which dependencies render and what they export (pkg/chartutil/dependencies.go):
 * aliases, `condition` and `tags`, then `import-values` in both forms. Helm's
 * `helm template` runs the merging variant (ProcessDependenciesWithMerge).
 */
import { type ChartDependency, copyChart, type LoadedChart } from './chart';
import { coalesceTables, coalesceValues, mergeTables, mergeValues } from './coalesce';
import { isCompatibleRange } from './semver';
import { deepCopy, type HelmMap, type HelmValue, isNil, newMap, pathValue, table } from './values';

/** chartutil.ProcessDependenciesWithMerge: mutates the chart tree (dependencies and values) in place. */
export function processDependencies(chart: LoadedChart, values: HelmMap): void {
  processDependencyEnabled(chart, values, '');
  processDependencyImportValues(chart, true);
}

function aliasDependency(charts: LoadedChart[], dependency: ChartDependency): LoadedChart | undefined {
  for (const candidate of charts) {
    if (candidate.metadata.name !== dependency.name) continue;
    if (!isCompatibleRange(dependency.version, candidate.metadata.version)) continue;
    const copy = copyChart(candidate);
    if (dependency.alias !== '') copy.metadata.name = dependency.alias;
    return copy;
  }
  return undefined;
}

/** chartutil's processDependencyEnabled: aliases applied, disabled dependencies removed, recursively. */
export function processDependencyEnabled(chart: LoadedChart, values: HelmMap, path: string): void {
  if (!chart.dependencyListGiven) return;
  const requirements = chart.metadata.dependencies;
  const kept: LoadedChart[] = [];
  for (const existing of chart.dependencies) {
    const listed = requirements.some((req) => existing.metadata.name === req.name && isCompatibleRange(req.version, existing.metadata.version));
    if (!listed) kept.push(existing);
  }
  for (const req of requirements) {
    const found = aliasDependency(chart.dependencies, req);
    if (found) kept.push(found);
    if (req.alias !== '') req.name = req.alias;
  }
  setDependencies(chart, kept);
  for (const req of requirements) req.enabled = true;
  const chartValues = coalesceValues(chart, values);
  processTags(requirements, chartValues);
  processConditions(requirements, chartValues, path);
  const disabled = new Set(requirements.filter((req) => !req.enabled).map((req) => req.name));
  const enabledCharts = chart.dependencies.filter((dependency) => !disabled.has(dependency.metadata.name));
  const enabledRequirements = requirements.filter((req) => !disabled.has(req.name));
  for (const dependency of enabledCharts) processDependencyEnabled(dependency, chartValues, `${path}${dependency.metadata.name}.`);
  chart.metadata.dependencies = enabledRequirements;
  chart.dependencyListGiven = enabledRequirements.length > 0;
  setDependencies(chart, enabledCharts);
}

function setDependencies(chart: LoadedChart, dependencies: LoadedChart[]): void {
  chart.dependencies = [];
  for (const dependency of dependencies) {
    dependency.parent = chart;
    chart.dependencies.push(dependency);
  }
}

function processTags(requirements: ChartDependency[], values: HelmMap): void {
  const tags = table(values, 'tags');
  if (!tags) return;
  for (const req of requirements) {
    let hasTrue = false;
    let hasFalse = false;
    for (const tag of req.tags) {
      const value = tags.entries.get(tag);
      if (value && value.kind === 'scalar' && typeof value.value === 'boolean') {
        if (value.value) hasTrue = true;
        else hasFalse = true;
      }
    }
    if (!hasTrue && hasFalse) req.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) req.enabled = true;
  }
}

function processConditions(requirements: ChartDependency[], values: HelmMap, path: string): void {
  for (const req of requirements) {
    for (const condition of req.condition.trim().split(',')) {
      if (condition.length === 0) continue;
      const value = pathValue(values, path + condition);
      if (value && value.kind === 'scalar' && typeof value.value === 'boolean') {
        req.enabled = value.value;
        break;
      }
    }
  }
}

/** `parent` as a nested map: `a.b` → {a: {b: data}}; `.` is the top level. */
function pathToMap(path: string, data: HelmMap): HelmMap {
  if (path === '.') return data;
  let current = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) current = newMap([[parts[i], current]]);
  return current;
}

function goSprintV(value: HelmValue | undefined): string {
  if (value === undefined || isNil(value)) return '<nil>';
  if (value.kind === 'scalar') return String(value.value);
  return value.kind === 'map' ? 'map[...]' : '[...]';
}

function processImportValues(chart: LoadedChart, merge: boolean): void {
  if (!chart.dependencyListGiven) return;
  const chartValues = merge ? mergeValues(chart, newMap()) : coalesceValues(chart, newMap());
  const combine = merge ? mergeTables : coalesceTables;
  let imported = newMap();
  for (const req of chart.metadata.dependencies) {
    const normalized: HelmValue[] = [];
    for (const entry of req.importValues) {
      if (entry.kind === 'map') {
        const child = goSprintV(entry.entries.get('child'));
        const parent = goSprintV(entry.entries.get('parent'));
        normalized.push(
          newMap([
            ['child', { kind: 'scalar', value: child }],
            ['parent', { kind: 'scalar', value: parent }],
          ]),
        );
        const source = table(chartValues, `${req.name}.${child}`);
        if (!source) continue;
        imported = combine(imported, pathToMap(parent, source));
      } else if (entry.kind === 'scalar' && typeof entry.value === 'string') {
        const child = `exports.${entry.value}`;
        normalized.push(
          newMap([
            ['child', { kind: 'scalar', value: child }],
            ['parent', { kind: 'scalar', value: '.' }],
          ]),
        );
        const source = table(chartValues, `${req.name}.${child}`);
        if (!source) continue;
        imported = combine(imported, source);
      }
    }
    req.importValues = normalized;
  }
  chart.values = merge ? mergeTables(deepCopy(chartValues), imported) : coalesceTables(trimNilValues(chartValues), imported);
}

function trimNilValues(values: HelmMap): HelmMap {
  const copy = deepCopy(values);
  for (const [key, value] of [...copy.entries]) {
    if (isNil(value)) copy.entries.delete(key);
    else if (value.kind === 'map') copy.entries.set(key, trimNilValues(value));
  }
  return copy;
}

/** chartutil's processDependencyImportValues: `import-values` of every chart, deepest first. */
export function processDependencyImportValues(chart: LoadedChart, merge: boolean): void {
  for (const dependency of chart.dependencies) processDependencyImportValues(dependency, merge);
  processImportValues(chart, merge);
}
