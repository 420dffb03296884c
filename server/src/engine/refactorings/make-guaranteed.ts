import { type YAMLMap } from 'yaml';
import { type Fix, type TextEdit } from '../findings';
import { type ContainerSpec, type QuantityEntry, type ResourcesSpec } from '../model';
import { Quantity } from '../quantity';
import { CPU, MEMORY } from '../resources';
import { type RuleContext } from '../rules/rule';
import { type FilledValues } from '../admission';
import { type EditContext, editContext, type EntryTree, setEntries, tree } from './yaml-edits';

export interface GuaranteedRefactoring {
  /** null when the pod is already Guaranteed or cannot be made so (see `reasons`). */
  fix: Fix | null;
  /** Why no fix is offered, one sentence per container (or for the pod-level resources). */
  reasons: string[];
}

function present(entry: QuantityEntry | undefined): entry is QuantityEntry & { decoded: Quantity } {
  // Zero counts as unset for QoS, so it is no value to copy from.
  return !!entry && entry.decoded instanceof Quantity && !entry.decoded.isZero() && !!entry.valueSpan;
}

function label(container: ContainerSpec): string {
  const kind = container.role === 'app' ? 'container' : container.role === 'sidecar' ? 'sidecar' : 'init container';
  return `${kind} ${container.name ?? container.path}`;
}

/** A request or limit the pod has: written (as written), or filled in by a LimitRange (as the quantity prints). */
interface Side {
  text: string;
  quantity: Quantity;
}

/**
 * What one owner of resources (a container, or the pod-level `spec.resources`)
 * needs for requests = limits on cpu and memory. When both are set and differ,
 * the request is raised to the limit rather than the limit lowered: the
 * limit is what the workload was allowed to use, and lowering it could get
 * it OOM-killed. A side that is missing is copied from the other, as written.
 * A value a LimitRange of the namespace fills in counts as set, and is not
 * written: the LimitRange fills it in again.
 */
function plan(
  context: EditContext,
  resources: ResourcesSpec | null,
  filled: FilledValues | undefined,
  owner: string,
): { requests: EntryTree; limits: EntryTree; reasons: string[] } {
  const requests: EntryTree = new Map();
  const limits: EntryTree = new Map();
  const reasons: string[] = [];
  const side = (entry: QuantityEntry | undefined, key: string): Side | null => {
    if (present(entry)) return { text: context.text.slice(entry.valueSpan!.start, entry.valueSpan!.end), quantity: entry.decoded };
    const value = filled?.get(key);
    return value && !value.quantity.isZero() ? { text: value.quantity.toString(), quantity: value.quantity } : null;
  };
  for (const name of [CPU, MEMORY]) {
    const request = side(resources?.requests?.byName.get(name), `requests.${name}`);
    const limit = side(resources?.limits?.byName.get(name), `limits.${name}`);
    if (limit) {
      if (!request || request.quantity.cmp(limit.quantity) !== 0) requests.set(name, limit.text);
    } else if (request) {
      limits.set(name, request.text);
    } else {
      reasons.push(`${owner} sets no ${name} request or limit: Guaranteed needs one, and only its author knows how much ${name} it needs.`);
    }
  }
  return { requests, limits, reasons };
}

/**
 * Edits that make the pod Guaranteed: requests = limits for cpu and memory
 * in every container, init containers and sidecars included (they count for
 * QoS). With pod-level `spec.resources`, only they decide the QoS class, so
 * only they are changed.
 */
export function makeGuaranteed(context: RuleContext): GuaranteedRefactoring {
  if (context.analysis?.qos.qosClass === 'Guaranteed') {
    return { fix: null, reasons: ['The pod is already Guaranteed.'] };
  }
  const edit = editContext(context.document, context.text);
  // The values a LimitRange filled in, per container (LimitRanger fills no pod-level resources).
  const filled = context.analysis?.admission?.filled;
  const owners: { resources: ResourcesSpec | null; filled?: FilledValues; label: string; node: YAMLMap }[] =
    context.model.podResources && !context.model.podResources.valueIsNull
      ? [{ resources: context.model.podResources, label: 'the pod-level spec.resources', node: context.model.node }]
      : context.model.containers.map((container, position) => ({
          resources: container.resources,
          filled: filled?.[position],
          label: label(container),
          node: container.node,
        }));
  const edits: TextEdit[] = [];
  const reasons: string[] = [];
  // A container repeated through an alias (`- *base`) is one node in the text: edit it once.
  const seen = new Set<YAMLMap>();
  for (const owner of owners) {
    if (seen.has(owner.node)) continue;
    seen.add(owner.node);
    const wanted = plan(edit, owner.resources, owner.filled, owner.label);
    if (wanted.reasons.length > 0) {
      reasons.push(...wanted.reasons);
      continue;
    }
    const entries: EntryTree = new Map();
    if (wanted.requests.size > 0) entries.set('requests', wanted.requests);
    if (wanted.limits.size > 0) entries.set('limits', wanted.limits);
    if (entries.size === 0) continue;
    const ownerEdits = setEntries(edit, owner.node, tree([['resources', entries]]));
    if (!ownerEdits) {
      reasons.push(`${owner.label}: its resources are not a map Pod Lens can edit.`);
      continue;
    }
    edits.push(...ownerEdits);
  }
  if (reasons.length > 0) return { fix: null, reasons };
  if (edits.length === 0) return { fix: null, reasons: ['The pod is already Guaranteed.'] };
  return { fix: { title: 'Make the pod Guaranteed (requests = limits for cpu and memory)', edits }, reasons: [] };
}
