/**
 * Turns the arguments of a `podLens.showReasons` CodeLens into something to
 * show. Kept free of `vscode` so that it runs under node:test.
 *
 * The server decides the exact shape; the client accepts the plausible ones
 * (a list of strings, or an object whose string lists are the reasons, with
 * `qos` / `eviction` sub-objects as the engine's QosDecision / EvictionRisk)
 * so that a change on either side degrades to a plainer list, not to nothing.
 */

export interface ReasonSection {
  label: string;
  reasons: string[];
}

export interface Reasons {
  title: string;
  sections: ReasonSection[];
}

const sectionLabels: Record<string, string> = {
  qos: 'QoS class',
  qosReasons: 'QoS class',
  eviction: 'Eviction risk',
  evictionReasons: 'Eviction risk',
  oom: 'OOM score',
  reasons: 'Reasons',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** `{ qosClass: 'Burstable', reasons: [...] }` → label "QoS class: Burstable". */
function labelled(key: string, value: Record<string, unknown>): string {
  const base = sectionLabels[key] ?? key;
  const headline = value.qosClass ?? value.risk ?? value.class ?? value.value;
  return typeof headline === 'string' || typeof headline === 'number' ? `${base}: ${headline}` : base;
}

/** Where the lens is, not why: never shown as a reason. */
const locationKeys = new Set(['uri', 'document', 'range', 'kind']);

/** The server's `ShowReasonsArguments` (server/src/service/codeLens.ts). */
function fromServerShape(value: Record<string, unknown>): Reasons | undefined {
  if (!('qosReasons' in value) && !('qosClass' in value)) return undefined;
  const kind = typeof value.kind === 'string' ? value.kind : '';
  const name = typeof value.name === 'string' ? value.name : '';
  const sections: ReasonSection[] = [];
  const errors = strings(value.errors) ?? [];
  if (errors.length > 0) sections.push({ label: 'Refused by the API server', reasons: errors });
  const qos = strings(value.qosReasons) ?? [];
  if (typeof value.qosClass === 'string' || qos.length > 0) {
    sections.push({ label: typeof value.qosClass === 'string' ? `QoS class: ${value.qosClass}` : 'QoS class', reasons: qos });
  }
  if (isRecord(value.eviction)) sections.push({ label: labelled('eviction', value.eviction), reasons: strings(value.eviction.reasons) ?? [] });
  return {
    title: [kind, name].filter(Boolean).join(' ') || 'Pod Lens',
    sections: sections.filter((section) => section.reasons.length > 0),
  };
}

export function normalizeReasons(args: readonly unknown[]): Reasons {
  if (args.length === 1 && isRecord(args[0])) {
    const known = fromServerShape(args[0]);
    if (known) return known;
  }
  let title = 'Pod Lens';
  const sections: ReasonSection[] = [];
  const loose: string[] = [];

  const visit = (value: unknown, key?: string): void => {
    if (key !== undefined && locationKeys.has(key)) return;
    const list = strings(value);
    if (list) {
      if (key === undefined || key === 'reasons') loose.push(...list);
      else if (key === 'title' || key === 'workload' || key === 'name') title = list.join(' ');
      else sections.push({ label: sectionLabels[key] ?? key, reasons: list });
      return;
    }
    if (!isRecord(value)) return;
    if (key !== undefined && Array.isArray(value.reasons)) {
      sections.push({ label: labelled(key, value), reasons: strings(value.reasons) ?? [] });
      return;
    }
    for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
  };

  for (const arg of args) visit(arg);
  if (loose.length > 0) sections.unshift({ label: sections.length > 0 ? 'Reasons' : '', reasons: loose });
  return { title, sections: sections.filter((section) => section.reasons.length > 0) };
}

/** One line per reason, for places that cannot show structure (a notification). */
export function reasonsAsText(reasons: Reasons): string {
  if (reasons.sections.length === 0) return `${reasons.title}: no reasons were given.`;
  return reasons.sections.map((section) => (section.label ? `${section.label}: ${section.reasons.join('; ')}` : section.reasons.join('; '))).join(' — ');
}
