import {
  type CodeAction,
  type CodeActionContext,
  CodeActionKind,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { type DocumentResult } from '../engine/analyze';
import { analyzePod } from '../engine/analysis';
import { parseSlice } from '../engine/documents';
import { type Fix } from '../engine/findings';
import { readPodSpec } from '../engine/model';
import { canonicalQuantity, makeGuaranteed } from '../engine/refactorings';
import { type RuleContext } from '../engine/rules/rule';
import { findWorkload } from '../engine/workloads';
import { type AnalyzedFile, currentView, type DocumentView, isKubernetesDocument } from './document';
import { findingsOf, shownFinding, toDiagnostic } from './diagnostics';
import { targetAt } from './locate';
import { type ServiceSettings } from './settings';

/**
 * Code actions: the engine's fixes for each finding in the requested range
 * as quick fixes, and two refactorings that no diagnostic asks for ("Make
 * Guaranteed" on a workload, "Write quantity canonically" on a quantity).
 * Every edit names the document version it was computed for, so that a
 * client refuses it if the text has moved on.
 */

export const makeGuaranteedKind = CodeActionKind.Refactor;
export const canonicalQuantityKind = CodeActionKind.RefactorRewrite;

export interface CodeActionOptions {
  /** The client can take `documentChanges` (versioned edits); otherwise plain `changes`. */
  documentChanges: boolean;
  /** The client shows actions that cannot apply, with the reason (`CodeAction.disabled`). */
  disabledSupport: boolean;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

function workspaceEdit(analyzed: AnalyzedFile, view: DocumentView, fix: Fix, options: CodeActionOptions): WorkspaceEdit {
  const edits: LspTextEdit[] = fix.edits.map((edit) => ({
    range: analyzed.lines.range(view.base, edit.start, edit.end),
    newText: edit.newText,
  }));
  if (options.documentChanges && analyzed.version !== null) {
    return { documentChanges: [{ textDocument: { uri: analyzed.uri, version: analyzed.version }, edits }] };
  }
  return { changes: { [analyzed.uri]: edits } };
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

/** The engine's view of a document again, with its parsed YAML, for refactorings that edit by the AST. */
function ruleContext(document: DocumentResult, settings: ServiceSettings): RuleContext | null {
  const parsed = parseSlice(document.slice);
  if (parsed.syntaxErrors.length > 0) return null;
  const workload = findWorkload(parsed.document);
  if (!workload?.podSpec) return null;
  const model = readPodSpec(workload.podSpec, workload.podSpecPath, parsed.document, document.slice.text);
  const analysis = document.object?.analysis ? analyzePod(model, settings.node.memoryBytes) : undefined;
  return { document: parsed.document, text: document.slice.text, workload, model, node: settings.node, analysis };
}

export function codeActions(
  analyzed: AnalyzedFile,
  range: Range,
  context: CodeActionContext,
  settings: ServiceSettings,
  options: CodeActionOptions = { documentChanges: true, disabledSupport: true },
): CodeAction[] {
  const actions: CodeAction[] = [];
  const { lines } = analyzed;
  const start = lines.clampedOffsetAt(range.start);
  const end = Math.max(start, lines.clampedOffsetAt(range.end));
  const only = context.only;

  for (const document of analyzed.documentsIn(start, end)) {
    const view = currentView(document);
    const slice = document.slice;
    if (!isKubernetesDocument(document)) continue;

    if (wanted(CodeActionKind.QuickFix, only)) {
      for (const found of findingsOf(view)) {
        const finding = shownFinding(found, settings);
        if (!finding) continue;
        const diagnostic = toDiagnostic(finding, view, lines, finding.severity);
        if (!diagnostic) continue;
        const asked = context.diagnostics.some((d) => sameDiagnostic(d, diagnostic));
        if (!asked && !overlaps(diagnostic.range, range)) continue;
        for (const fix of finding.fixes ?? []) {
          if (fix.edits.length === 0) continue;
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred === true,
            edit: workspaceEdit(analyzed, view, fix, options),
          });
        }
      }
    }

    const object = document.object;
    if (!object?.analysis) continue;
    const cursor = Math.max(0, Math.min(start - slice.start, slice.text.length));

    const detail = wanted(canonicalQuantityKind, only) ? analyzed.detail(document).object : null;
    if (detail?.model) {
      const target = targetAt(detail, cursor);
      if (target?.kind === 'quantity') {
        const fix = canonicalQuantity(target.entry, slice.text);
        if (fix) {
          actions.push({ title: `Write quantity canonically: ${fix.title}`, kind: canonicalQuantityKind, edit: workspaceEdit(analyzed, view, fix, options) });
        }
      }
    }

    // Offered where a person thinks about the whole workload (its kind or name, a resources block),
    // or when refactorings are asked for by kind: not as a lightbulb on every line of the pod.
    const within = (span: { start: number; end: number } | null | undefined) => !!span && cursor >= span.start && cursor <= span.end;
    const askedForRefactorings = !!only && only.some((prefix) => makeGuaranteedKind === prefix || makeGuaranteedKind.startsWith(`${prefix}.`));
    const atWorkload =
      askedForRefactorings ||
      within(object.workload.kindSpan) ||
      within(object.workload.nameSpan) ||
      !!analyzed.detail(document).object?.model?.containers.some((container) => within(container.resources?.span));
    if (atWorkload && wanted(makeGuaranteedKind, only) && object.analysis.qos.qosClass !== 'Guaranteed') {
      const engineContext = ruleContext(document, settings);
      const refactoring = engineContext ? makeGuaranteed(engineContext) : null;
      if (refactoring?.fix) {
        actions.push({ title: 'Make Guaranteed', kind: makeGuaranteedKind, edit: workspaceEdit(analyzed, view, refactoring.fix, options) });
      } else if (options.disabledSupport && refactoring && refactoring.reasons.length > 0) {
        actions.push({ title: 'Make Guaranteed', kind: makeGuaranteedKind, disabled: { reason: refactoring.reasons.join(' ') } });
      }
    }
  }
  return actions;
}
