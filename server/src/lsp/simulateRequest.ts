import { ErrorCodes, RequestType, ResponseError } from 'vscode-languageserver';
import {
  emptyScenario,
  PodModelError,
  type Scenario,
  ScenarioError,
  SIMULATE_METHOD,
  type SimulateAnswer,
  type SimulateParams,
  simulate,
  simulatedPod,
} from '../engine/simulation';
import { jobControllerOf, podSpecOf } from '../service/lifecycle';
import { objectIndexAt } from '../engine/results';
import { type FileAnalyses } from './fileAnalyses';
import type { SourceFeatures } from './source-features';

/** `podLens/simulate`: the lifecycle simulation of one workload of an open file, as `pod-lens simulate --json` prints it. */

export type { SimulateAnswer, SimulateParams };

export const SimulateRequest = new RequestType<SimulateParams, SimulateAnswer, void>(SIMULATE_METHOD);

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

/** A day, as the simulation panel allows: a longer crash loop is millions of simulated actions (seconds of a blocked server). */
export const MAX_UNTIL_SECONDS = 86_400;
const MAX_SECONDS = 10_000_000;
const MAX_RULES = 64;

/**
 * The scenario as the simulator may take it, or what is wrong with it. The
 * simulator trusts its input (the CLI parses its own); a rule whose numbers
 * are missing or not numbers never lets the simulation settle.
 */
function readScenario(value: unknown): Scenario | string {
  if (value === undefined || value === null) return emptyScenario();
  if (typeof value !== 'object' || Array.isArray(value)) return 'scenario: an object';
  const given = value as Record<string, unknown>;
  const scenario = emptyScenario();
  const seconds = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_SECONDS;
  const container = (v: unknown) => v === null || typeof v === 'string';
  const rules = <T>(key: keyof Scenario, fields: Record<string, (v: unknown) => boolean>, extra?: (rule: Record<string, unknown>) => boolean): T[] | string => {
    const list = given[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list) || list.length > MAX_RULES) return `scenario.${key}: a list of at most ${MAX_RULES} rules`;
    for (const [i, rule] of list.entries()) {
      const ok =
        typeof rule === 'object' &&
        rule !== null &&
        Object.entries(fields).every(([field, check]) => check((rule as Record<string, unknown>)[field])) &&
        (!extra || extra(rule as Record<string, unknown>));
      if (!ok) return `scenario.${key}[${i}]: { ${Object.keys(fields).join(', ')} } with seconds from 0 to ${MAX_SECONDS}`;
    }
    return list.map((rule) => Object.fromEntries(Object.keys(fields).map((field) => [field, (rule as Record<string, unknown>)[field]])) as T);
  };
  const exitRule = { container, afterSeconds: seconds, exitCode: (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255 };
  const read = {
    exit: rules('exit', exitRule),
    exitOnce: rules('exitOnce', exitRule),
    healthyAfter: rules('healthyAfter', { container, seconds }),
    livenessFails: rules('livenessFails', { container, at: seconds }),
    readinessFails: rules('readinessFails', { container, from: seconds, to: seconds }, (rule) => (rule.to as number) >= (rule.from as number)),
    oom: rules('oom', { container, afterSeconds: seconds }),
    shutdown: rules('shutdown', { container, seconds: (v) => v === 'never' || seconds(v) }),
    prestop: rules('prestop', { container, seconds }),
  };
  for (const [key, rulesRead] of Object.entries(read)) {
    if (typeof rulesRead === 'string') return rulesRead;
    (scenario as unknown as Record<string, unknown>)[key] = rulesRead;
  }
  if (given.delete !== undefined && given.delete !== null) {
    if (!Array.isArray(given.delete) || given.delete.length > MAX_RULES || !given.delete.every(seconds))
      return `scenario.delete: a list of pod times from 0 to ${MAX_SECONDS}`;
    scenario.delete = given.delete as number[];
  }
  if (given.pull !== undefined && given.pull !== null) {
    if (!seconds(given.pull)) return `scenario.pull: seconds from 0 to ${MAX_SECONDS}`;
    scenario.pull = given.pull as number;
  }
  return scenario;
}

export function runSimulateRequest(analyses: FileAnalyses, params: SimulateParams, sources?: SourceFeatures): SimulateAnswer | ResponseError {
  if (!params || typeof params.uri !== 'string') return invalid('podLens/simulate needs { uri, document, item? } or { uri, position }');
  if (sources?.owns(params.uri)) return simulateSourced(sources, params);
  const analyzed = analyses.snapshot(params.uri);
  if (!analyzed) return invalid(`${params.uri} is not open`);
  let document;
  let offset: number | null = null;
  if (params.position !== undefined && params.position !== null) {
    const { line, character } = params.position as { line?: unknown; character?: unknown };
    if (!Number.isInteger(line) || !Number.isInteger(character)) return invalid('podLens/simulate: position is { line, character }');
    offset = analyzed.lines.offsetAt({ line: line as number, character: character as number });
    document = offset === null ? null : analyzed.documentAt(offset);
    if (!document) return invalid(`${params.uri} has no document at line ${(line as number) + 1}`);
  } else {
    document = Number.isInteger(params.document) ? analyzed.document(params.document!) : null;
    if (!document) return invalid(`${params.uri} has no document ${params.document} (it has ${analyzed.documentCount})`);
  }
  if (document.objects.length === 0) return invalid(`document ${document.slice.index} is not a pod or a workload with a pod template`);
  // Which workload of the document: the List item asked for, the one under the position, or the first;
  // of an object with several pod templates, the one asked for, the one under the position, or its first.
  let index = 0;
  if (params.item !== undefined && params.item !== null) {
    index = Number.isInteger(params.item) ? document.objects.findIndex((o) => o.item === params.item) : -1;
    if (index === -1) return invalid(`item ${params.item} of document ${document.slice.index} is not a pod or a workload with a pod template`);
  } else if (offset !== null) {
    const under = objectIndexAt(document.objects, offset - document.slice.start);
    if (under !== -1) index = under;
  }
  if (params.podSpecPath !== undefined && params.podSpecPath !== null) {
    const item = document.objects[index].item;
    const chosenTemplate =
      typeof params.podSpecPath === 'string' ? document.objects.findIndex((o) => o.item === item && o.workload.podSpecPath === params.podSpecPath) : -1;
    if (chosenTemplate === -1) return invalid(`document ${document.slice.index} has no pod template at ${String(params.podSpecPath)}`);
    index = chosenTemplate;
  }
  const chosen = document.objects[index];
  const workload = chosen.workload;
  const scenario = readScenario(params.scenario);
  if (typeof scenario === 'string') return invalid(`podLens/simulate: ${scenario}`);
  const until = params.until ?? undefined;
  if (until !== undefined && !(typeof until === 'number' && until > 0 && until <= MAX_UNTIL_SECONDS)) {
    return invalid(`podLens/simulate: until is the horizon in seconds, more than 0 and at most ${MAX_UNTIL_SECONDS}`);
  }
  const label = `${workload.kind}${workload.name ? ` ${workload.name}` : ''}`;
  try {
    const detail = analyzed.detail(document);
    const object = detail.objects[index];
    const spec = podSpecOf(object);
    const unserved = object.findings.find((f) => f.code === 'api-version-not-served');
    if (unserved) return invalid(`${label} is not simulated: kubectl would not send it (${unserved.message})`);
    if (spec === null) return invalid(`${label} has no pod spec the simulator can read (YAML errors, or no ${workload.podSpecPath})`);
    const result = simulate(spec, scenario, {
      until,
      object: {
        kind: workload.kind,
        name: workload.name,
        document: document.slice.index,
        ...(chosen.item === null ? {} : { item: chosen.item }),
        ...(chosen.template ? { podSpecPath: workload.podSpecPath } : {}),
      },
      jobController: jobControllerOf(detail, object),
    });
    return { ...result, model: simulatedPod(spec) };
  } catch (error) {
    if (error instanceof PodModelError || error instanceof ScenarioError) return invalid(`${label}: ${error.message}`);
    return invalid(`${label} cannot be simulated: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A workload of a chart's template or an overlay's file: the rendered or built pod is simulated. */
function simulateSourced(sources: SourceFeatures, params: SimulateParams): SimulateAnswer | ResponseError {
  const position = params.position && Number.isInteger(params.position.line) && Number.isInteger(params.position.character) ? params.position : null;
  const document = Number.isInteger(params.document) ? params.document! : null;
  const scenario = readScenario(params.scenario);
  if (typeof scenario === 'string') return invalid(`podLens/simulate: ${scenario}`);
  const until = params.until ?? undefined;
  if (until !== undefined && !(typeof until === 'number' && until > 0 && until <= MAX_UNTIL_SECONDS)) {
    return invalid(`podLens/simulate: until is the horizon in seconds, more than 0 and at most ${MAX_UNTIL_SECONDS}`);
  }
  try {
    const item = Number.isInteger(params.item) ? params.item! : null;
    const podSpecPath = typeof params.podSpecPath === 'string' ? params.podSpecPath : null;
    const target = sources.simulationTarget(params.uri, document, position, item, podSpecPath);
    const workload = target?.object.workload;
    const spec = target ? podSpecOf(target.object) : null;
    if (!target || !workload || !spec) return invalid(`${params.uri}: no workload of its chart or overlay is written there`);
    const listItem = {
      ...(target.object.item === null ? {} : { item: target.object.item }),
      ...(target.object.template ? { podSpecPath: workload.podSpecPath } : {}),
    };
    const result = simulate(spec, scenario, {
      until,
      object: { kind: workload.kind, name: workload.name, document: target.index, ...listItem },
      jobController: jobControllerOf(target.detail, target.object),
    });
    return { ...result, model: simulatedPod(spec) };
  } catch (error) {
    if (error instanceof PodModelError || error instanceof ScenarioError) return invalid(error.message);
    return invalid(`cannot be simulated: ${error instanceof Error ? error.message : String(error)}`);
  }
}
