import { DEFAULT_HORIZON_SECONDS, emptyScenario, type ExitRule, type Scenario } from '../engine/simulation';

/** The `pod-lens simulate` command line (`simulation.md`): the file, which object, and the scenario. */

export interface SimulateArgs {
  file: string | null;
  objectName: string | null;
  documentIndex: number | null;
  /** With `documentIndex`: the item of the document's List. */
  itemIndex: number | null;
  /** The pod template of an object that holds several (a custom resource's): its pod spec path. */
  podSpecPath: string | null;
  until: number;
  json: boolean;
  help: boolean;
  scenario: Scenario;
}

/** A bad command line: the message is one line for the user. */
export class SimulateArgsError extends Error {}

export const simulateUsage = `usage: pod-lens simulate FILE [--object NAME | --document N [--item I]] [--pod-spec PATH] [scenario] [--until SECONDS] [--json]

  --document N [--item I]              the workload of document N (kubectl's count from 0); of a List, item I of its items
  --pod-spec PATH                      of an object with several pod templates (a RayCluster, a PyTorchJob), the one at PATH,
                                       as the report's podSpecPath writes it (spec.workerGroupSpecs[1].template.spec)

scenario (each option may be given several times; CONTAINER defaults to the first app container):
  --exit CONTAINER:AFTER[:CODE]        the process exits AFTER s after each start with CODE (default 1)
  --exit-once CONTAINER:AFTER[:CODE]   the same, for its first run only
  --healthy-after CONTAINER:SECONDS    its probes fail until SECONDS after each start
  --liveness-fails CONTAINER:AT        its liveness probe fails from AT (pod time) until it restarts
  --readiness-fails CONTAINER:FROM:TO  its readiness probe fails from FROM to TO (pod time)
  --oom CONTAINER:AFTER                its memory use passes its limit AFTER s after each start
  --delete AT                          the pod is deleted at AT (pod time)
  --shutdown CONTAINER:SECONDS|never   after SIGTERM the process needs SECONDS to exit (default 0)
  --prestop CONTAINER:SECONDS          the preStop hook runs SECONDS (default: what the spec says)
  --pull SECONDS                       image pull time before each container's first start

  --until SECONDS                      the horizon (default ${DEFAULT_HORIZON_SECONDS})
  --json                               the events and summary as JSON
`;

function parseSeconds(text: string, option: string, what: string): number {
  const trimmed = text.trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) {
    throw new SimulateArgsError(`${option}: ${what} must be a number of seconds (0 or more), not '${text}'`);
  }
  return Number(trimmed);
}

function parseExitCode(text: string, option: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > 255) {
    throw new SimulateArgsError(`${option}: the exit code must be a whole number from 0 to 255, not '${text}'`);
  }
  return Number(text);
}

const looksNumeric = (text: string): boolean => /^(\d+(\.\d*)?|\.\d+)$/.test(text.trim());

/**
 * Splits `CONTAINER:REST` where the container may be left out: the value then
 * starts with a number (or `never`). Returns the container (or null) and the
 * remaining fields.
 */
function splitContainer(
  value: string,
  option: string,
  fieldsWithoutContainer: number[],
  form: string,
): {
  container: string | null;
  fields: string[];
} {
  if (value === '') throw new SimulateArgsError(`${option} needs a value: ${option} ${form}`);
  const parts = value.split(':');
  const first = parts[0];
  if (looksNumeric(first) || first === 'never') {
    if (!fieldsWithoutContainer.includes(parts.length)) {
      throw new SimulateArgsError(`${option}: expected ${form}, got '${value}'`);
    }
    return { container: null, fields: parts };
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(first)) {
    throw new SimulateArgsError(`${option}: '${first}' is not a container name (expected ${form})`);
  }
  const fields = parts.slice(1);
  if (!fieldsWithoutContainer.includes(fields.length)) {
    throw new SimulateArgsError(`${option}: expected ${form}, got '${value}'`);
  }
  return { container: first, fields };
}

const valueOptions = new Set([
  '--exit',
  '--exit-once',
  '--healthy-after',
  '--liveness-fails',
  '--readiness-fails',
  '--oom',
  '--delete',
  '--shutdown',
  '--prestop',
  '--pull',
  '--until',
  '--object',
  '--document',
  '--item',
  '--pod-spec',
]);

/** Parses the arguments of `pod-lens simulate` (everything after the command name). */
export function parseSimulateArgs(argv: readonly string[]): SimulateArgs {
  const args: SimulateArgs = {
    file: null,
    objectName: null,
    documentIndex: null,
    itemIndex: null,
    podSpecPath: null,
    until: DEFAULT_HORIZON_SECONDS,
    json: false,
    help: false,
    scenario: emptyScenario(),
  };
  const scenario = args.scenario;
  for (let i = 0; i < argv.length; i++) {
    let argument = argv[i];
    let inlineValue: string | null = null;
    const equals = argument.indexOf('=');
    if (argument.startsWith('--') && equals > 2) {
      inlineValue = argument.slice(equals + 1);
      argument = argument.slice(0, equals);
    }
    if (argument === '--json') {
      args.json = true;
      continue;
    }
    if (argument === '--help' || argument === '-h') {
      args.help = true;
      continue;
    }
    if (valueOptions.has(argument)) {
      let value = inlineValue;
      if (value === null) {
        if (i + 1 >= argv.length) throw new SimulateArgsError(`${argument} needs a value`);
        value = argv[++i];
      }
      applyOption(args, scenario, argument, value);
      continue;
    }
    if (argument.startsWith('-') && argument !== '-') {
      throw new SimulateArgsError(`unknown option '${argument}'`);
    }
    if (args.file !== null) throw new SimulateArgsError(`one file at a time: got '${args.file}' and '${argument}'`);
    args.file = argument;
  }
  if (args.objectName !== null && args.documentIndex !== null) {
    throw new SimulateArgsError('--object and --document exclude each other');
  }
  if (args.itemIndex !== null && args.documentIndex === null) throw new SimulateArgsError('--item needs --document: the item of which document?');
  return args;
}

function applyOption(args: SimulateArgs, scenario: Scenario, option: string, value: string): void {
  switch (option) {
    case '--object':
      if (value.trim() === '') throw new SimulateArgsError('--object needs a name');
      args.objectName = value;
      return;
    case '--document':
      if (!/^\d+$/.test(value.trim())) throw new SimulateArgsError(`--document: expected a document index (0, 1, ...), not '${value}'`);
      args.documentIndex = Number(value);
      return;
    case '--pod-spec':
      if (value.trim() === '') throw new SimulateArgsError('--pod-spec needs a path, such as spec.workerGroupSpecs[0].template.spec');
      args.podSpecPath = value.trim();
      return;
    case '--item':
      if (!/^\d+$/.test(value.trim())) throw new SimulateArgsError(`--item: expected the index of an item of the List (0, 1, ...), not '${value}'`);
      args.itemIndex = Number(value);
      return;
    case '--until': {
      const until = parseSeconds(value, option, 'the horizon');
      if (until <= 0) throw new SimulateArgsError('--until: the horizon must be more than 0 seconds');
      args.until = until;
      return;
    }
    case '--delete':
      scenario.delete.push(parseSeconds(value, option, 'the deletion time'));
      return;
    case '--pull':
      scenario.pull = parseSeconds(value, option, 'the pull time');
      return;
    case '--exit':
    case '--exit-once': {
      const form = 'CONTAINER:AFTER[:CODE]';
      const { container, fields } = splitContainer(value, option, [1, 2], form);
      const rule: ExitRule = {
        container,
        afterSeconds: parseSeconds(fields[0], option, 'AFTER'),
        exitCode: fields.length > 1 ? parseExitCode(fields[1], option) : 1,
      };
      (option === '--exit' ? scenario.exit : scenario.exitOnce).push(rule);
      return;
    }
    case '--healthy-after': {
      const { container, fields } = splitContainer(value, option, [1], 'CONTAINER:SECONDS');
      scenario.healthyAfter.push({ container, seconds: parseSeconds(fields[0], option, 'SECONDS') });
      return;
    }
    case '--liveness-fails': {
      const { container, fields } = splitContainer(value, option, [1], 'CONTAINER:AT');
      scenario.livenessFails.push({ container, at: parseSeconds(fields[0], option, 'AT') });
      return;
    }
    case '--readiness-fails': {
      const { container, fields } = splitContainer(value, option, [2], 'CONTAINER:FROM:TO');
      const from = parseSeconds(fields[0], option, 'FROM');
      const to = parseSeconds(fields[1], option, 'TO');
      if (to < from) throw new SimulateArgsError(`${option}: TO (${to}) is before FROM (${from})`);
      scenario.readinessFails.push({ container, from, to });
      return;
    }
    case '--oom': {
      const { container, fields } = splitContainer(value, option, [1], 'CONTAINER:AFTER');
      scenario.oom.push({ container, afterSeconds: parseSeconds(fields[0], option, 'AFTER') });
      return;
    }
    case '--shutdown': {
      const { container, fields } = splitContainer(value, option, [1], 'CONTAINER:SECONDS|never');
      const seconds = fields[0].trim() === 'never' ? 'never' : parseSeconds(fields[0], option, 'SECONDS');
      scenario.shutdown.push({ container, seconds });
      return;
    }
    case '--prestop': {
      const { container, fields } = splitContainer(value, option, [1], 'CONTAINER:SECONDS');
      scenario.prestop.push({ container, seconds: parseSeconds(fields[0], option, 'SECONDS') });
      return;
    }
  }
}
