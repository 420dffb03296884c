import * as path from 'node:path';
import { analyzeText, type AnalyzeOptions } from '../engine/analyze';
import { Quantity, QuantityError } from '../engine/quantity';
import {
  allDiagnostics,
  buildReport,
  buildReportFile,
  type Report,
  type ReportDiagnostic,
  type ReportContainer,
  type ReportFile,
  type ReportObject,
  type ReportFileKind,
} from '../engine/report';
import { mergeClusterObjects, readClusterObjects } from '../engine/admission';
import { severityRank, type Severity } from '../engine/findings';
import { type NodeAssumption } from '../engine/rules/rule';
import { toSarif } from './sarif';
import { formatBytes, formatMilli } from '../engine/format';
import { type CliIo, UsageError } from './io';
import { readInput, sourceAt } from './input';
import { diskFileSystem } from '../runtime/disk';
import { cliFunctions, helmFlagsHelp, splitFlag, takeHelmFlag, valueReader } from './source-args';
import { renderers } from './renderers';
import { type HelmOptions } from '../sources/helm/chart';
import type { SourceReport } from '../sources/report';
import { AnalysisPool, analyzeTextInPool, parallelThreshold } from '../parallel';

const help = `usage: pod-lens analyze [options] PATH...
  PATH: a file, "-" (standard input), a chart directory (holds Chart.yaml), or a
        kustomization directory (holds kustomization.yaml, kustomization.yml or Kustomization)

  --format text|json|sarif        text for people (default), the JSON report, or SARIF 2.1.0
  --json                          the same as --format json
  --node-cpu QUANTITY             node CPU capacity (default "4")
  --node-memory QUANTITY          node memory capacity (default "16Gi")
  --fail-on error|warning|never   exit 1 when a finding of this severity or worse is found (default: error)
  --notes                         list information and hint findings in the text output too (by default
                                  it lists errors and warnings and counts the notes; json and sarif keep all)
  --namespace NS                  the namespace of pods and objects that name none (default "default"; for a
                                  chart also .Release.Namespace). The LimitRanges, ResourceQuotas, PriorityClasses
                                  and RuntimeClasses in all PATHs apply to the pods in their namespace, as the
                                  API server's admission plugins apply them


${helmFlagsHelp}
A chart is analyzed as \`helm template CHART | kubectl apply -f -\` would see it, an overlay as
\`kubectl apply -k DIR\`: findings are shown in the template, values or patch file they are about.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 bad usage or an unreadable file.
`;

interface AnalyzeArgs {
  files: string[];
  helm: HelmOptions;
  format: 'text' | 'json' | 'sarif';
  failOn: Severity | 'never';
  nodeCpu: string;
  nodeMemory: string;
  /** Which of the node's numbers the user gave (the others are the defaults, and findings say they are assumed). */
  nodeGiven: { cpu: boolean; memory: boolean };
  notes: boolean;
}

function parseArgs(args: string[]): AnalyzeArgs | 'help' {
  const parsed: AnalyzeArgs = {
    files: [],
    helm: {},
    format: 'text',
    failOn: 'error',
    nodeCpu: '4',
    nodeMemory: '16Gi',
    nodeGiven: { cpu: false, memory: false },
    notes: false,
  };
  const at = { i: 0 };
  for (; at.i < args.length; at.i++) {
    const arg = args[at.i];
    const [flag, inline] = splitFlag(arg);
    const value = valueReader(args, at, flag, inline);
    if (takeHelmFlag(flag, value, parsed.helm)) continue;
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--json':
        parsed.format = 'json';
        break;
      case '--notes':
        parsed.notes = true;
        break;
      case '--format': {
        const format = value();
        if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
        parsed.format = format;
        break;
      }
      case '--fail-on': {
        const level = value();
        if (level !== 'error' && level !== 'warning' && level !== 'never') throw new UsageError(`--fail-on must be error, warning or never, not '${level}'`);
        parsed.failOn = level;
        break;
      }
      case '--node-cpu':
        parsed.nodeCpu = value();
        parsed.nodeGiven.cpu = true;
        break;
      case '--node-memory':
        parsed.nodeMemory = value();
        parsed.nodeGiven.memory = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}' (see --help)`);
        parsed.files.push(arg);
    }
  }
  if (parsed.files.length === 0) throw new UsageError('no FILE given (use - for standard input)');
  return parsed;
}

function assumedNode(given: { cpu: boolean; memory: boolean }): { assumed?: NodeAssumption } {
  if (given.cpu && given.memory) return {};
  const flags = [given.cpu ? null : '--node-cpu', given.memory ? null : '--node-memory'].filter((flag) => flag !== null);
  return { assumed: { cpu: !given.cpu, memory: !given.memory, howToSet: `pass ${flags.join(' and ')}` } };
}

export function parseNodeQuantity(flag: string, text: string, unit: 'milli' | 'bytes'): bigint {
  const parsed = Quantity.tryParse(text.trim());
  if (parsed instanceof QuantityError) throw new UsageError(`${flag} '${text}' is not a quantity: ${parsed.message}`);
  const value = unit === 'milli' ? parsed.milliValue() : parsed.value();
  if (value <= 0n) throw new UsageError(`${flag} must be greater than 0, not '${text}'`);
  return value;
}

export async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed === 'help') {
    io.stdout(help);
    return 0;
  }
  const options: AnalyzeOptions = {
    node: {
      cpuMilli: parseNodeQuantity('--node-cpu', parsed.nodeCpu, 'milli'),
      memoryBytes: parseNodeQuantity('--node-memory', parsed.nodeMemory, 'bytes'),
      ...assumedNode(parsed.nodeGiven),
    },
  };
  const files: ReportFile[] = [];
  // Every path is read (or rendered) first: the LimitRanges, quotas and classes of all of them apply to the pods of each.
  const inputs: { file: string; text: string; source: { kind: ReportFileKind; report: SourceReport } | null }[] = [];
  for (const file of parsed.files) {
    const source = file === '-' ? null : sourceAt(file, io);
    if (source) {
      const { renderSource } = renderers().sources;
      const { SourceReport } = renderers().report;
      const rendered = renderSource(diskFileSystem, source.dir, source.kind, { helm: { ...parsed.helm, baseDir: io.cwd, functions: cliFunctions() } });
      inputs.push({ file, text: rendered.text, source: { kind: source.kind, report: new SourceReport(rendered, diskFileSystem) } });
    } else {
      inputs.push({ file, text: await readInput(file, io, 'analyze'), source: null });
    }
  }
  const namespace = parsed.helm.namespace;
  options.cluster = { objects: mergeClusterObjects(inputs.map((input) => readClusterObjects(input.text, namespace))), ...(namespace ? { namespace } : {}) };
  // Big files are parsed on worker threads; the pool starts with the first one that needs it.
  let pool: AnalysisPool | null = null;
  try {
    for (const { file, text, source } of inputs) {
      if (source) {
        const result = analyzeText(text, options);
        files.push(buildReportFile(file, result, { kind: source.kind, locate: source.report.locate, extraDiagnostics: source.report.problems() }));
        continue;
      }
      let result;
      if (text.length >= parallelThreshold) {
        pool ??= new AnalysisPool();
        result = await analyzeTextInPool(text, options, pool);
      } else {
        result = analyzeText(text, options);
      }
      files.push(buildReportFile(file === '-' ? '<stdin>' : file, result));
    }
  } finally {
    await pool?.close();
  }
  const report = buildReport(options.node, files);
  if (parsed.format === 'json') io.stdout(JSON.stringify(report, null, 2) + '\n');
  else if (parsed.format === 'sarif') io.stdout(JSON.stringify(toSarif(report), null, 2) + '\n');
  else io.stdout(formatText(report, { notes: parsed.notes, assumedNode: options.node.assumed }));
  if (parsed.failOn === 'never') return 0;
  const threshold = severityRank[parsed.failOn];
  return allDiagnostics(report).some((d) => severityRank[d.severity] <= threshold) ? 1 : 0;
}

function milli(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '—' : formatMilli(BigInt(value));
}

function bytes(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '—' : formatBytes(BigInt(value));
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}

function formatDiagnostic(file: string, d: ReportDiagnostic): string {
  return `${diagnosticPath(file, d)}:${d.line + 1}:${d.character + 1}: ${d.severity} ${d.code}: ${d.message}`;
}

/** The file a diagnostic is shown in, as the user would type it: the report's path joined with the diagnostic's. */
export function diagnosticPath(file: string, d: { path?: string }): string {
  return d.path === undefined ? file : path.posix.join(file, d.path);
}

/** Whether a finding is a note: information and hints, which the text output counts unless asked to list them. */
function isNote(d: ReportDiagnostic): boolean {
  return d.severity === 'information' || d.severity === 'hint';
}

export interface TextOptions {
  /** List information and hint findings too; by default they are counted. */
  notes: boolean;
  /** The node numbers no flag gave: the summary calls that node assumed and names the flags. */
  assumedNode?: NodeAssumption;
}

/** Errors first, then warnings (and notes, when listed), each in document order. */
function shownDiagnostics(diagnostics: readonly ReportDiagnostic[], options: TextOptions): ReportDiagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => options.notes || !isNote(d))
    .sort((a, b) => severityRank[a.d.severity] - severityRank[b.d.severity] || a.i - b.i)
    .map(({ d }) => d);
}

/** `2 notes (missing-memory-request, readiness-slower-than-liveness; --notes lists them)`, or null with none to count. */
function notesLine(diagnostics: readonly ReportDiagnostic[], options: TextOptions): string | null {
  if (options.notes) return null;
  const notes = diagnostics.filter(isNote);
  if (notes.length === 0) return null;
  const codes = [...new Set(notes.map((d) => d.code))];
  return `${notes.length} note${notes.length === 1 ? '' : 's'} (${codes.join(', ')}; --notes lists them)`;
}

function formatObject(file: string, object: ReportObject, options: TextOptions): string[] {
  const lines: string[] = [];
  const title = `${object.kind} ${object.name ?? '(no name)'}${object.namespace ? ` in ${object.namespace}` : ''}`;
  lines.push(`  ${title}  (document ${object.document}${object.item === undefined ? '' : `, item ${object.item}`}, ${object.podSpecPath})`);
  for (const diagnostic of shownDiagnostics(object.diagnostics, options)) lines.push(`    ${formatDiagnostic(file, diagnostic)}`);
  if (object.invalid) {
    const unsent = object.diagnostics.some((d) => d.code === 'api-version-not-served');
    lines.push(
      unsent ? '    invalid: kubectl would not send this object (its apiVersion is not served)' : '    invalid: the API server would reject this object',
    );
  } else if (object.qosClass && object.podCgroup && object.containers) {
    lines.push(`    QoS ${object.qosClass}: ${(object.qosReasons ?? []).join('; ')}`);
    if (object.eviction) lines.push(`    eviction risk ${object.eviction.risk}: ${object.eviction.reasons.join('; ')}`);
    const pod = object.podCgroup;
    lines.push(
      `    pod: requests cpu ${milli(object.requests?.cpuMilli)} memory ${bytes(object.requests?.memoryBytes)}, ` +
        `limits cpu ${milli(object.limits?.cpuMilli)} memory ${bytes(object.limits?.memoryBytes)}`,
    );
    lines.push(
      `    pod cgroup ${pod.parent}: cpu.shares ${pod.cpuShares}, cpu.weight ${pod.cpuWeight}, ` +
        `cpu.max ${pod.cpuQuotaUs ?? 'max'} ${pod.cpuPeriodUs}, memory.max ${pod.memoryLimitBytes ?? 'max'}`,
    );
    const rows = [['container', 'role', 'cpu req', 'cpu lim', 'mem req', 'mem lim', 'cpu.shares', 'cpu.weight', 'cpu.max', 'memory.max', 'oom_score_adj']];
    for (const container of object.containers as ReportContainer[]) {
      const cgroup = container.cgroup;
      rows.push([
        String(container.name),
        String(container.role),
        milli(container.requests.cpuMilli),
        milli(container.limits.cpuMilli),
        bytes(container.requests.memoryBytes),
        bytes(container.limits.memoryBytes),
        String(cgroup.cpuShares),
        String(cgroup.cpuWeight),
        `${cgroup.cpuQuotaUs ?? 'max'} ${cgroup.cpuPeriodUs}`,
        String(cgroup.memoryLimitBytes ?? 'max'),
        String(cgroup.oomScoreAdj),
      ]);
    }
    lines.push(...table(rows).map((row) => `    ${row}`));
  }
  const notes = notesLine(object.diagnostics, options);
  if (notes) lines.push(`    ${notes}`);
  return lines;
}

/**
 * The text for people: per file, its own problems, then each object with its
 * errors and warnings first, its numbers, and a count of its notes
 * (information and hints: `options.notes` lists them instead).
 */
export function formatText(report: Report, options: TextOptions = { notes: false }): string {
  const out: string[] = [];
  for (const file of report.files) {
    out.push(`${file.path}${file.objects.length === 0 ? ': no workloads' : ''}`);
    for (const diagnostic of shownDiagnostics(file.diagnostics, options)) out.push(`  ${formatDiagnostic(file.path, diagnostic)}`);
    const notes = notesLine(file.diagnostics, options);
    if (notes) out.push(`  ${notes}`);
    for (const object of file.objects) out.push(...formatObject(file.path, object, options));
  }
  const diagnostics = allDiagnostics(report);
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const notes = count('information') + count('hint');
  const workloads = report.files.reduce((n, f) => n + f.objects.length, 0);
  const size = `${milli(report.node.cpuMilli)} CPU, ${bytes(report.node.memoryBytes)}`;
  const node = options.assumedNode ? `an assumed node of ${size} (${options.assumedNode.howToSet} for yours)` : `a node of ${size}`;
  out.push(
    `${plural(workloads, 'workload')} on ${node}: ` +
      `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(notes, 'note')}` +
      (notes > 0 && !options.notes ? ' (--notes lists them)' : ''),
  );
  return out.join('\n') + '\n';
}
