import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { type Finding, type Severity } from '../engine/findings';
import { refold } from '../engine/fold';
import { type DocumentView, isKubernetesDocument } from './document';
import { type LineMap } from './positions';
import { type ServiceSettings } from './settings';

/** Engine findings as LSP diagnostics: one per finding, at its exact span, with the rule id as code. */

export const diagnosticSource = 'pod-lens';

const lspSeverity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The finding as the user's settings show it, or null when they turn it off.
 * A folded finding (a container's missing requests and limits) is recomposed
 * from the parts still shown, with the code and severity of the most severe
 * of them (`engine/fold.ts`).
 */
export function shownFinding(finding: Finding, settings: ServiceSettings): Finding | null {
  return refold(finding, (code, severity) => {
    const override = settings.severity.get(code);
    return override === 'off' ? null : (override ?? severity);
  });
}

/** The severity a finding is shown with, or null when the user turned its rule off. */
export function effectiveSeverity(finding: Finding, settings: ServiceSettings): Severity | null {
  return shownFinding(finding, settings)?.severity ?? null;
}

/** Every finding of a document, workload findings and document-level ones (YAML syntax) alike. */
export function findingsOf(view: DocumentView): Finding[] {
  return [...view.result.findings, ...(view.result.object?.findings ?? [])];
}

/** The finding as a diagnostic in the current text; null for a held-back view whose text under the finding changed. */
export function toDiagnostic(finding: Finding, view: DocumentView, lines: LineMap, severity: Severity): Diagnostic | null {
  const span = view.translate(finding.start, finding.end);
  if (!span) return null;
  return {
    range: lines.range(view.base, span.start, span.end),
    severity: lspSeverity[severity],
    code: finding.code,
    source: diagnosticSource,
    message: finding.message,
  };
}

export function documentDiagnostics(view: DocumentView, lines: LineMap, settings: ServiceSettings): Diagnostic[] {
  if (!isKubernetesDocument(view.result)) return [];
  const diagnostics: Diagnostic[] = [];
  for (const finding of findingsOf(view)) {
    const shown = shownFinding(finding, settings);
    const diagnostic = shown && toDiagnostic(shown, view, lines, shown.severity);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

export function fileDiagnostics(views: readonly DocumentView[], lines: LineMap, settings: ServiceSettings): Diagnostic[] {
  return views.flatMap((view) => documentDiagnostics(view, lines, settings));
}
