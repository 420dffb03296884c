import { type Finding, type Fix } from '../../findings';
import { type Span } from '../../yaml-nodes';
import { type RuleContext } from '../rule';
import { objectMeta } from './object-meta';
import { goQuote } from './field-errors';

/**
 * Admission plugins answer with `admission.NewForbidden`: apierrors'
 * `<resource> "<name>" is forbidden: <reason>`, the name being the object's
 * name, else its generateName, else "Unknown" (k8s.io/apiserver
 * pkg/admission/errors.go, apimachinery pkg/api/errors NewForbidden).
 */
export function podForbidden(context: RuleContext, reason: string): string {
  const meta = objectMeta(context);
  const name = meta.name.value || meta.generateName.value || 'Unknown';
  return `pods ${goQuote(name)} is forbidden: ${reason}`;
}

/** The name a controller gives a template's pods: a StatefulSet's are <name>-0, -1…; other controllers add a generated suffix. */
export function controllerPodName(kind: string, name: string | null): string {
  if (!name) return '…';
  return kind === 'StatefulSet' ? `${name}-0` : `${name}-…`;
}

/**
 * Admission plugins run on Pods, never on a workload's template: the API
 * server stores the workload, and each pod its controller creates from the
 * template is refused, as the controller's FailedCreate event (`Error
 * creating: pods "web-5d4f8c7b9-" is forbidden: …`). The template's finding
 * says so, in the plugin's words for the reason.
 */
export function templateForbidden(kind: string, name: string | null, reason: string): string {
  return `the API server accepts this ${kind}, but refuses every pod its controller creates from the template (FailedCreate: pods ${goQuote(controllerPodName(kind, name))} is forbidden: ${reason})`;
}

/** Whether pods are made from the object: a Pod, or a workload whose controller creates them (no controller reads a bare PodTemplate). */
export function controllerCreatesPods(kind: string): boolean {
  return kind !== 'PodTemplate';
}

/**
 * An admission plugin's refusal: an error for a Pod, a warning for a
 * template (the workload is stored; its pods are refused); none for a
 * PodTemplate, whose pods only someone else makes.
 */
export function admissionRefusal(context: RuleContext, code: string, span: Span, reason: string, fixes: Fix[] = []): Finding[] {
  if (!controllerCreatesPods(context.workload.kind)) return [];
  const pod = context.workload.kind === 'Pod';
  const finding: Finding = {
    code,
    severity: pod ? 'error' : 'warning',
    message: pod ? podForbidden(context, reason) : templateForbidden(context.workload.kind, context.workload.name, reason),
    start: span.start,
    end: span.end,
  };
  if (fixes.length > 0) finding.fixes = fixes;
  return [finding];
}
