import { type Rule } from '../rule';
import { invalid } from './field-errors';
import { errorFinding } from './helpers';
import { goJsonMap, selectorConversionFails, selectorMatches, selectorSize } from './selectors';
import { controllerSpec, manualSelector } from './workload-spec';

/**
 * A controller's selector must match its own pod template's labels, or the
 * pods it creates would not be its own: `spec.template.metadata.labels:
 * Invalid value: <labels>: `selector` does not match template `labels``
 * (ValidatePodTemplateSpecForReplicaSet and ForStatefulSet,
 * ValidateDaemonSetSpec, ValidateJobSpec, ValidatePodTemplateSpecForRC).
 * A missing selector matches nothing (`LabelSelectorAsSelector(nil)` is
 * `Nothing`), an empty one everything; one that does not convert (a bad
 * requirement) is reported by invalid-label-selector instead. A Job without
 * `manualSelector` gets a generated selector and generated labels (job-selector).
 */
export const selectorMismatch: Rule = {
  id: 'selector-mismatch',
  phase: 'api',
  severity: 'error',
  rationale: "A controller's selector must match its pod template's labels, or it would not own the pods it creates.",
  check(context) {
    const controller = controllerSpec(context);
    if (!controller || controller.kind === 'CronJob' || controller.labels.unreadable) return [];
    if (controller.kind === 'Job' && !manualSelector(controller.spec, context)) return [];
    const labels = controller.labels.labels ?? new Map<string, string>();
    let matches: boolean;
    if (controller.kind === 'ReplicationController') {
      const selector = controller.rcSelector!;
      // An empty selector is defaulted from the template's labels, which it then matches.
      if (selector.unreadable || !selector.labels || selector.labels.size === 0) return [];
      matches = [...selector.labels].every(([key, value]) => labels.get(key) === value);
    } else {
      const selector = controller.selector;
      if (selector?.unreadable) return [];
      if (!selector?.present) matches = false;
      else if (selectorConversionFails(selector)) return [];
      else matches = selectorSize(selector) === 0 || selectorMatches(selector, labels);
    }
    if (matches) return [];
    const anchor = controller.labels.kv?.keySpan ?? controller.templateAnchor?.keySpan ?? controller.specKey.keySpan;
    const message = invalid(
      `${controller.path}.template.metadata.labels`,
      { quoted: goJsonMap(controller.labels.labels) },
      '`selector` does not match template `labels`',
    );
    return [errorFinding(this.id, anchor, message)];
  },
};
