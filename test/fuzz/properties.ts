/**
 * The robustness properties of issue 7, as plain checks that throw on a
 * violation. `npm test` runs them over fixed seeds (the `*.test.ts` files
 * here); `npm run fuzz` (`run.ts`) runs them with fresh seeds for as long as
 * asked. Keeping them in one place is what makes a seed found by the fuzzer
 * replayable by the tests.
 */
import * as assert from 'node:assert/strict';
import {
  analyzeDocumentDetail,
  analyzeText,
  type AnalyzeOptions,
  defaultNode,
  type DocumentDetail,
  type DocumentResult,
  type FileResult,
  redetailDocument,
} from '../../server/src/engine/analyze';
import { reanalyze } from '../../server/src/engine/incremental';
import { buildReport, buildReportFile, type ReportObject } from '../../server/src/engine/report';
import { splitDocuments, toDocumentFix } from '../../server/src/engine/documents';
import { type Finding, type Fix, type TextEdit } from '../../server/src/engine/findings';
import { type QuantityEntry } from '../../server/src/engine/model';
import { analyzePod } from '../../server/src/engine/analysis';
import { canonicalQuantity, makeGuaranteed } from '../../server/src/engine/refactorings';
import { defaultedQuantity, Quantity, QuantityError } from '../../server/src/engine/quantity';
import { PodModelError, ScenarioError, type Scenario, type SimulationResult } from '../../server/src/engine/simulation';
import { simulateJson } from '../support/pod-spec';
import { formatText } from '../../server/src/cli/analyze';
import { toSarif } from '../../server/src/cli/sarif';
import { applyEdit, type Edit } from './generators';
import { checkTimeline, maxRestartDelay } from '../simulation/invariants';

export const options: AnalyzeOptions = { node: defaultNode };

/** What a run did, for the fuzzer's summary. */
export interface Counters {
  documents: number;
  edits: number;
  fixes: number;
  simulations: number;
  quantities: number;
  /** Request sequences run against the language server process, and the requests in them. */
  sequences: number;
  requests: number;
  serverEdits: number;
  slowestRequestMs: number;
  slowestRequest: string;
  /** Server processes that died (each restarted) and requests never answered. */
  serverCrashes: number;
  timeouts: number;
}

export function newCounters(): Counters {
  return {
    documents: 0,
    edits: 0,
    fixes: 0,
    simulations: 0,
    quantities: 0,
    sequences: 0,
    requests: 0,
    serverEdits: 0,
    slowestRequestMs: 0,
    slowestRequest: '',
    serverCrashes: 0,
    timeouts: 0,
  };
}

const json = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));

function allFindings(document: DocumentResult): Finding[] {
  return [...document.findings, ...document.objects.flatMap((o) => o.findings)];
}

// ---------------------------------------------------------------- analyzeText

/** analyzeText never throws, never fails internally, and every position it gives lies inside the text. */
export function checkAnalyze(text: string, counters: Counters = newCounters()): FileResult {
  const result = analyzeText(text, options);
  counters.documents += result.documents.length;
  let previousEnd = 0;
  for (const document of result.documents) {
    const { slice } = document;
    assert.ok(slice.start >= previousEnd && slice.start <= slice.end && slice.end <= text.length, `slice ${slice.start}..${slice.end} out of order`);
    assert.equal(slice.text, text.slice(slice.start, slice.end), 'slice text is the file text at its offsets');
    previousEnd = slice.end;
    for (const finding of allFindings(document)) {
      assert.notEqual(finding.code, 'internal-error', `internal error: ${finding.message}`);
      assert.ok(
        Number.isInteger(finding.start) &&
          Number.isInteger(finding.end) &&
          0 <= finding.start &&
          finding.start <= finding.end &&
          finding.end <= slice.text.length,
        `${finding.code} at ${finding.start}..${finding.end} outside its document (length ${slice.text.length})`,
      );
      for (const fix of finding.fixes ?? []) checkEditsInside(fix, slice.text.length, finding.code);
    }
  }
  // The report's positions, and the CLI's renderings of it, are total too.
  const file = buildReportFile('fuzz.yaml', result);
  const lines = text.split('\n');
  for (const d of [...file.diagnostics, ...file.objects.flatMap((o) => o.diagnostics)]) {
    for (const [line, character] of [
      [d.line, d.character],
      [d.endLine, d.endCharacter],
    ]) {
      assert.ok(line >= 0 && line < lines.length, `${d.code}: line ${line} of ${lines.length}`);
      assert.ok(character >= 0 && character <= lines[line].length, `${d.code}: character ${character} past line ${line} (${lines[line].length})`);
    }
    assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endCharacter >= d.character), `${d.code}: end before start`);
  }
  const report = buildReport(options.node, [file]);
  JSON.stringify(report);
  JSON.stringify(toSarif(report));
  formatText(report);
  return result;
}

function checkEditsInside(fix: Fix, length: number, code: string): void {
  assert.ok(fix.edits.length > 0, `${code}: fix '${fix.title}' has no edits`);
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let end = 0;
  for (const edit of sorted) {
    assert.ok(0 <= edit.start && edit.start <= edit.end && edit.end <= length, `${code}: fix '${fix.title}' edits ${edit.start}..${edit.end} of ${length}`);
    assert.ok(edit.start >= end, `${code}: fix '${fix.title}' has overlapping edits`);
    end = edit.end;
  }
}

// ---------------------------------------------------------------- reanalyze

/** Everything a face shows of a document, positions included, and nothing that is object identity. */
function documentFingerprint(document: DocumentResult, withPosition: boolean): string {
  const findings = (list: Finding[]) => list.map((f) => [f.code, f.severity, f.message, f.start, f.end, f.fixes ?? null]);
  return json({
    slice: withPosition ? [document.slice.index, document.slice.start, document.slice.end] : null,
    text: document.slice.text,
    isKubernetesObject: document.isKubernetesObject,
    kind: document.kind,
    findings: findings(document.findings),
    stops: document.stops,
    objects: document.objects.map((object) => ({
      item: object.item,
      span: object.span,
      kind: object.workload.kind,
      name: object.workload.name,
      spans: [object.workload.kindSpan, object.workload.nameSpan],
      invalid: object.invalid,
      findings: findings(object.findings),
      analysis: object.analysis && {
        qos: object.analysis.qos,
        totals: object.analysis.totals,
        pod: object.analysis.podCgroup,
        containers: object.analysis.containers.map((c) => [c.resources, c.cgroup]),
        eviction: object.analysis.eviction,
      },
    })),
  });
}

function fileFingerprint(file: FileResult): string {
  return json({ documents: file.documents.map((d) => documentFingerprint(d, true)), reading: file.reading, report: buildReportFile('f.yaml', file) });
}

/** After every edit of a session, reusing the previous result gives exactly what a fresh analysis gives. */
export function checkReanalyze(session: { text: string; edits: Edit[] }, counters: Counters = newCounters()): void {
  let text = session.text;
  let previous = checkAnalyze(text, counters);
  for (const [index, edit] of session.edits.entries()) {
    text = applyEdit(text, edit);
    counters.edits++;
    const incremental = reanalyze(previous, text, options);
    const fresh = checkAnalyze(text, counters);
    if (fileFingerprint(incremental) !== fileFingerprint(fresh)) {
      assert.equal(fileFingerprint(incremental), fileFingerprint(fresh), `reanalyze differs from analyzeText after edit ${index}: ${json(edit)}`);
    }
    previous = incremental;
  }
  checkRedetail(previous);
}

// ---------------------------------------------------------------- redetailDocument

/** A detail as JSON with sorted keys, maps as entry lists and the parsed tree left out: what hovers read. */
export function detailFingerprint(detail: DocumentDetail): string {
  return JSON.stringify({ ...detail, parsed: null }, (_, value) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof Map) return [...value.entries()];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, (value as Record<string, unknown>)[key]]),
      );
    }
    return value;
  });
}

/** The detail a hover rebuilds from a document's compact result is the detail a fresh analysis gives. */
export function checkRedetail(file: FileResult, analyzeOptions: AnalyzeOptions = options): void {
  for (const document of file.documents) {
    const again = redetailDocument(document, analyzeOptions);
    const fresh = analyzeDocumentDetail(document.slice, analyzeOptions);
    assert.equal(detailFingerprint(again), detailFingerprint(fresh), `document ${document.slice.index}: the rebuilt detail differs from a fresh analysis`);
    assert.equal(again.findings, document.findings, "the rebuilt detail keeps the result's findings");
  }
}

// ---------------------------------------------------------------- fixes

/** How an editor applies a TextEdit[] (LSP): edits are on the original text, inserts at one offset in array order. */
export function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
  let out = '';
  let at = 0;
  for (const { edit } of sorted) {
    assert.ok(edit.start >= at, 'overlapping edits');
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Full-line comments, trimmed: the ones a fix may re-indent but never drop. */
function commentLines(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#'))
    .sort();
}

function missingComments(before: string, after: string): string[] {
  const remaining = new Map<string, number>();
  for (const line of commentLines(after)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const missing: string[] = [];
  for (const line of commentLines(before)) {
    const count = remaining.get(line) ?? 0;
    if (count === 0) missing.push(line);
    else remaining.set(line, count - 1);
  }
  return missing;
}

type OfferedFix =
  | { source: 'finding'; fix: Fix; finding: Finding }
  | { source: 'make-guaranteed'; fix: Fix }
  | { source: 'canonical-quantity'; fix: Fix; entry: QuantityEntry };

/** Every fix a person could apply to a document: the findings' quick fixes and the refactorings. */
export function offeredFixes(document: DocumentResult): OfferedFix[] {
  const offered: OfferedFix[] = [];
  for (const finding of allFindings(document)) for (const fix of finding.fixes ?? []) offered.push({ source: 'finding', fix, finding });
  // As the language service builds them: on each workload's tree, moved back to the document's text.
  const detail = redetailDocument(document, options);
  const read = detail.parsed?.read;
  if (!read || detail.stops) return offered;
  for (const object of detail.objects) {
    const model = object.model;
    if (!model) continue;
    // The analysis only for objects the API server would accept.
    const analysis = object.analysis ? analyzePod(model, options.node.memoryBytes) : undefined;
    const guaranteed = makeGuaranteed({ document: detail.parsed!.document, text: read.text, workload: object.workload, model, node: options.node, analysis });
    const guaranteedFix = guaranteed.fix && toDocumentFix(read, guaranteed.fix);
    if (guaranteedFix) offered.push({ source: 'make-guaranteed', fix: guaranteedFix });
    const lists = [
      ...model.containers.flatMap((c) => [c.resources?.requests, c.resources?.limits]),
      model.podResources?.requests,
      model.podResources?.limits,
      model.overhead,
    ];
    for (const list of lists) {
      for (const entry of list?.entries ?? []) {
        const made = canonicalQuantity(entry, read.text);
        const fix = made && toDocumentFix(read, made);
        if (fix) offered.push({ source: 'canonical-quantity', fix, entry });
      }
    }
  }
  return offered;
}

function objectNumbers(object: ReportObject | undefined): string {
  if (!object) return 'none';
  const { diagnostics: _, ...numbers } = object;
  return json(numbers);
}

/**
 * Fixes never corrupt: applied to the document they were offered on, the
 * text still parses, every other document analyzes the same, the finding
 * fixed is gone, and no comment line is lost.
 */
export function checkFixes(text: string, counters: Counters = newCounters()): void {
  const before = checkAnalyze(text, counters);
  const reportBefore = buildReportFile('f.yaml', before);
  for (const [index, document] of before.documents.entries()) {
    if (document.findings.some((f) => f.code === 'yaml-syntax')) continue;
    for (const offered of offeredFixes(document)) {
      const { slice } = document;
      const label = `${offered.source} '${offered.fix.title}' on document ${index}`;
      checkEditsInside(offered.fix, slice.text.length, label);
      const fixedDocument = applyLspEdits(slice.text, offered.fix.edits);
      const fixedText = text.slice(0, slice.start) + fixedDocument + text.slice(slice.end);
      counters.fixes++;
      const after = checkAnalyze(fixedText, counters);
      const context = () => `${label}\n--- document before:\n${slice.text}\n--- after:\n${fixedDocument}`;

      assert.equal(after.documents.length, before.documents.length, `${label} changed the number of documents\n${context()}`);
      const fixed = after.documents[index];
      const syntax = fixed.findings.filter((f) => f.code === 'yaml-syntax');
      assert.equal(syntax.length, 0, `${label} broke the YAML: ${syntax[0]?.message}\n${context()}`);
      for (const [other, result] of after.documents.entries()) {
        if (other === index) continue;
        assert.equal(documentFingerprint(result, false), documentFingerprint(before.documents[other], false), `${label} changed document ${other}`);
      }
      const lost = missingComments(slice.text, fixedDocument);
      assert.deepEqual(lost, [], `${label} dropped comments\n${context()}`);

      const findingsAfter = allFindings(fixed);
      // With a key given twice, a fix mends one copy and the finding may stand for the other.
      const duplicated = allFindings(document).some((f) => f.code === 'duplicate-field');
      if (offered.source === 'finding') {
        const same = (f: Finding) => f.code === offered.finding.code && f.message === offered.finding.message;
        const countBefore = allFindings(document).filter(same).length;
        const countAfter = findingsAfter.filter(same).length;
        if (!duplicated) assert.ok(countAfter < countBefore, `${label} did not fix ${offered.finding.code}: ${offered.finding.message}\n${context()}`);
      } else if (offered.source === 'make-guaranteed') {
        if (document.objects[0]?.analysis) {
          assert.ok(
            fixed.objects[0]?.analysis,
            `${label} made a valid object invalid: ${json(findingsAfter.filter((f) => f.severity === 'error').map((f) => f.message))}\n${context()}`,
          );
          assert.equal(fixed.objects[0].analysis.qos.qosClass, 'Guaranteed', `${label} did not make the pod Guaranteed\n${context()}`);
        }
      } else {
        // A notation change: the numbers Kubernetes computes are the same, and the value is now canonical.
        const reportAfter = buildReportFile('f.yaml', after);
        const objectBefore = reportBefore.objects.find((o) => o.document === slice.index);
        const objectAfter = reportAfter.objects.find((o) => o.document === slice.index);
        assert.equal(objectNumbers(objectAfter), objectNumbers(objectBefore), `${label} changed the numbers\n${context()}`);
        const again = offeredFixes(fixed).filter(
          (o) => o.source === 'canonical-quantity' && o.entry.resource === offered.entry.resource && o.entry.valueSpan?.start === offered.fix.edits[0].start,
        );
        assert.deepEqual(
          again.map((o) => o.fix.title),
          [],
          `${label} is not canonical yet\n${context()}`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------- simulation

/** The simulator runs any pod spec its model accepts, and its timeline keeps the kubelet's invariants. */
export function checkSimulation(podSpec: unknown, scenario: Scenario, until: number, counters: Counters = newCounters()): void {
  let result: SimulationResult;
  try {
    result = simulateJson(podSpec, scenario, { until });
  } catch (error) {
    if (error instanceof PodModelError || error instanceof ScenarioError) return;
    throw error;
  }
  counters.simulations++;
  checkTimeline(result, until, maxRestartDelay(podSpec));
  assert.equal(json(simulateJson(podSpec, scenario, { until })), json(result), 'the simulation is deterministic');
}

// ---------------------------------------------------------------- quantities

/**
 * Any text either parses or gives a QuantityError (never another exception);
 * a parsed quantity survives its own String() and its canonical form, and
 * API defaulting is idempotent.
 */
export function checkQuantity(text: string, counters: Counters = newCounters()): void {
  const parsed = Quantity.tryParse(text);
  counters.quantities++;
  if (parsed instanceof QuantityError) return;
  // Upstream's String() has no suffix past E: a decimal value of 1000E or more prints without its
  // exponent (1000E → "1", as Kubernetes' own code does), so only values below it round-trip.
  const magnitude = parsed.sign() < 0 ? parsed.neg() : parsed;
  if (parsed.format !== 'BinarySI' && magnitude.cmp(Quantity.parse('1000E')) >= 0) return;
  assert.ok(Quantity.parse(parsed.toString()).equals(parsed), `parse(String(${text})) = ${parsed.toString()} is another value`);
  const canonical = parsed.canonicalString();
  const reparsed = Quantity.parse(canonical);
  assert.ok(reparsed.equals(parsed), `canonical form ${canonical} of ${text} is another value`);
  assert.equal(reparsed.canonicalString(), canonical, `canonical form of ${text} is not stable`);
  const defaulted = defaultedQuantity(parsed);
  const twice = defaultedQuantity(defaulted);
  assert.ok(twice.equals(defaulted) && twice.toString() === defaulted.toString(), `defaulting ${text} is not idempotent: ${defaulted} then ${twice}`);
  assert.ok(Quantity.parse(defaulted.toString()).equals(defaulted), `defaulted ${defaulted} does not round-trip`);
}

/** A split the engine relies on: the slices are the file's text, in order. */
export function checkSplit(text: string): void {
  const slices = splitDocuments(text);
  for (const [i, slice] of slices.entries()) {
    assert.equal(slice.index, i);
    assert.equal(slice.text, text.slice(slice.start, slice.end));
    if (i > 0) assert.ok(slice.start >= slices[i - 1].end);
  }
}
