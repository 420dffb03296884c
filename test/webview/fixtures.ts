/**
 * Real simulations for the webview tests: the engine runs on real manifests
 * (as the language server will for `podLens/simulate`), so the page is tested
 * against the simulator's actual output, not a hand-written imitation.
 */

import { readFileSync } from 'fs';
import * as path from 'path';
import { parseSlice, splitDocuments } from '../../server/src/engine/documents';
import { findWorkload } from '../../server/src/engine/workloads';
import { type Scenario as EngineScenario } from '../../server/src/engine/simulation';
import { simulatedPodOfJson, simulateJson } from '../support/pod-spec';
import { type HostMessage, type PodModel, type Scenario, type SimulationResult, emptyScenario, parseSimulateResponse } from '../../client/src/webview-protocol';

/** The repository root (tests run from out/test/webview). */
export const root = path.resolve(__dirname, '..', '..', '..');

export function podSpecOfText(text: string, index = 0): unknown {
  const parsed = splitDocuments(text).map(parseSlice)[index];
  const workload = findWorkload(parsed.document);
  if (!workload) throw new Error('not a workload');
  let value: unknown = parsed.document.toJS({ maxAliasCount: 100 });
  for (const segment of workload.podSpecPath.split('.')) value = (value as Record<string, unknown>)[segment];
  return value;
}

export function podSpecOfExample(name: string): unknown {
  return podSpecOfText(readFileSync(path.join(root, 'examples', name), 'utf8'));
}

export interface Simulated {
  result: SimulationResult;
  model: PodModel;
  scenario: Scenario;
  until: number;
}

/**
 * What the server is expected to answer (the engine's result and pod model),
 * as the host passes it on: through JSON and the response check, which drops
 * model fields the page does not use.
 */
export function run(podSpec: unknown, scenario: Scenario, until = 900, object = { kind: 'Deployment', name: 'web', document: 0 }): Simulated {
  const result = simulateJson(podSpec, scenario as EngineScenario, { until, object });
  const parsed = parseSimulateResponse(JSON.parse(JSON.stringify({ result, model: simulatedPodOfJson(podSpec) })));
  if (!parsed.ok || 'error' in parsed.value || parsed.value.model === null) throw new Error(`unreadable simulation: ${parsed.ok ? 'no model' : parsed.error}`);
  return { result: parsed.value.result, model: parsed.value.model, scenario, until };
}

export function webDeployment(extra: (scenario: Scenario) => void = () => {}, until = 900): Simulated {
  const spec = podSpecOfExample('web-deployment.yaml');
  const scenario = emptyScenario();
  extra(scenario);
  return run(spec, scenario, until);
}

export function resultMessage(simulated: Simulated, title = 'Simulation: Deployment web'): HostMessage {
  return { type: 'result', title, result: simulated.result, model: simulated.model, scenario: simulated.scenario, until: simulated.until };
}

export { emptyScenario };
