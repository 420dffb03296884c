import {
  CodeActionKind,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  DiagnosticSeverity,
  type Hover,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver-types';
import { analyzeDocumentDetail, type AnalyzeOptions, type DocumentDetail, type DocumentResult, type FileResult } from '../engine/analyze';
import { toDocumentSpan, toParsedOffset } from '../engine/documents';
import { type Fix } from '../engine/findings';
import { type RenderedSource, type SourceProblem } from '../sources';
import { Placer } from '../sources/placement';
import { type Segment } from '../sources/source-map';
import { sourceProblemCode } from '../sources/report';
import { documentDiagnostics, effectiveSeverity, findingsOf, shownFinding, toDiagnostic } from './diagnostics';
import { type DocumentView } from './document';
import { objectIndexAt, objectLenses } from './codeLens';
import { hoverMarkdown, objectAt } from './hover';
import { targetAt } from './locate';
import { LineMap } from './positions';
import { type ServiceSettings } from './settings';
import { code } from './markdown';

/**
 * The language service for the files of a chart or an overlay: the engine's
 * results on the rendered or built text, shown in the template, values,
 * kustomization or patch file each span came from. Nothing here reads files:
 * the caller gives each file's current text (the editor's, where it is open).
 *
 * The plain-file features are reused through views whose `translate` moves a
 * rendered span into the file at hand (and drops it when it belongs to
 * another file), the way a held-back document's view moves its last good
 * result into the current text.
 */
export class SourceAnalysis {
  private readonly placer: Placer;
  private readonly lines = new Map<string, LineMap | null>();
  private readonly details = new Map<number, DocumentDetail>();
  private bySource: Map<string, Segment[]> | null = null;

  constructor(
    readonly rendered: RenderedSource,
    readonly result: FileResult,
    private readonly options: AnalyzeOptions,
    private readonly fileText: (file: string) => string | undefined,
    /** How the source is named in hovers and lenses: `chart web`, `overlay overlays/prod`. */
    readonly label: string,
  ) {
    this.placer = new Placer(rendered.sourceMap, rendered.documents);
  }

  /** The files that get something: every file a span of the output or a problem lands in. */
  files(): Set<string> {
    const files = new Set<string>();
    for (const document of this.result.documents) {
      for (const finding of findingsOf({ result: document, base: document.slice.start, translate: (s, e) => ({ start: s, end: e }) })) {
        const placed = this.placer.place(document.slice.start + finding.start, document.slice.start + finding.end);
        if (placed) files.add(placed.file);
      }
      for (const object of document.objects) {
        const kindSpan = object.workload.kindSpan;
        if (!kindSpan) continue;
        const placed = this.placer.place(document.slice.start + kindSpan.start, document.slice.start + kindSpan.end);
        if (placed) files.add(placed.file);
      }
    }
    for (const problem of this.rendered.problems) if (problem.file !== undefined) files.add(problem.file);
    return files;
  }

  linesOf(file: string): LineMap | null {
    let lines = this.lines.get(file);
    if (lines === undefined) {
      const text = this.fileText(file);
      lines = text === undefined ? null : new LineMap(text);
      this.lines.set(file, lines);
    }
    return lines;
  }

  /** A rendered document seen from `file`: its spans placed there, or dropped. */
  private viewIn(document: DocumentResult, file: string): DocumentView {
    const base = document.slice.start;
    return {
      result: document,
      base: 0,
      translate: (start, end) => {
        const placed = this.placer.place(base + start, base + end);
        return placed && placed.file === file ? { start: placed.start, end: placed.end } : null;
      },
    };
  }

  diagnostics(file: string, settings: ServiceSettings): Diagnostic[] {
    const lines = this.linesOf(file);
    if (!lines) return [];
    const diagnostics: Diagnostic[] = [];
    for (const document of this.result.documents) diagnostics.push(...documentDiagnostics(this.viewIn(document, file), lines, settings));
    for (const problem of this.rendered.problems) {
      if (problem.file !== file) continue;
      const diagnostic = this.problemDiagnostic(problem, lines, settings);
      if (diagnostic) diagnostics.push(diagnostic);
    }
    return diagnostics;
  }

  private problemDiagnostic(problem: SourceProblem, lines: LineMap, settings: ServiceSettings): Diagnostic | null {
    const { code: ruleCode, severity } = sourceProblemCode(this.rendered.kind, problem);
    const shown = effectiveSeverity({ code: ruleCode, severity, message: problem.message, start: 0, end: 0 }, settings);
    if (shown === null) return null;
    const lspSeverity = {
      error: DiagnosticSeverity.Error,
      warning: DiagnosticSeverity.Warning,
      information: DiagnosticSeverity.Information,
      hint: DiagnosticSeverity.Hint,
    }[shown];
    return { range: lines.range(0, problem.start, problem.end), severity: lspSeverity, code: ruleCode, source: 'pod-lens', message: problem.message };
  }

  /** The workloads whose `kind:` line is in `file`, with resolved lenses (a template holds a few, never thousands). */
  lenses(file: string, uri: string): CodeLens[] {
    const lines = this.linesOf(file);
    if (!lines) return [];
    const lenses: CodeLens[] = [];
    for (const document of this.result.documents) {
      const view = this.viewIn(document, file);
      document.objects.forEach((object, index) => {
        const kindSpan = object.workload.kindSpan;
        // Only the workloads whose `kind:` is written in this file get lenses here.
        if (!kindSpan || !view.translate(kindSpan.start, kindSpan.end)) return;
        for (const lens of objectLenses(uri, view, index, lines)) {
          if (!lens.command) continue;
          const titled = lens.command.title.startsWith('▶') ? lens.command.title : `${lens.command.title} · ${this.label}`;
          lenses.push({ ...lens, command: { ...lens.command, title: titled } });
        }
      });
    }
    return lenses;
  }

  /** A rendered document with its syntax tree and model (cached while this analysis lives). */
  detailOf(document: DocumentResult): DocumentDetail {
    let detail = this.details.get(document.slice.index);
    if (!detail) {
      detail = analyzeDocumentDetail(document.slice, this.options);
      this.details.set(document.slice.index, detail);
    }
    return detail;
  }

  private segmentsOf(file: string): Segment[] {
    if (!this.bySource) {
      this.bySource = new Map();
      for (const segment of this.rendered.sourceMap.segments) {
        const list = this.bySource.get(segment.file);
        if (list) list.push(segment);
        else this.bySource.set(segment.file, [segment]);
      }
    }
    return this.bySource.get(file) ?? [];
  }

  /** The rendered offsets an offset of `file` was printed at: one per use of a value, one per copy of template text. */
  outputOffsets(file: string, offset: number): { output: number; segment: Segment }[] {
    const hits: { output: number; segment: Segment }[] = [];
    for (const segment of this.segmentsOf(file)) {
      if (offset < segment.srcStart || offset > segment.srcEnd || (offset === segment.srcEnd && segment.srcEnd > segment.srcStart)) continue;
      const output = segment.origin === 'text' ? segment.outStart + (offset - segment.srcStart) : segment.outStart;
      if (output < segment.outEnd || segment.outEnd === segment.outStart) hits.push({ output, segment });
    }
    return hits;
  }

  private documentAt(output: number): DocumentResult | null {
    for (const document of this.result.documents) if (output >= document.slice.start && output < document.slice.end) return document;
    return null;
  }

  /** The rendered document and workload (its index among the document's) a position of `file` belongs to (for the simulation). */
  workloadAt(file: string, offset: number): { document: number; object: number } | null {
    for (const { output } of this.outputOffsets(file, offset)) {
      const document = this.documentAt(output);
      if (!document || document.objects.length === 0) continue;
      return { document: document.slice.index, object: objectIndexAt(document, output - document.slice.start) };
    }
    return null;
  }

  /**
   * What the value under the cursor means for every workload that uses it: a
   * values-file scalar printed into three Deployments gets the numbers of each.
   */
  hover(file: string, offset: number, settings: ServiceSettings): Hover | null {
    const lines = this.linesOf(file);
    if (!lines) return null;
    const sections = new Map<string, string[]>();
    let range: Range | null = null;
    for (const { output, segment } of this.outputOffsets(file, offset)) {
      const document = this.documentAt(output);
      if (!document || document.objects.length === 0) continue;
      const detail = this.detailOf(document);
      const local = output - document.slice.start;
      const object = objectAt(detail, local);
      const read = detail.parsed?.read;
      if (!object) continue;
      // The tree's offsets are those of the text kubectl decodes (a rewrite of the rendered text where go-yaml reads it so).
      const found = targetAt(object, read ? toParsedOffset(read, local) : local);
      if (!found) continue;
      const target = { ...found, span: read ? toDocumentSpan(read, found.span.start, found.span.end) : found.span };
      const markdown = hoverMarkdown(object, target, settings);
      if (!markdown) continue;
      const where = this.workloadLabel(document, object.workload);
      const list = sections.get(markdown);
      if (list) list.push(where);
      else sections.set(markdown, [where]);
      if (!range) {
        const span =
          segment.origin === 'text'
            ? this.placer.place(document.slice.start + target.span.start, document.slice.start + target.span.end)
            : { file, start: segment.srcStart, end: segment.srcEnd };
        range = span && span.file === file ? lines.range(0, span.start, span.end) : lines.range(0, segment.srcStart, segment.srcEnd);
      }
    }
    if (sections.size === 0) return null;
    const parts: string[] = [];
    for (const [markdown, where] of sections) {
      // Always say for which chart or overlay, template and workload: a value may be rendered or built into several.
      parts.push(`*${where.join(' · ')}*\n\n${markdown}`);
    }
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
  }

  private workloadLabel(document: DocumentResult, workload: { kind: string; name: string | null }): string {
    const from = this.rendered.documents.find((d) => d.start <= document.slice.start && document.slice.start < d.end)?.file;
    return `${this.label} · ${from ? `${code(from)} · ` : ''}${workload.kind} ${code(workload.name ?? '(no name)')}`;
  }

  /**
   * Quick fixes of the findings shown in `file`, as edits of that file: an edit
   * of template or patch text maps character for character; an edit that
   * replaces a value printed from a values or patch scalar replaces that
   * scalar; an edit anywhere else (text computed by a function) is not offered.
   */
  codeActions(file: string, uri: string, version: number | null, range: { start: number; end: number }, settings: ServiceSettings): CodeAction[] {
    const lines = this.linesOf(file);
    const text = this.fileText(file);
    if (!lines || text === undefined) return [];
    const actions: CodeAction[] = [];
    for (const document of this.result.documents) {
      const view = this.viewIn(document, file);
      for (const found of findingsOf(view)) {
        const finding = shownFinding(found, settings);
        if (!finding) continue;
        const diagnostic = toDiagnostic(finding, view, lines, finding.severity);
        const span = view.translate(finding.start, finding.end);
        if (!diagnostic || !span || span.end < range.start || span.start > range.end) continue;
        for (const fix of finding.fixes ?? []) {
          const edits = this.mapFix(fix, document, file, text, lines);
          if (!edits) continue;
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred === true,
            edit: version !== null ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } },
          });
        }
      }
    }
    return actions;
  }

  private mapFix(fix: Fix, document: DocumentResult, file: string, text: string, lines: LineMap): LspTextEdit[] | null {
    const edits: LspTextEdit[] = [];
    for (const edit of fix.edits) {
      const start = document.slice.start + edit.start;
      const end = document.slice.start + edit.end;
      const placed = this.placer.place(start, end);
      if (!placed || placed.file !== file) return null;
      if (placed.origin === 'text' && placed.end - placed.start === end - start) {
        edits.push({ range: lines.range(0, placed.start, placed.end), newText: edit.newText });
      } else if (placed.origin === 'value') {
        const value = scalarValue(edit.newText);
        if (value === null) return null;
        edits.push({ range: lines.range(0, placed.start, placed.end), newText: inStyleOf(text.slice(placed.start, placed.end), value) });
      } else {
        return null;
      }
    }
    return edits;
  }
}

/** The value a fix writes, without the quotes it was written with in the rendered text; null for anything but a scalar. */
function scalarValue(text: string): string | null {
  const trimmed = text.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as string;
    } catch {
      return null;
    }
  }
  if (/^'(?:[^']|'')*'$/.test(trimmed)) return trimmed.slice(1, -1).replace(/''/g, "'");
  return /[\n:#{}[\],&*!|>%@`]/.test(trimmed) ? null : trimmed;
}

/** A new scalar value written the way the old one was (quoted or plain). */
function inStyleOf(old: string, value: string): string {
  if (old.startsWith('"')) return JSON.stringify(value);
  if (old.startsWith("'")) return `'${value.replace(/'/g, "''")}'`;
  return value;
}
