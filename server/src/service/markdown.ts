import { formatBytes, formatMilli } from '../engine/format';

/** Small pieces every hover is made of, so that they all read alike. */

export const docs = {
  resources: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  cpuLimits: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
  qos: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
  eviction: 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
  oom: 'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#node-out-of-memory-behavior',
  initResources: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers',
  sidecars: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
  podLevelResources: 'https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/',
  overhead: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-overhead/',
  cgroupDrivers: 'https://kubernetes.io/docs/setup/production-environment/container-runtimes/#cgroup-drivers',
  probes: 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
  restartPolicy: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy',
  termination: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination',
  hooks: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
  hugepages: 'https://kubernetes.io/docs/tasks/manage-hugepages/scheduling-hugepages/',
} as const;

export function link(title: string, url: string): string {
  return `[${title}](${url})`;
}

export function code(text: string | number | bigint): string {
  const value = String(text);
  // A backtick inside would end the span early; a longer fence keeps it literal.
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

export function table(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** Milli-CPU as cores, exactly: 500 → 0.5, 1500 → 1.5. */
export function cores(milli: bigint): string {
  const negative = milli < 0n;
  const magnitude = negative ? -milli : milli;
  const whole = magnitude / 1000n;
  const fraction = (magnitude % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function coresPhrase(milli: bigint): string {
  const text = cores(milli);
  return `${text} ${text === '1' ? 'core' : 'cores'}`;
}

export function cpu(milli: bigint): string {
  return formatMilli(milli);
}

export function memory(bytes: bigint): string {
  return formatBytes(bytes);
}

export function seconds(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return `${rounded} s`;
}

export function plural(count: number | bigint, one: string, many: string): string {
  return `${count} ${count === 1 || count === 1n ? one : many}`;
}

export function joinSections(sections: (string | null | undefined | false)[]): string {
  return sections.filter((s): s is string => typeof s === 'string' && s.length > 0).join('\n\n');
}
