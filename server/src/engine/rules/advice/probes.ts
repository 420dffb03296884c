import { type YAMLMap } from 'yaml';
import { type ContainerSpec } from '../../podspec';
import { getInteger, type Span } from '../../yaml-nodes';
import { type RuleContext } from '../rule';
import { keySpan, mapAt, valueSpan } from './shared';

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** A probe with the API defaults applied (`SetDefaults_Probe`). */
export interface Probe {
  kind: ProbeKind;
  map: YAMLMap;
  keySpan: Span | null;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  /** Spans of the values as written, null when defaulted. */
  spans: { periodSeconds: Span | null; timeoutSeconds: Span | null; failureThreshold: Span | null };
}

export const probeDefaults = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } as const;

/** A zero or absent value means the default, as the API server defaults it. */
function positiveOr(value: number | null, fallback: number): number {
  return value === null || value <= 0 ? fallback : value;
}

export function readProbe(container: ContainerSpec, kind: ProbeKind, context: RuleContext): Probe | null {
  const map = mapAt(container.node, kind, context);
  if (!map) return null;
  return {
    kind,
    map,
    keySpan: keySpan(container.node, kind),
    initialDelaySeconds: Math.max(0, getInteger(map, 'initialDelaySeconds', context.document) ?? 0),
    periodSeconds: positiveOr(getInteger(map, 'periodSeconds', context.document), probeDefaults.periodSeconds),
    timeoutSeconds: positiveOr(getInteger(map, 'timeoutSeconds', context.document), probeDefaults.timeoutSeconds),
    failureThreshold: positiveOr(getInteger(map, 'failureThreshold', context.document), probeDefaults.failureThreshold),
    spans: {
      periodSeconds: valueSpan(map, 'periodSeconds'),
      timeoutSeconds: valueSpan(map, 'timeoutSeconds'),
      failureThreshold: valueSpan(map, 'failureThreshold'),
    },
  };
}

/** Worst-case time from a failure starting to the probe's verdict: `periodSeconds × failureThreshold`. */
export function detectionSeconds(probe: Probe): number {
  return probe.periodSeconds * probe.failureThreshold;
}

/** Containers that run probes: app containers and sidecars (regular init containers cannot have them). */
export function probedContainers(context: RuleContext): ContainerSpec[] {
  return context.model.containers.filter((c) => c.role !== 'init');
}
