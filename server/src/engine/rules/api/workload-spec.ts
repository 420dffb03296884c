import { isScalar, type YAMLMap } from 'yaml';
import { type RuleContext } from '../rule';
import { isWorkloadKind, type WorkloadKind } from '../../workloads';
import { asMap } from '../../yaml-nodes';
import { keyed, type KeyedValue } from './helpers';
import { type LabelsModel, readLabels, readSelector, type SelectorModel } from './selectors';

/**
 * The controller-level fields around a workload's pod template: where the
 * selector, the template's labels and the replica count are, with the API
 * paths the controllers' validation reports them under.
 */
export interface ControllerSpec {
  kind: WorkloadKind;
  /** The mapping that holds `selector` and `template` (`spec`, or `spec.jobTemplate.spec` for a CronJob). */
  spec: YAMLMap;
  /** Its key (`spec:`), where findings about a missing field point. */
  specKey: KeyedValue;
  /** API path of that mapping: `spec` or `spec.jobTemplate.spec`. */
  path: string;
  /** A LabelSelector (`spec.selector`); null when the key is absent. Not for ReplicationControllers. */
  selector: SelectorModel | null;
  /** A ReplicationController's `spec.selector`, a plain label map. */
  rcSelector: LabelsModel | null;
  /** The template's `metadata.labels`. */
  labels: LabelsModel;
  /** The template's `metadata:` key, else its `template:` key: where a finding about its labels points without labels. */
  templateAnchor: KeyedValue | null;
}

/** Per workload: six rules read its controller spec. */
const controllerSpecs = new WeakMap<object, ControllerSpec | null>();

export function controllerSpec(context: RuleContext): ControllerSpec | null {
  let spec = controllerSpecs.get(context.workload);
  if (spec === undefined) controllerSpecs.set(context.workload, (spec = readControllerSpec(context)));
  return spec;
}

function readControllerSpec(context: RuleContext): ControllerSpec | null {
  const kind = context.workload.kind;
  if (context.workload.custom || !isWorkloadKind(kind) || kind === 'Pod' || kind === 'PodTemplate') return null;
  let specKey = keyed(context.workload.root, 'spec', context);
  let path = 'spec';
  if (kind === 'CronJob') {
    const jobTemplate = keyed(asMap(specKey?.value ?? null), 'jobTemplate', context);
    specKey = keyed(asMap(jobTemplate?.value ?? null), 'spec', context);
    path = 'spec.jobTemplate.spec';
  }
  const spec = asMap(specKey?.value ?? null);
  if (!spec || !specKey) return null;
  const template = keyed(spec, 'template', context);
  const metadata = keyed(asMap(template?.value ?? null), 'metadata', context);
  const rc = kind === 'ReplicationController';
  return {
    kind,
    spec,
    specKey,
    path,
    selector: rc ? null : readSelector(spec, 'selector', `${path}.selector`, context),
    rcSelector: rc ? readLabels(spec, 'selector', context) : null,
    labels: readLabels(asMap(metadata?.value ?? null), 'labels', context),
    templateAnchor: metadata ?? template,
  };
}

/** `manualSelector: true` on a Job spec. */
export function manualSelector(spec: YAMLMap, context: RuleContext): boolean {
  const value = keyed(spec, 'manualSelector', context)?.value;
  return isScalar(value) && value.value === true;
}
