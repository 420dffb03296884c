import { type ObjectDetail } from '../../engine/analyze';
import { type ContainerSpec, probeKindOfField } from '../../engine/model';
import { backoffSchedule, podModel, podSpecOf, probeTimings, terminationTimelines, type KillTimeline } from '../lifecycle';
import { type ProbeField } from '../locate';
import { code, docs, joinSections, link, seconds, table } from '../markdown';

/** Hovers that speak of time: probes, restartPolicy and termination, read off the simulator (`../lifecycle.ts`). */

export function probeHover(object: ObjectDetail, container: ContainerSpec, field: ProbeField): string | null {
  const spec = podSpecOf(object);
  const model = spec ? podModel(spec) : null;
  const name = container.name;
  const kind = probeKindOfField(field);
  if (!spec || !model || !name || !kind) return null;
  const modelContainer = [...model.containers, ...model.initContainers].find((c) => c.name === name);
  const probe = modelContainer?.[field];
  if (!modelContainer || !probe) {
    return container.role === 'init' ? `**${field}**: regular init containers may not have probes; the API server refuses it.` : null;
  }
  const timings = probeTimings(spec, name, kind);
  const settingsLine =
    `period ${probe.periodSeconds} s · timeout ${probe.timeoutSeconds} s · failureThreshold ${probe.failureThreshold}` +
    (probe.initialDelaySeconds > 0 ? ` · initialDelay ${probe.initialDelaySeconds} s` : '') +
    (kind === 'readiness' && probe.successThreshold !== 1 ? ` · successThreshold ${probe.successThreshold}` : '');
  const lines: string[] = [];
  if (timings?.firstCheck !== null && timings?.firstCheck !== undefined) {
    const gated = kind !== 'startup' && modelContainer.startupProbe ? ' (it waits for the startup probe to pass)' : '';
    lines.push(`- **First check**: ${seconds(timings.firstCheck)} after the container starts${gated}.`);
  }
  if (kind === 'liveness' && timings?.hangKill) {
    const k = timings.hangKill;
    const best = k.detection;
    const worst = k.detection + probe.periodSeconds;
    const steps = killSteps(k, 0);
    const lives = k.sigkill !== null ? k.sigkill + probe.periodSeconds + probe.timeoutSeconds : null;
    lines.push(
      `- **A hung app** is found ${seconds(best)}–${seconds(worst)} after it hangs (${probe.failureThreshold} failed checks ${probe.periodSeconds} s apart), then killed: ${steps}.` +
        (lives !== null ? ` If it ignores SIGTERM it lives up to **${seconds(lives)}** (with ${probe.timeoutSeconds} s for the last check to time out).` : ''),
    );
    lines.push('- Then restarted per restartPolicy (the first restart at once, later ones after back-off).');
  }
  if (kind === 'startup' && timings?.startupBudget) {
    const b = timings.startupBudget;
    lines.push(
      `- **Startup budget**: the app has ${seconds(b.detection)} (initialDelay ${probe.initialDelaySeconds} s + ${probe.failureThreshold} × ${probe.periodSeconds} s) to pass once; ` +
        `liveness and readiness checks wait until then. If it never passes it is killed: ${killSteps(b.kill, b.detection)}, then restarted per restartPolicy.`,
    );
  }
  if (kind === 'readiness') {
    if (timings?.unreadyAfter !== null && timings?.unreadyAfter !== undefined) {
      lines.push(
        `- **Failing**: ${seconds(timings.unreadyAfter)} after the first failed check (${probe.failureThreshold} failures ${probe.periodSeconds} s apart) the container is not Ready and the pod leaves its Services' endpoints. It is never restarted for it.`,
      );
    }
  }
  return joinSections([
    `**${kind} probe of ${code(name)}** — ${settingsLine}`,
    lines.join('\n'),
    link('Kubernetes: liveness, readiness and startup probes', docs.probes),
  ]);
}

function killSteps(timeline: KillTimeline, offset: number): string {
  const at = (value: number | null) => (value === null ? null : seconds(offset + value));
  const steps: string[] = [];
  if (timeline.preStopStart !== null && timeline.preStopEnd !== null) steps.push(`preStop at ${at(timeline.preStopStart)}`);
  if (timeline.sigterm !== null) steps.push(`SIGTERM at ${at(timeline.sigterm)}`);
  if (timeline.sigkill !== null) steps.push(`SIGKILL at ${at(timeline.sigkill)}`);
  return steps.join(' → ');
}

export function restartPolicyHover(object: ObjectDetail, container: ContainerSpec | null): string {
  const schedule = backoffSchedule(8);
  const backoff =
    `**Back-off** after each exit: ${schedule.join(', ')}, … s — the first restart is immediate, then the wait doubles from 10 s up to 300 s; ` +
    'a run longer than 10 minutes resets it. While it waits the container shows `CrashLoopBackOff`.';
  if (container) {
    return joinSections([
      `**restartPolicy ${code(container.restartPolicy ?? '')}** on init container ${code(container.name ?? '')}: a **sidecar**`,
      "It starts before the app containers, keeps running beside them, and is restarted whenever it exits, whatever the pod's restartPolicy. It is stopped after the app containers when the pod terminates.",
      backoff,
      link('Kubernetes: sidecar containers', docs.sidecars),
    ]);
  }
  const policy = object.model?.restartPolicy ?? 'Always';
  const kind = object.workload.kind;
  const rows = [
    ['exits 0', policy === 'Always' ? 'restarted' : 'not restarted'],
    ['exits ≠ 0, OOMKilled', policy === 'Never' ? 'not restarted' : 'restarted'],
    ['init container fails', policy === 'Never' ? 'pod Failed' : 'init container re-run'],
  ];
  const workloadNote =
    kind === 'Job' || kind === 'CronJob'
      ? "A Job's pods must use OnFailure or Never; with OnFailure the Job counts restarts against `backoffLimit` (default 6), with Never it creates new pods."
      : kind === 'Pod' || kind === 'PodTemplate'
        ? null
        : `A ${kind}'s pod template must use Always.`;
  return joinSections([
    `**restartPolicy ${code(policy)}**${object.model?.restartPolicyField.value ? '' : ' (the default)'}`,
    table(['a container', 'then'], rows),
    policy === 'Never' ? null : backoff,
    workloadNote,
    link('Kubernetes: container restart policy', docs.restartPolicy),
  ]);
}

export function terminationHover(object: ObjectDetail): string | null {
  const spec = podSpecOf(object);
  const timelines = spec ? terminationTimelines(spec) : null;
  if (!timelines) return null;
  const at = (value: number | null) => (value === null ? '—' : seconds(value));
  const rows = [...timelines.containers].map(([name, t]) => [
    code(name),
    t.preStopStart !== null && t.preStopEnd !== null ? `${at(t.preStopStart)} → ${at(t.preStopEnd)}` : '—',
    at(t.sigterm),
    at(t.sigkill),
  ]);
  return joinSections([
    `**Termination** — grace period **${timelines.grace} s**${object.model && !object.model.terminationGracePeriodSeconds.written ? ' (the default)' : ''}`,
    "When the pod is deleted (t = 0) it leaves its Services' endpoints at once, preStop hooks start, and each container gets SIGTERM when its hook ends and SIGKILL when the grace period runs out (never less than 2 s after SIGTERM). For a process that does not exit on SIGTERM:",
    table(['container', 'preStop', 'SIGTERM', 'SIGKILL'], rows),
    'A process ended by SIGTERM exits 143, by SIGKILL 137. Sidecars get SIGTERM only after every app container has exited.',
    `${link('Kubernetes: pod termination', docs.termination)} · ${link('container lifecycle hooks', docs.hooks)}`,
  ]);
}
