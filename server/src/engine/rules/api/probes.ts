import { type Node, type YAMLMap } from 'yaml';
import { type ContainerSpec } from '../../model';
import { asMap } from '../../yaml-nodes';
import { type RuleContext } from '../rule';
import { keyed, type KeyedValue, isSet } from './helpers';

/**
 * Probes and lifecycle handlers the API server validates: those of app
 * containers and of sidecars (init containers with restartPolicy Always).
 * A regular init container may not have them at all (init-container-probe).
 */

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';
export const probeKinds: readonly ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];

export interface ProbeView {
  container: ContainerSpec;
  kind: ProbeKind;
  /** e.g. `spec.containers[0].livenessProbe`. */
  path: string;
  key: KeyedValue;
  /** null when the probe is not a mapping (the decoder refuses that: strict-fields' business). */
  map: YAMLMap | null;
}

export function validatedProbes(context: RuleContext): ProbeView[] {
  const probes: ProbeView[] = [];
  for (const container of context.model.containers) {
    if (container.role === 'init') continue;
    for (const kind of probeKinds) {
      const key = keyed(container.node, kind, context);
      if (!isSet(key)) continue;
      probes.push({ container, kind, path: `${container.path}.${kind}`, key: key!, map: asMap(key!.value) });
    }
  }
  return probes;
}

/** A handler-bearing mapping: a probe, or a lifecycle postStart/preStop. */
export interface HandlerView {
  path: string;
  key: KeyedValue;
  map: YAMLMap | null;
  /** Probes take exec/httpGet/tcpSocket/grpc; lifecycle handlers exec/httpGet/tcpSocket/sleep. */
  handlerKeys: readonly string[];
}

const probeHandlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const lifecycleHandlers = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

export function validatedHandlers(context: RuleContext): HandlerView[] {
  const handlers: HandlerView[] = validatedProbes(context).map((probe) => ({
    path: probe.path,
    key: probe.key,
    map: probe.map,
    handlerKeys: probeHandlers,
  }));
  for (const container of context.model.containers) {
    if (container.role === 'init') continue;
    const lifecycle = keyed(container.node, 'lifecycle', context);
    const lifecycleMap = asMap(lifecycle?.value as Node | null);
    if (!lifecycleMap) continue;
    for (const hook of ['postStart', 'preStop']) {
      const key = keyed(lifecycleMap, hook, context);
      if (!isSet(key)) continue;
      handlers.push({ path: `${container.path}.lifecycle.${hook}`, key: key!, map: asMap(key!.value), handlerKeys: lifecycleHandlers });
    }
  }
  return handlers;
}
