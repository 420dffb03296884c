import { type YAMLMap } from 'yaml';
import { type Doc, type Field, integerField, mapField } from './field';

/** A container probe after `SetDefaults_Probe`, with every value as written. */

import type { ProbeKind } from '../../protocol/simulation';

export type { ProbeKind };

/** In the order the kubelet starts their workers and the API lists them. */
export const probeKinds: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];

/** The container field each kind is written under: the one place the two spellings meet. */
export const probeFieldName: Readonly<Record<ProbeKind, 'startupProbe' | 'livenessProbe' | 'readinessProbe'>> = {
  startup: 'startupProbe',
  liveness: 'livenessProbe',
  readiness: 'readinessProbe',
};

export type ProbeFieldName = (typeof probeFieldName)[ProbeKind];

export function probeKindOfField(field: string): ProbeKind | null {
  for (const kind of probeKinds) if (probeFieldName[kind] === field) return kind;
  return null;
}

/** `SetDefaults_Probe`: a zero (or absent) value takes the default; negatives are left for validation to refuse. */
export const probeDefaults = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } as const;

export interface Probe {
  kind: ProbeKind;
  /** The `livenessProbe:` (…) key and its mapping. */
  field: Field<YAMLMap>;
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** The probe's own grace period for the kill it causes; null when unset. */
  terminationGracePeriodSeconds: number | null;
  written: {
    initialDelaySeconds: Field<number>;
    timeoutSeconds: Field<number>;
    periodSeconds: Field<number>;
    successThreshold: Field<number>;
    failureThreshold: Field<number>;
    terminationGracePeriodSeconds: Field<number>;
  };
}

function defaulted(written: Field<number>, fallback: number): number {
  const value = written.value ?? 0;
  return value === 0 ? fallback : value;
}

export function readProbe(container: YAMLMap, kind: ProbeKind, document: Doc): Probe | null {
  const field = mapField(container, probeFieldName[kind], document);
  const map = field.value;
  if (!map) return null;
  const written = {
    initialDelaySeconds: integerField(map, 'initialDelaySeconds', document),
    timeoutSeconds: integerField(map, 'timeoutSeconds', document),
    periodSeconds: integerField(map, 'periodSeconds', document),
    successThreshold: integerField(map, 'successThreshold', document),
    failureThreshold: integerField(map, 'failureThreshold', document),
    terminationGracePeriodSeconds: integerField(map, 'terminationGracePeriodSeconds', document, 64),
  };
  return {
    kind,
    field,
    initialDelaySeconds: written.initialDelaySeconds.value ?? 0,
    timeoutSeconds: defaulted(written.timeoutSeconds, probeDefaults.timeoutSeconds),
    periodSeconds: defaulted(written.periodSeconds, probeDefaults.periodSeconds),
    successThreshold: defaulted(written.successThreshold, probeDefaults.successThreshold),
    failureThreshold: defaulted(written.failureThreshold, probeDefaults.failureThreshold),
    terminationGracePeriodSeconds: written.terminationGracePeriodSeconds.value ?? null,
    written,
  };
}

/** Worst-case time from a failure starting to the probe's verdict: `periodSeconds × failureThreshold`. */
export function detectionSeconds(probe: Probe): number {
  return probe.periodSeconds * probe.failureThreshold;
}
