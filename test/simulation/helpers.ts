import { type SimulationEvent, type SimulationResult } from '../../server/src/engine/simulation';
import { parseSimulateArgs } from '../../server/src/cli/simulate-args';
import { simulateJson } from '../support/pod-spec';

/** Runs a pod spec under `pod-lens simulate` options written as on the command line. */
export function run(podSpec: unknown, options: string): SimulationResult {
  const args = parseSimulateArgs(options.split(/\s+/).filter((word) => word !== ''));
  return simulateJson(podSpec, args.scenario, { until: args.until });
}

/** Events of a type (and optional fields) as their times. */
export function times(result: SimulationResult, match: Record<string, unknown>): number[] {
  return result.events
    .filter((event) => Object.entries(match).every(([key, value]) => (event as unknown as Record<string, unknown>)[key] === value))
    .map((event) => event.t);
}

export function eventsOf(result: SimulationResult, match: Record<string, unknown>): SimulationEvent[] {
  return result.events.filter((event) => Object.entries(match).every(([key, value]) => (event as unknown as Record<string, unknown>)[key] === value));
}

export const probe = (fields: Record<string, unknown> = {}) => ({ exec: { command: ['/bin/check'] }, ...fields });

export function pod(containers: Record<string, unknown>[], fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { containers, ...fields };
}

export const app = (fields: Record<string, unknown> = {}) => ({ name: 'app', image: 'registry.example.com/app:1', ...fields });
