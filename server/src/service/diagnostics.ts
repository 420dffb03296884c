import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { type Finding, type Severity } from '../engine/findings';
import { refold } from '../engine/fold';
import { fileReadingFindings } from '../engine/reading-findings';
import { type FileReading } from '../engine/results';
import { type DocumentView, isKubernetesDocument, looksLikeKubernetes } from './document';
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

/** Every finding of a document, its objects' and its own (kubectl's errors, text it never reads) alike. */
export function findingsOf(view: DocumentView): Finding[] {
  const { findings, objects } = view.result;
  if (objects.length === 0) return findings;
  const all = [...findings];
  for (const object of objects) for (const finding of object.findings) all.push(finding);
  return all;
}

/** The finding as a diagnostic in the current text; null for a held-back view whose text under the finding changed. */
export function toDiagnostic(finding: Finding, view: DocumentView, lines: LineMap, severity: Severity): Diagnostic | null {
  const span = view.translate(finding.start, finding.end);
  if (!span) return null;
  return toLspDiagnostic(finding, lines.range(view.base, span.start, span.end), severity);
}

function toLspDiagnostic(finding: Finding, range: Diagnostic['range'], severity: Severity): Diagnostic {
  const diagnostic: Diagnostic = { range, severity: lspSeverity[severity], code: finding.code, source: diagnosticSource, message: finding.message };
  // Text kubectl never applies is shown faded, as editors show unused code.
  if (finding.code === 'not-applied') diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
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

/**
 * What kubectl's reading of the whole file adds (an error between documents,
 * the text it never applies after an error), for a file that holds a
 * Kubernetes document: other YAML stays silent.
 */
export function readingDiagnostics(
  text: string,
  reading: FileReading,
  views: readonly DocumentView[],
  lines: LineMap,
  settings: ServiceSettings,
): Diagnostic[] {
  if (reading.error === null && reading.stop === null && !views.some((view) => view.result.stops)) return [];
  if (views.length === 0 ? !looksLikeKubernetes(text) : !views.some((view) => isKubernetesDocument(view.result))) return [];
  const diagnostics: Diagnostic[] = [];
  // A view held back while a line is typed may show an older result: its place is the view's.
  const documents = views.map(({ result, base }) => ({
    slice: { start: base, end: base + result.slice.text.length },
    stops: result.stops,
    findings: result.findings,
  }));
  for (const finding of fileReadingFindings(text, reading, documents)) {
    const severity = effectiveSeverity(finding, settings);
    if (severity !== null) diagnostics.push(toLspDiagnostic(finding, lines.range(0, finding.start, finding.end), severity));
  }
  return diagnostics;
}
