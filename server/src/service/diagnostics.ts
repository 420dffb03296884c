import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { type Finding, type Severity } from '../engine/findings';
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

/** The severity a finding is shown with, or null when the user turned its rule off. */
export function effectiveSeverity(finding: Finding, settings: ServiceSettings): Severity | null {
  const override = settings.severity.get(finding.code);
  if (override === 'off') return null;
  return override ?? finding.severity;
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
    const severity = effectiveSeverity(finding, settings);
    const diagnostic = severity === null ? null : toDiagnostic(finding, view, lines, severity);
    if (diagnostic) diagnostics.push(diagnostic);
  }
  return diagnostics;
}

export function fileDiagnostics(views: readonly DocumentView[], lines: LineMap, settings: ServiceSettings): Diagnostic[] {
  return views.flatMap((view) => documentDiagnostics(view, lines, settings));
}
