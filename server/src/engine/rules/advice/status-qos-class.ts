import { type Finding, type Fix } from '../../findings';
import { replaceScalar } from '../api/edits';
import { type Rule, type RuleContext } from '../rule';
import { finding } from './shared';

/**
 * A Pod manifest that carries `status.qosClass` (often one exported with
 * `kubectl get -o yaml`): the API server's `PrepareForCreate` resets the
 * status but asks `GetPodQOS`, which returns a non-empty written value as it
 * is, and the kubelet's `GetPodQOS` does the same. The written class, not the
 * one the spec gives, then decides the pod cgroup's parent and values and
 * every container's oom_score_adj. Values that name no class are kept too
 * (status is validated on update only) and confuse the kubelet.
 */
export const statusQosClassOverride: Rule = {
  id: 'status-qos-class',
  phase: 'advice',
  severity: 'warning',
  rationale: "A Pod's written status.qosClass survives creation (GetPodQOS returns it as is), so it, not the spec, decides the pod cgroup and the OOM scores.",
  check(context: RuleContext): Finding[] {
    const written = context.model.statusQosClass;
    const analysis = context.analysis;
    if (!written || !written.span || written.value === '' || !analysis) return [];
    const spec = analysis.qos.computed ?? analysis.qos;
    const fix = (value: string): Fix[] => {
      const edit = replaceScalar(context.text, written.span!, value);
      return edit ? [{ title: `Set status.qosClass to ${value}`, edits: [edit], preferred: true }] : [];
    };
    if (!analysis.qos.computed) {
      if (written.value === spec.qosClass) return [];
      // GetPodContainerName has no QoS parent for it, ResourceConfigForPod's last branch gives only the minimum
      // shares, and GetContainerOOMScoreAdjust falls through to its Burstable formula.
      const message =
        `status.qosClass "${written.value}" is not a QoS class (Guaranteed, Burstable or BestEffort), yet the API server keeps it and the kubelet reads it: ` +
        'the pod cgroup is then made outside kubepods, with cpu.shares 2 and no CPU or memory limit, and oom_score_adj follows the Burstable formula. ' +
        `Pod Lens shows the class the spec gives (${spec.qosClass}).`;
      return [finding(this, written.span, message, fix(spec.qosClass))];
    }
    if (analysis.qos.qosClass === spec.qosClass) return [];
    const { podCgroup } = analysis;
    const scores = [...new Set(analysis.containers.map((c) => c.cgroup.oomScoreAdj))].join(', ');
    const quota = podCgroup.cpuQuotaUs === null ? 'max' : `${podCgroup.cpuQuotaUs} ${podCgroup.cpuPeriodUs}`;
    const message =
      `status.qosClass ${analysis.qos.qosClass} overrides the class the spec gives (${spec.qosClass}): the API server keeps a written status.qosClass ` +
      `at creation and the kubelet follows it, so the pod cgroup is ${podCgroup.parent}/pod<uid> with cpu.max "${quota}" and ` +
      `memory.max ${podCgroup.memoryLimitBytes ?? 'max'}, and oom_score_adj is ${scores}.`;
    return [finding(this, written.span, message, fix(spec.qosClass))];
  },
};
