import { stringify } from 'yaml';
import { analyzeDocumentDetail, defaultNode } from '../../server/src/engine/analyze';
import { splitDocuments } from '../../server/src/engine/documents';
import { type PodSpecModel } from '../../server/src/engine/model';
import {
  type PodModel,
  PodModelError,
  simulate,
  type SimulateRunOptions,
  simulatedPod,
  type Scenario,
  type SimulationResult,
} from '../../server/src/engine/simulation';

/**
 * Test tables write pod specs as JSON; the product reads pod specs only from
 * YAML text. This writes the JSON out as a Pod and reads it back through the
 * engine's one reader, so the tables test the model the product runs on.
 */
export function podSpecFromJson(podSpec: unknown): PodSpecModel {
  const text = stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'test' }, spec: podSpec });
  const detail = analyzeDocumentDetail(splitDocuments(text)[0], { node: defaultNode });
  const model = detail.objects[0]?.model;
  // A value kubectl itself refuses (a YAML .inf where JSON has no infinity) never reaches the simulator.
  const refused = detail.findings.find((f) => f.code === 'yaml-syntax');
  if (!model && refused) throw new PodModelError(`kubectl refuses this pod: ${refused.message}`);
  if (!model) throw new Error(`no pod spec in ${text}`);
  return model;
}

export function simulateJson(podSpec: unknown, scenario: Scenario, options: SimulateRunOptions = {}): SimulationResult {
  return simulate(podSpecFromJson(podSpec), scenario, options);
}

export function simulatedPodOfJson(podSpec: unknown): PodModel {
  return simulatedPod(podSpecFromJson(podSpec));
}
