import { type FileResult, type ObjectResult } from './analyze';
import { fileReadingFindings } from './reading-findings';
import { LineIndex } from './documents';
import { type Finding, type Severity } from './findings';
import { type NodeCapacity } from './rules/rule';
import { cpuMilli, memoryBytes } from './analysis';

/**
 * The analysis report of `docs/report.md` (version 1): the JSON the
 * CLI prints and CI pipelines read. Numbers are exact integers: JSON numbers
 * up to 2^53-1, decimal strings above.
 */

export type ReportNumber = number | string | null;

export interface ReportDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** The file the finding is shown in, relative to the report file's `path`; absent for that file itself. */
  path?: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  /** A folded finding's parts (`missing-memory-request`, `missing-cpu-limit`, …), each with its own code and severity. */
  parts?: { code: string; severity: Severity }[];
}

/** Where an object's text came from: the template or resource file, relative to the report file's `path`. */
export interface ReportSource {
  path: string;
  line: number;
  character: number;
}

/**
 * Where a span of the analyzed text is shown, for output that was rendered or
 * built from other files (a chart, an overlay): the file, relative to the
 * report file's path, and the lines there. Null keeps the span in the analyzed text.
 */
export type ReportLocator = (start: number, end: number) => { path: string; line: number; character: number; endLine: number; endCharacter: number } | null;

export interface ReportResources {
  cpuMilli: ReportNumber;
  memoryBytes: ReportNumber;
}

export interface ReportPodCgroup {
  parent: string;
  cpuShares: ReportNumber;
  cpuWeight: ReportNumber;
  cpuQuotaUs: ReportNumber;
  cpuPeriodUs: ReportNumber;
  memoryLimitBytes: ReportNumber;
  /** Page size (`2Mi`) → `hugetlb.<size>.limit_in_bytes`; only when the pod sets hugepages. */
  hugePageLimitBytes?: Record<string, ReportNumber>;
}

export interface ReportContainer {
  name: string;
  role: string;
  requests: ReportResources;
  limits: ReportResources;
  cgroup: {
    cpuShares: ReportNumber;
    cpuWeight: ReportNumber;
    cpuWeightLegacy: ReportNumber;
    cpuQuotaUs: ReportNumber;
    cpuPeriodUs: ReportNumber;
    memoryLimitBytes: ReportNumber;
    oomScoreAdj: number;
  };
  /** Which requests and limits an admission plugin set: `{ "limits.cpu": "LimitRange/defaults" }`. */
  defaults?: Record<string, string>;
}

export interface ReportObject {
  document: number;
  /** The object's index in its document's List `items`; only for an item of a List. */
  item?: number;
  source?: ReportSource;
  kind: string;
  name: string | null;
  namespace: string | null;
  podSpecPath: string;
  invalid?: true;
  qosClass?: string;
  qosReasons?: string[];
  requests?: ReportResources;
  limits?: ReportResources;
  podCgroup?: ReportPodCgroup;
  containers?: ReportContainer[];
  eviction?: { risk: string; reasons: string[] };
  diagnostics: ReportDiagnostic[];
}

export type ReportFileKind = 'file' | 'chart' | 'kustomization';

export interface ReportFile {
  path: string;
  kind: ReportFileKind;
  diagnostics: ReportDiagnostic[];
  objects: ReportObject[];
}

export interface Report {
  version: 1;
  node: { cpuMilli: ReportNumber; memoryBytes: ReportNumber };
  files: ReportFile[];
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function reportNumber(value: bigint | null | undefined): ReportNumber {
  if (value === null || value === undefined) return null;
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value.toString();
}

export function toReportDiagnostic(finding: Finding, base: number, lines: LineIndex, locate?: ReportLocator): ReportDiagnostic {
  const parts = finding.fold ? { parts: finding.fold.parts.map(({ code, severity }) => ({ code, severity })) } : {};
  const located = locate?.(base + finding.start, base + finding.end);
  if (located) return { code: finding.code, severity: finding.severity, message: finding.message, ...located, ...parts };
  const start = lines.position(base + finding.start);
  const end = lines.position(base + finding.end);
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    line: start.line,
    character: start.character,
    endLine: end.line,
    endCharacter: end.character,
    ...parts,
  };
}

function reportObject(documentIndex: number, object: ObjectResult, base: number, lines: LineIndex, locate?: ReportLocator): ReportObject {
  const { workload, analysis } = object;
  const anchor = workload.kindSpan ?? { start: object.span.start, end: object.span.start };
  const from = locate?.(base + anchor.start, base + anchor.end);
  const result: ReportObject = {
    document: documentIndex,
    ...(object.item !== null ? { item: object.item } : {}),
    ...(from ? { source: { path: from.path, line: from.line, character: from.character } } : {}),
    kind: workload.kind,
    name: workload.name,
    namespace: workload.namespace,
    podSpecPath: workload.podSpecPath,
    diagnostics: object.findings.map((f) => toReportDiagnostic(f, base, lines, locate)),
  };
  if (object.invalid || !analysis) {
    result.invalid = true;
    return result;
  }
  const { totals, podCgroup } = analysis;
  result.qosClass = analysis.qos.qosClass;
  result.qosReasons = analysis.qos.reasons;
  result.requests = { cpuMilli: reportNumber(cpuMilli(totals.requests)), memoryBytes: reportNumber(memoryBytes(totals.requests)) };
  result.limits = {
    cpuMilli: totals.cpuLimitsDeclared ? reportNumber(cpuMilli(totals.limits)) : null,
    memoryBytes: totals.memoryLimitsDeclared ? reportNumber(memoryBytes(totals.limits)) : null,
  };
  result.podCgroup = {
    parent: podCgroup.parent,
    cpuShares: reportNumber(podCgroup.cpuShares),
    cpuWeight: reportNumber(podCgroup.cpuWeight),
    cpuQuotaUs: reportNumber(podCgroup.cpuQuotaUs),
    cpuPeriodUs: reportNumber(podCgroup.cpuPeriodUs),
    memoryLimitBytes: reportNumber(podCgroup.memoryLimitBytes),
  };
  if (podCgroup.hugePageLimits.size > 0) {
    result.podCgroup.hugePageLimitBytes = Object.fromEntries([...podCgroup.hugePageLimits].map(([size, bytes]) => [size, reportNumber(bytes)]));
  }
  result.containers = analysis.containers.map(({ resources, cgroup, defaults }) => ({
    name: resources.name,
    role: resources.role,
    requests: { cpuMilli: reportNumber(cpuMilli(resources.requests)), memoryBytes: reportNumber(memoryBytes(resources.requests)) },
    limits: { cpuMilli: reportNumber(cpuMilli(resources.limits)), memoryBytes: reportNumber(memoryBytes(resources.limits)) },
    cgroup: {
      cpuShares: reportNumber(cgroup.cpuShares),
      cpuWeight: reportNumber(cgroup.cpuWeight),
      cpuWeightLegacy: reportNumber(cgroup.cpuWeightLegacy),
      cpuQuotaUs: reportNumber(cgroup.cpuQuotaUs),
      cpuPeriodUs: reportNumber(cgroup.cpuPeriodUs),
      memoryLimitBytes: reportNumber(cgroup.memoryLimitBytes),
      oomScoreAdj: cgroup.oomScoreAdj,
    },
    ...(defaults ? { defaults } : {}),
  }));
  result.eviction = { risk: analysis.eviction.risk, reasons: analysis.eviction.reasons };
  return result;
}

export interface ReportFileOptions {
  kind?: ReportFileKind;
  /** For rendered or built text: where each span is shown. */
  locate?: ReportLocator;
  /** Findings about the rendering or build itself, already placed (Helm's and kustomize's errors). */
  extraDiagnostics?: ReportDiagnostic[];
}

export function buildReportFile(path: string, file: FileResult, options: ReportFileOptions = {}): ReportFile {
  const { kind = 'file', locate } = options;
  const lines = new LineIndex(file.text);
  const diagnostics: ReportDiagnostic[] = [...(options.extraDiagnostics ?? [])];
  const objects: ReportObject[] = [];
  const readingFindings = fileReadingFindings(file.text, file.reading, file.documents);
  let nextReading = 0;
  for (const document of file.documents) {
    const base = document.slice.start;
    // Findings of the file's reading go in file order among the documents' own.
    while (nextReading < readingFindings.length && readingFindings[nextReading].start < base) {
      diagnostics.push(toReportDiagnostic(readingFindings[nextReading++], 0, lines, locate));
    }
    for (const finding of document.findings) diagnostics.push(toReportDiagnostic(finding, base, lines, locate));
    for (const object of document.objects) objects.push(reportObject(document.slice.index, object, base, lines, locate));
  }
  while (nextReading < readingFindings.length) diagnostics.push(toReportDiagnostic(readingFindings[nextReading++], 0, lines, locate));
  return { path, kind, diagnostics, objects };
}

export function buildReport(node: NodeCapacity, files: ReportFile[]): Report {
  return { version: 1, node: { cpuMilli: reportNumber(node.cpuMilli), memoryBytes: reportNumber(node.memoryBytes) }, files };
}

export function allDiagnostics(report: Report): ReportDiagnostic[] {
  return report.files.flatMap((file) => [...file.diagnostics, ...file.objects.flatMap((o) => o.diagnostics)]);
}
