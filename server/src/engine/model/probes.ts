import { type YAMLMap } from 'yaml';
import { type Doc, type Field, integerField, mapField, stringField, stringListField } from './field';

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

/** The handler types a probe may have, in the order `validateHandler` visits them. */
export const probeHandlerKinds = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

export type ProbeHandlerKind = (typeof probeHandlerKinds)[number];

/** What a probe checks. */
export interface ProbeHandler {
  kind: ProbeHandlerKind;
  /** As a person says it: `GET /ready on port 8080`, `TCP port 80`, `gRPC port 9090`, `exec check --live`. */
  label: string;
  /**
   * Equal for two handlers that check the same thing: the same type and the same
   * path, port, host and scheme (httpGet), port and host (tcpSocket), port and
   * service (grpc), or command (exec). Ports compare as written: a named port
   * and its number count as different.
   */
  identity: string;
}

export interface Probe {
  kind: ProbeKind;
  /** The `livenessProbe:` (…) key and its mapping. */
  field: Field<YAMLMap>;
  /** The first handler written (a probe with several is refused by `probe-handler`); null with none. */
  handler: ProbeHandler | null;
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
    handler: readHandler(map, document),
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

/** An IntOrString port as written: the number, or the port's name. */
function portOf(map: YAMLMap | null, document: Doc): string | null {
  const number = integerField(map, 'port', document).value;
  if (number !== undefined) return String(number);
  return stringField(map, 'port', document).value ?? null;
}

function readHandler(probe: YAMLMap, document: Doc): ProbeHandler | null {
  for (const kind of probeHandlerKinds) {
    const map = mapField(probe, kind, document).value;
    if (!map) continue;
    const port = portOf(map, document);
    const host = stringField(map, 'host', document).value ?? '';
    const onPort = port === null ? '' : ` on port ${port}`;
    switch (kind) {
      case 'exec': {
        const command = (stringListField(map, 'command', document).value ?? []).map((item) => item.value);
        return { kind, label: `exec ${command.join(' ')}`.trimEnd(), identity: JSON.stringify([kind, command]) };
      }
      case 'httpGet': {
        // The kubelet requests "/" for an empty path.
        const path = stringField(map, 'path', document).value || '/';
        const scheme = stringField(map, 'scheme', document).value || 'HTTP';
        return { kind, label: `GET ${path}${onPort}`, identity: JSON.stringify([kind, scheme, host, port, path]) };
      }
      case 'tcpSocket':
        return { kind, label: `TCP${onPort.replace(' on', '')}`, identity: JSON.stringify([kind, host, port]) };
      case 'grpc': {
        const service = stringField(map, 'service', document).value ?? '';
        return { kind, label: `gRPC${onPort.replace(' on', '')}${service ? ` service ${service}` : ''}`, identity: JSON.stringify([kind, port, service]) };
      }
    }
  }
  return null;
}
