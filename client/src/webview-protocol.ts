/**
 * What the simulation webview and the extension host say to each other, and
 * what the language server answers to `podLens/simulate`: the types are the
 * simulator's own (`server/src/protocol/simulation.ts`, a module that imports
 * nothing, bundled into the client and the page); the schemas that check
 * every message against them are here.
 */

import {
  array,
  bool,
  type Check,
  hasTag,
  SchemaError,
  literal,
  nullable,
  num,
  object,
  optional,
  parseWith,
  type Parsed,
  record,
  str,
  union,
} from './webview-schema';

// ---- the simulator's shapes: one definition, shared with the server ---------------

import type {
  ContainerModel,
  ExitRule,
  PodModel,
  ProbeKind,
  SimulateParams,
  ProbeModel,
  Scenario,
  SimulationEvent,
  SimulationResult,
  Termination,
} from '../../server/src/protocol/simulation';
import { deletedText, emptyScenario } from '../../server/src/protocol/simulation';

export type * from '../../server/src/protocol/simulation';
export { deletedText, emptyScenario };

export const DEFAULT_UNTIL = 900;
/** A day: past that the timeline is unreadable and the simulation slow. */
export const MAX_UNTIL = 86_400;

// ---- the messages -----------------------------------------------------------

/** The page → the host. */
export type WebviewMessage = { type: 'ready' } | { type: 'run'; scenario: Scenario; until: number };

/** The host → the page. */
export type HostMessage =
  | { type: 'result'; title: string; result: SimulationResult; model: PodModel | null; scenario: Scenario; until: number }
  | { type: 'error'; title: string; message: string; scenario: Scenario; until: number };

/** The request the host sends to the language server. */
export { SIMULATE_METHOD as SIMULATE_REQUEST } from '../../server/src/protocol/simulation';
/** What the panel sends: always a document index, a whole scenario and a horizon. */
export type PanelSimulateParams = SimulateParams & { document: number; scenario: Scenario; until: number };

/**
 * What the server answers: the simulation JSON (`SimulationResult`), ideally
 * with `model` (the pod the simulator ran) beside its fields, or
 * `{ result, model }`; errors come back as LSP errors (or `{ error }`). Without
 * the model the page cannot tell init containers from app containers.
 */
export type SimulateResponse = { result: SimulationResult; model: PodModel | null } | { error: string };

// ---- schemas ----------------------------------------------------------------

const MAX_SECONDS = 10_000_000;
const MAX_RULES = 64;
const seconds = num({ min: 0, max: MAX_SECONDS });
const time = seconds;
const count = num({ min: 0, max: 1e9, integer: true });
/** Any name the YAML holds: the simulator accepts what the API would refuse, and the page must show it as it is. */
const anyName = str({ minLength: 1, maxLength: 1_000 });
const containerRef = nullable(anyName);

const exitRule: Check<ExitRule> = object({ container: containerRef, afterSeconds: seconds, exitCode: num({ min: 0, max: 255, integer: true }) });

const scenarioCheck: Check<Scenario> = object({
  exit: array(exitRule, { maxLength: MAX_RULES }),
  exitOnce: array(exitRule, { maxLength: MAX_RULES }),
  healthyAfter: array(object({ container: containerRef, seconds }), { maxLength: MAX_RULES }),
  livenessFails: array(object({ container: containerRef, at: time }), { maxLength: MAX_RULES }),
  readinessFails: array(
    (value, path) => {
      const rule = object({ container: containerRef, from: time, to: time })(value, path);
      if (rule.to < rule.from) throw new SchemaError(`${path}.to`, 'a time not before from');
      return rule;
    },
    { maxLength: MAX_RULES },
  ),
  oom: array(object({ container: containerRef, afterSeconds: seconds }), { maxLength: MAX_RULES }),
  delete: array(time, { maxLength: MAX_RULES }),
  shutdown: array(
    object({ container: containerRef, seconds: (value: unknown, path: string) => (value === 'never' ? ('never' as const) : seconds(value, path)) }),
    { maxLength: MAX_RULES },
  ),
  prestop: array(object({ container: containerRef, seconds }), { maxLength: MAX_RULES }),
  pull: nullable(seconds),
});

const phase = literal('Pending', 'Running', 'Succeeded', 'Failed');
const terminationReason = literal('Completed', 'Error', 'OOMKilled');
const signal = literal('SIGTERM', 'SIGKILL');
const exitCode = num({ min: -2_147_483_648, max: 4_294_967_295, integer: true });

export const MAX_EVENTS = 200_000;

/**
 * The result and model schemas come in two strengths: closed, for what the
 * host posts to the page (the host built it from a checked answer), and
 * stripping, for the language server's answer, whose simulator may grow
 * fields or event types this client does not draw; those are dropped.
 */
function resultSchemas(strip: boolean): { result: Check<SimulationResult>; model: Check<PodModel> } {
  const o = <S extends Record<string, Check<unknown>>>(shape: S) => object(shape, { strip });
  const eventVariants: Record<string, Check<SimulationEvent>> = {
    phase: o({ t: time, type: literal('phase'), phase, reason: optional(literal('DeadlineExceeded')) }),
    condition: o({ t: time, type: literal('condition'), condition: literal('Initialized', 'ContainersReady', 'Ready'), status: bool }),
    'container-waiting': o({
      t: time,
      type: literal('container-waiting'),
      container: anyName,
      reason: literal('ContainerCreating', 'PodInitializing', 'CrashLoopBackOff'),
    }),
    'container-started': o({ t: time, type: literal('container-started'), container: anyName, restartCount: count }),
    'container-terminated': o({
      t: time,
      type: literal('container-terminated'),
      container: anyName,
      reason: terminationReason,
      exitCode,
      signal: optional(signal),
    }),
    probe: o({
      t: time,
      type: literal('probe'),
      container: anyName,
      probe: literal('startup', 'liveness', 'readiness'),
      result: literal('success', 'failure'),
    }),
    'restart-scheduled': o({ t: time, type: literal('restart-scheduled'), container: anyName, delaySeconds: seconds }),
    'prestop-started': o({ t: time, type: literal('prestop-started'), container: anyName }),
    'prestop-finished': o({ t: time, type: literal('prestop-finished'), container: anyName }),
    signal: o({ t: time, type: literal('signal'), container: anyName, signal }),
    endpoint: o({ t: time, type: literal('endpoint'), ready: bool }),
    deleted: o({ t: time, type: literal('deleted'), reason: optional(literal('BackoffLimitExceeded', 'DeadlineExceeded')) }),
  };
  const event = union<SimulationEvent>('type', eventVariants);
  const eventList = array(event, { maxLength: MAX_EVENTS });
  const events: Check<SimulationEvent[]> = strip
    ? (value, path) => eventList(Array.isArray(value) ? value.filter((entry) => hasTag(entry, 'type', eventVariants)) : value, path)
    : eventList;
  const termination: Check<Termination> = o({ t: time, reason: terminationReason, exitCode, signal: optional(signal) });
  const result: Check<SimulationResult> = o({
    version: literal(1),
    object: o({ kind: str({ maxLength: 1_000 }), name: nullable(str({ maxLength: 10_000 })), document: count }),
    until: num({ min: 0, max: MAX_SECONDS }),
    events,
    summary: o({
      phase,
      readyAt: nullable(time),
      containers: record(anyName, o({ restarts: count, restartDelays: array(seconds, { maxLength: MAX_EVENTS }), lastTermination: nullable(termination) })),
    }),
  });
  const probe = (kind: ProbeKind): Check<ProbeModel | null> =>
    nullable(
      o({
        kind: literal(kind),
        initialDelaySeconds: seconds,
        periodSeconds: seconds,
        timeoutSeconds: seconds,
        successThreshold: count,
        failureThreshold: count,
        terminationGracePeriodSeconds: nullable(seconds),
      }),
    );
  const container: Check<ContainerModel> = o({
    name: anyName,
    role: literal('init', 'sidecar', 'app'),
    image: nullable(str({ maxLength: 10_000 })),
    startupProbe: probe('startup'),
    livenessProbe: probe('liveness'),
    readinessProbe: probe('readiness'),
    preStopSeconds: nullable(seconds),
    preStopIsSleepAction: bool,
    hasMemoryLimit: bool,
    restartPolicy: nullable(literal('Always', 'OnFailure', 'Never')),
    restartRules: array(
      o({ restart: bool, operator: literal('In', 'NotIn'), values: array(num({ min: -2147483648, max: 2147483647, integer: true }), { maxLength: 255 }) }),
      { maxLength: 20 },
    ),
  });
  const model: Check<PodModel> = o({
    restartPolicy: literal('Always', 'OnFailure', 'Never'),
    terminationGracePeriodSeconds: seconds,
    initContainers: array(container, { maxLength: 1_000 }),
    containers: array(container, { maxLength: 1_000 }),
    hasReadinessGates: bool,
    activeDeadlineSeconds: nullable(seconds),
  });
  return { result, model };
}

const closed = resultSchemas(false);
const stripping = resultSchemas(true);
export const simulationResultCheck = closed.result;
export const podModelCheck = closed.model;

const untilCheck = num({ min: 1, max: MAX_UNTIL });
const title = str({ maxLength: 2_000 });

const webviewMessageCheck: Check<WebviewMessage> = union<WebviewMessage>('type', {
  ready: object({ type: literal('ready') }),
  run: object({ type: literal('run'), scenario: scenarioCheck, until: untilCheck }),
});

const hostMessageCheck: Check<HostMessage> = union<HostMessage>('type', {
  result: object({
    type: literal('result'),
    title,
    result: simulationResultCheck,
    model: nullable(podModelCheck),
    scenario: scenarioCheck,
    until: untilCheck,
  }),
  error: object({ type: literal('error'), title, message: str({ maxLength: 10_000 }), scenario: scenarioCheck, until: untilCheck }),
});

/** Every container a scenario names, for checking them against the pod's. */
export function scenarioContainers(scenario: Scenario): string[] {
  const names: string[] = [];
  const rules: { container: string | null }[][] = [
    scenario.exit,
    scenario.exitOnce,
    scenario.healthyAfter,
    scenario.livenessFails,
    scenario.readinessFails,
    scenario.oom,
    scenario.shutdown,
    scenario.prestop,
  ];
  for (const list of rules) for (const rule of list) if (rule.container !== null) names.push(rule.container);
  return names;
}

/**
 * Checks a message from the page. `knownContainers`, when given, are the only
 * container names a scenario may name (the pod's, as last simulated): the page
 * can only offer those, so anything else did not come from its controls.
 */
export function parseWebviewMessage(value: unknown, knownContainers?: ReadonlySet<string>): Parsed<WebviewMessage> {
  const parsed = parseWith(webviewMessageCheck, value);
  if (!parsed.ok || parsed.value.type !== 'run' || knownContainers === undefined) return parsed;
  for (const name of scenarioContainers(parsed.value.scenario)) {
    if (!knownContainers.has(name)) return { ok: false, error: `scenario: the pod has no container ${JSON.stringify(name.slice(0, 100))}` };
  }
  return parsed;
}

export function parseHostMessage(value: unknown): Parsed<HostMessage> {
  return parseWith(hostMessageCheck, value);
}

const responseCheck: Check<SimulateResponse> = (value, path) => {
  if (typeof value === 'object' && value !== null && 'error' in value) return object({ error: str({ maxLength: 10_000 }) })(value, path);
  if (typeof value === 'object' && value !== null && 'version' in value) {
    // The simulation JSON itself (what the server sends today), with the pod model beside its fields if the server adds it.
    const model = (value as { model?: unknown }).model;
    return { result: stripping.result(value, path), model: model === undefined || model === null ? null : stripping.model(model, `${path}.model`) };
  }
  const response = object({ result: stripping.result, model: optional(nullable(stripping.model)) })(value, path);
  return { result: response.result, model: response.model ?? null };
};

/** Checks the server's answer to `podLens/simulate`. */
export function parseSimulateResponse(value: unknown): Parsed<SimulateResponse> {
  return parseWith(responseCheck, value);
}

export function parseScenario(value: unknown): Parsed<Scenario> {
  return parseWith(scenarioCheck, value);
}
