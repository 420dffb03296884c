import { ErrorCodes, RequestType, ResponseError } from 'vscode-languageserver';
import { emptyScenario, PodModel, PodModelError, readPodModel, Scenario, ScenarioError, simulate, SimulationResult } from '../engine/simulation';
import { podSpecJson } from '../service/lifecycle';
import { FileAnalyses } from './fileAnalyses';

/** `podLens/simulate`: the lifecycle simulation of one workload of an open file, as `pod-lens simulate --json` prints it. */

export interface SimulateParams {
  uri: string;
  /** Index of the YAML document in the file. */
  document: number;
  /** Any part of the scenario; what is left out is the default (nothing goes wrong). */
  scenario?: Partial<Scenario>;
  /** The horizon in seconds (default 900). */
  until?: number;
}

/** The simulation, plus the pod model it ran on: the webview needs each container's role and probes to draw its lanes. */
export type SimulateAnswer = SimulationResult & { model: PodModel };

export const SimulateRequest = new RequestType<SimulateParams, SimulateAnswer, void>('podLens/simulate');

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

export function runSimulateRequest(analyses: FileAnalyses, params: SimulateParams): SimulateAnswer | ResponseError {
  if (!params || typeof params.uri !== 'string') return invalid('podLens/simulate needs { uri, document }');
  const analyzed = analyses.snapshot(params.uri);
  if (!analyzed) return invalid(`${params.uri} is not open`);
  const document = Number.isInteger(params.document) ? analyzed.document(params.document) : null;
  if (!document) return invalid(`${params.uri} has no document ${params.document} (it has ${analyzed.documentCount})`);
  const workload = document.object?.workload;
  if (!workload) return invalid(`document ${params.document} is not a pod or a workload with a pod template`);
  const spec = podSpecJson(analyzed.detail(document));
  if (spec === null) return invalid(`${workload.kind}${workload.name ? ` ${workload.name}` : ''} has no pod spec the simulator can read (YAML errors, or no ${workload.podSpecPath})`);
  const scenario: Scenario = { ...emptyScenario(), ...(params.scenario ?? {}) };
  try {
    const result = simulate(spec, scenario, {
      until: typeof params.until === 'number' && params.until > 0 ? params.until : undefined,
      object: { kind: workload.kind, name: workload.name, document: document.slice.index },
    });
    return { ...result, model: readPodModel(spec) };
  } catch (error) {
    if (error instanceof PodModelError || error instanceof ScenarioError) return invalid(error.message);
    throw error;
  }
}
