import { type PodAnalysis } from '../../engine/analysis';
import { code } from '../markdown';

/**
 * What the admission plugins did, in hovers: which object set a request or
 * limit, the overhead and the priority, and how many pods each quota holds.
 */

/** `LimitRange/defaults` → `LimitRange defaults`: the kind and the name as a person says them. */
function objectWords(from: string): string {
  const slash = from.indexOf('/');
  return slash < 0 ? from : `${from.slice(0, slash)} ${from.slice(slash + 1)}`;
}

/** One line per value a plugin set on the container at `position` (the analysis's order), e.g. `limits.cpu 500m from LimitRange defaults in namespace shop`. */
export function filledValueLines(analysis: PodAnalysis, position: number): string | null {
  const admission = analysis.admission;
  const filled = admission?.filled[position];
  if (!admission || !filled || filled.size === 0) return null;
  const lines = [...filled].map(
    ([key, value]) => `- ${code(key)} ${value.quantity.toString()} from ${objectWords(value.from)} in namespace ${code(admission.namespace)}`,
  );
  return `**Set by admission** (the container does not write these; the LimitRanger plugin fills them in when the pod is created):\n${lines.join('\n')}`;
}

/** The workload hover's section on admission, or null when nothing applied. */
export function admissionSection(analysis: PodAnalysis, kind: string): string | null {
  const admission = analysis.admission;
  if (!admission) return null;
  const lines: string[] = [];
  const filledCount = admission.filled.reduce((sum, filled) => sum + filled.size, 0);
  if (filledCount > 0) {
    const sources = [...new Set(admission.filled.flatMap((filled) => [...filled.values()].map((value) => objectWords(value.from))))];
    lines.push(`- ${filledCount} request${filledCount === 1 ? '' : 's'} and limits filled in by ${sources.join(', ')} (hover a container for which)`);
  }
  if (admission.overhead) lines.push(`- \`spec.overhead\` from ${objectWords(admission.overhead.from)}, added to the pod's requests`);
  if (admission.priority) lines.push(`- priority ${admission.priority.value} from ${objectWords(admission.priority.from)}`);
  const what = kind === 'Pod' ? 'pods like this' : 'replicas';
  for (const quota of admission.quotas) {
    if (quota.replicas === null) {
      lines.push(`- ResourceQuota ${code(quota.quota)} tracks nothing this pod uses`);
      continue;
    }
    const limiting = quota.resources.find((resource) => resource.name === quota.limitedBy);
    const detail = limiting ? ` (${code(limiting.name)} runs out first: ${limiting.perPod} each of ${limiting.hard})` : '';
    lines.push(`- ResourceQuota ${code(quota.quota)} holds **${quota.replicas}** ${what}${detail}, if nothing else in the namespace uses it`);
  }
  if (lines.length === 0) return null;
  return `**Namespace ${code(admission.namespace)}** (admission, from the objects in the inputs):\n${lines.join('\n')}`;
}
