import {
  type CodeAction,
  type CodeActionContext,
  CodeActionKind,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { type DocumentDetail, type ObjectDetail, objectIndexAt } from '../engine/analyze';
import { toDocumentFix, toParsedOffset } from '../engine/documents';
import { type Fix } from '../engine/findings';
import { canonicalQuantity, makeGuaranteed } from '../engine/refactorings';
import { type RuleContext } from '../engine/rules/rule';
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

/**
 * The engine's view of one workload again, with its parsed YAML, for
 * refactorings that edit by the AST. The analysis is the one the hovers and
 * diagnostics show: computed with the same options (the namespace's
 * LimitRanges and classes), so a refactoring starts from the admitted pod.
 */
function ruleContext(detail: DocumentDetail, object: ObjectDetail, settings: ServiceSettings): RuleContext | null {
  const parsed = detail.parsed;
  if (!parsed || parsed.fatal || !object.model) return null;
  return {
    document: parsed.document,
    text: parsed.read.text,
    workload: object.workload,
    model: object.model,
    node: settings.node,
    ...(object.analysis ? { analysis: object.analysis } : {}),
  };
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

    const cursor = Math.max(0, Math.min(start - slice.start, slice.text.length));
    const index = objectIndexAt(document.objects, cursor);
    const object = document.objects[index];
    if (!object?.analysis) continue;
    const detail = analyzed.detail(document);
    const objectDetail = detail.objects[index];
    const read = detail.parsed?.read;
    if (!objectDetail || !read) continue;
    // The tree's offsets are those of the text kubectl decodes; fixes made on it are moved back to the file's text.
    const parsedCursor = toParsedOffset(read, cursor);

    if (wanted(canonicalQuantityKind, only) && objectDetail.model) {
      const target = targetAt(objectDetail, parsedCursor);
      if (target?.kind === 'quantity') {
        const made = canonicalQuantity(target.entry, read.text);
        const fix = made && toDocumentFix(read, made);
        if (fix) {
          actions.push({ title: `Write quantity canonically: ${fix.title}`, kind: canonicalQuantityKind, edit: workspaceEdit(analyzed, view, fix, options) });
        }
      }
    }

    // Offered where a person thinks about the whole workload (its kind or name, a resources block),
    // or when refactorings are asked for by kind: not as a lightbulb on every line of the pod.
    const within = (span: { start: number; end: number } | null | undefined, at = cursor) => !!span && at >= span.start && at <= span.end;
    const askedForRefactorings = !!only && only.some((prefix) => makeGuaranteedKind === prefix || makeGuaranteedKind.startsWith(`${prefix}.`));
    const atWorkload =
      askedForRefactorings ||
      within(object.workload.kindSpan) ||
      within(object.workload.nameSpan) ||
      !!objectDetail.model?.containers.some((container) => within(container.resources?.span, parsedCursor));
    if (atWorkload && wanted(makeGuaranteedKind, only) && object.analysis.qos.qosClass !== 'Guaranteed') {
      const engineContext = ruleContext(detail, objectDetail, settings);
      const refactoring = engineContext ? makeGuaranteed(engineContext) : null;
      const fix = refactoring?.fix ? toDocumentFix(read, refactoring.fix) : null;
      if (fix) {
        actions.push({ title: 'Make Guaranteed', kind: makeGuaranteedKind, edit: workspaceEdit(analyzed, view, fix, options) });
      } else if (options.disabledSupport && refactoring && refactoring.reasons.length > 0) {
        actions.push({ title: 'Make Guaranteed', kind: makeGuaranteedKind, disabled: { reason: refactoring.reasons.join(' ') } });
      }
    }
  }
  return actions;
}
