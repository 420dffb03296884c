import { type Document } from 'yaml';
import { type Finding, type Severity } from '../findings';
import { type ContainerSpec, type PodSpecModel } from '../model';
import { computeQos, type DecodedPod } from '../resources';
import { type Workload } from '../workloads';
import { getMap, getString, type Span } from '../yaml-nodes';
import { goQuote } from '../rules/api/field-errors';
import { controllerCreatesPods, controllerPodName, templateForbidden } from '../rules/api/admission';
import { type ClusterObjects, namespaceOf } from './cluster';
import { aggregateMessage, applyLimitRangeDefaults, type FilledValues, limitRangeViolations } from './limit-ranger';
import { missingRequired, type QuotaHold, quotaHold, quotaMatches } from './resource-quota';
import { resolvePriority } from './priority';
import { admitRuntimeClass } from './runtime-class';

export * from './cluster';
export type { FilledValue, FilledValues } from './limit-ranger';
export type { QuotaHold } from './resource-quota';

/**
 * The admission plugins on by default that read other objects, applied to
 * one pod as the API server applies them on creation: the mutating halves
 * (LimitRanger's defaults, RuntimeClass's overhead, Priority's value) on the
 * pod after API defaulting, then the validating halves (LimitRanger's
 * bounds, ResourceQuota's required fields, RuntimeClass's overhead check) on
 * the mutated pod. Only objects found in the inputs are applied; a name that
 * is not found is a note, never a refusal: the cluster may hold it.
 */

/** What the analysis is given: the objects of the inputs, and the namespace of objects that name none. */
export interface ClusterContext {
  objects: ClusterObjects;
  /** The namespace of a pod or an object without `metadata.namespace` (`--namespace`); `default` when absent. */
  namespace?: string;
}

export interface Admission {
  namespace: string;
  /** The pod after the mutating plugins. */
  pod: DecodedPod;
  /** Per container of `pod`: the requests and limits a LimitRange filled in, with their origin. */
  filled: FilledValues[];
  /** Set when a RuntimeClass set `spec.overhead`. */
  overhead: { from: string } | null;
  /** The priority Priority admission gives the pod, when a class decides it. */
  priority: { value: number; from: string } | null;
  /** The quotas that apply to the pod, with how many such pods each holds. */
  quotas: QuotaHold[];
  findings: Finding[];
}

export interface AdmissionInput {
  model: PodSpecModel;
  workload: Workload;
  document: Document.Parsed;
  /** The pod after API defaulting. */
  pod: DecodedPod;
  cluster: ClusterContext;
}

/**
 * The codes admission reports, for the rule catalog: refusals in the plugins'
 * words, and notes where the inputs cannot say what the cluster would do.
 * A refusal is an error for a Pod; for a pod template it is a warning (see
 * `refusal`).
 */
export const admissionCodes: readonly { id: string; severity: Severity; rationale: string }[] = [
  {
    id: 'limit-range-max',
    severity: 'error',
    rationale:
      "A LimitRange of the namespace (in the inputs) sets a max that a container's or the pod's request or limit exceeds: LimitRanger refuses the pod.",
  },
  {
    id: 'limit-range-min',
    severity: 'error',
    rationale: "A LimitRange of the namespace (in the inputs) sets a min above a container's or the pod's request or limit: LimitRanger refuses the pod.",
  },
  {
    id: 'limit-range-ratio',
    severity: 'error',
    rationale: 'A LimitRange of the namespace (in the inputs) sets a maxLimitRequestRatio that a limit over its request exceeds: LimitRanger refuses the pod.',
  },
  {
    id: 'resource-quota-required',
    severity: 'error',
    rationale: 'A ResourceQuota of the namespace (in the inputs) tracks a compute resource that a container does not set: the quota refuses the pod.',
  },
  {
    id: 'resource-quota-scope-unsupported',
    severity: 'information',
    rationale: 'A ResourceQuota of the namespace has a scope Pod Lens does not evaluate: it is not applied, and what it would refuse is not said.',
  },
  {
    id: 'admission-object-not-found',
    severity: 'information',
    rationale:
      'A priorityClassName or runtimeClassName names a class the inputs do not hold: the cluster may hold it, so its value or overhead is unknown here.',
  },
];

/**
 * Admission plugins answer with `admission.NewForbidden`: `pods "<name>" is
 * forbidden: <reason>`. The API server runs them on Pods, never on a
 * workload's template: it stores the Deployment (CronJob, custom resource…)
 * and the refusal comes each time its controller creates a pod from the
 * template, as the controller's FailedCreate event (`Error creating: pods
 * "web-5d4f8c7b9-" is forbidden: …`). So a template's refusal is a warning
 * that says so, and the object keeps its numbers.
 */
function refusal(input: AdmissionInput, code: string, span: Span, reason: string): Finding[] {
  const { workload, document } = input;
  if (!controllerCreatesPods(workload.kind)) return [];
  if (workload.kind === 'Pod') {
    const name = workload.name || getString(getMap(workload.root, 'metadata', document), 'generateName', document) || 'Unknown';
    return [finding(code, 'error', span, `pods ${goQuote(name)} is forbidden: ${reason}`)];
  }
  return [finding(code, 'warning', span, templateForbidden(workload.kind, workload.name, reason))];
}

/**
 * The pod validation that runs after the mutating plugins, in its own words
 * for a Pod; a template's pods fail it when the controller creates them (the
 * template itself, without the defaults, is valid), so it is a warning there.
 */
function invalidAfterDefaults(input: AdmissionInput, span: Span, path: string, error: string): Finding[] {
  const { workload, model } = input;
  if (!controllerCreatesPods(workload.kind)) return [];
  if (workload.kind === 'Pod') return [finding('request-exceeds-limit', 'error', span, `${path}: ${error}`)];
  const podPath = path.startsWith(`${model.path}.`) ? `spec.${path.slice(model.path.length + 1)}` : path;
  const podName = controllerPodName(workload.kind, workload.name);
  return [
    finding(
      'request-exceeds-limit',
      'warning',
      span,
      `the API server accepts this ${workload.kind}, but every pod its controller creates from the template is invalid once the LimitRange's defaults are in (FailedCreate: Pod ${goQuote(podName)} is invalid: ${podPath}: ${error})`,
    ),
  ];
}

function finding(code: string, severity: Severity, span: Span, message: string): Finding {
  return { code, severity, message, start: span.start, end: span.end };
}

function containerAnchor(container: ContainerSpec | undefined): Span | null {
  return container ? (container.resources?.keySpan ?? container.nameSpan ?? container.span) : null;
}

function kindAnchor(input: AdmissionInput): Span {
  return input.workload.kindSpan ?? { start: 0, end: 0 };
}

export function admitPod(input: AdmissionInput): Admission {
  const { model, cluster } = input;
  const namespace = namespaceOf(input.workload.namespace, cluster.namespace);
  const inNamespace = <T extends { name: string; namespace: string }>(objects: readonly T[]) =>
    objects.filter((object) => object.namespace === namespace).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const findings: Finding[] = [];
  const anchorOf = (position: number | null) => (position === null ? null : containerAnchor(model.containers[position])) ?? kindAnchor(input);

  // Mutating: LimitRanger's defaults, RuntimeClass's overhead, Priority's value.
  const limitRanges = inNamespace(cluster.objects.limitRanges);
  const defaulted = applyLimitRangeDefaults(input.pod, limitRanges);
  let pod = defaulted.pod;
  let overhead: Admission['overhead'] = null;
  const runtimeClass = admitRuntimeClass(model.runtimeClassName.value || null, input.pod.overhead, cluster.objects.runtimeClasses);
  if (runtimeClass.kind === 'overhead') {
    pod = { ...pod, overhead: runtimeClass.overhead };
    overhead = { from: runtimeClass.from };
  } else if (runtimeClass.kind === 'refused') {
    findings.push(
      ...refusal(input, 'runtimeclass-overhead', model.overhead?.keySpan ?? model.runtimeClassName.valueSpan ?? kindAnchor(input), runtimeClass.reason),
    );
  } else if (runtimeClass.kind === 'not-found') {
    findings.push(
      finding(
        'admission-object-not-found',
        'information',
        model.runtimeClassName.valueSpan ?? kindAnchor(input),
        `RuntimeClass ${goQuote(runtimeClass.className)} is not in the inputs: its overhead (if any) is not counted in the pod's requests; the cluster must hold it, or the pod is refused`,
      ),
    );
  }
  const priorityClass = resolvePriority(model.priorityClassName.value || null, cluster.objects.priorityClasses);
  let priority: Admission['priority'] = null;
  if (priorityClass.kind === 'resolved') {
    priority = { value: priorityClass.value, from: priorityClass.from };
    if (!model.priorityClassName.value && priorityClass.className) pod = { ...pod, priorityClassName: priorityClass.className };
  } else if (priorityClass.kind === 'not-found') {
    findings.push(
      finding(
        'admission-object-not-found',
        'information',
        model.priorityClassName.valueSpan ?? kindAnchor(input),
        `PriorityClass ${goQuote(priorityClass.className)} is not in the inputs: its priority is unknown here; the cluster must hold it, or the pod is refused`,
      ),
    );
  }

  // Validating: the pod's own validation sees the defaults (a default limit below a written request), then each plugin.
  defaulted.filled.forEach((filled, position) => {
    const container = pod.containers[position];
    for (const [key, value] of filled) {
      if (!key.startsWith('limits.')) continue;
      const name = key.slice('limits.'.length);
      const request = container.requests.get(name);
      if (!request || filled.has(`requests.${name}`) || request.cmp(value.quantity) <= 0) continue;
      const spec = model.containers[position];
      const containerPath = spec?.path ?? `${model.path}.containers[${position}]`;
      const error = `Invalid value: "${request.toString()}": must be less than or equal to ${name} limit of ${value.quantity.toString()}`;
      findings.push(...invalidAfterDefaults(input, anchorOf(position), `${containerPath}.resources.requests`, error));
    }
  });
  for (const limitRange of limitRanges) {
    const violations = limitRangeViolations(pod, limitRange);
    if (violations.length === 0) continue;
    const first = violations[0];
    const code = first.constraint === 'min' ? 'limit-range-min' : first.constraint === 'max' ? 'limit-range-max' : 'limit-range-ratio';
    findings.push(...refusal(input, code, anchorOf(first.container), aggregateMessage(violations.map((v) => v.message))));
  }
  const facts = {
    qosClass: computeQos(pod).qosClass,
    terminating: (model.activeDeadlineSeconds.value ?? -1) >= 0,
    priorityClassName: pod.priorityClassName,
  };
  const quotas: QuotaHold[] = [];
  for (const quota of inNamespace(cluster.objects.resourceQuotas)) {
    const match = quotaMatches(quota, facts);
    if (match.matches === 'unknown') {
      findings.push(
        finding(
          'resource-quota-scope-unsupported',
          'information',
          kindAnchor(input),
          `ResourceQuota ${quota.name} in namespace ${namespace} is not applied: Pod Lens does not evaluate its ${match.scope} scope`,
        ),
      );
      continue;
    }
    if (!match.matches) continue;
    const missing = missingRequired(quota, pod);
    if (missing) {
      findings.push(...refusal(input, 'resource-quota-required', anchorOf(missing.containers[0] ?? null), `failed quota: ${quota.name}: ${missing.message}`));
    }
    quotas.push(quotaHold(quota, pod));
  }
  return { namespace, pod, filled: defaulted.filled, overhead, priority, quotas, findings };
}
