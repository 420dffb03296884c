import { promises as fs } from 'fs';
import * as path from 'path';
import { splitDocuments, parseSlice, type ParsedDocument } from '../engine/documents';
import { findWorkload, jobFieldsOf, readObjectHeader, type Workload } from '../engine/workloads';
import {
  formatTimeline,
  parseSimulateArgs,
  PodModelError,
  readJobControllerModel,
  ScenarioError,
  simulate,
  SimulateArgsError,
  simulateUsage,
} from '../engine/simulation';
import { type CliIo, UsageError } from './io';

async function readInput(file: string, io: CliIo): Promise<string> {
  if (file === '-') return io.readStdin();
  const resolved = path.resolve(io.cwd, file);
  try {
    return await fs.readFile(resolved, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${file}: is a directory, not a file`);
    throw new UsageError(`${file}: cannot be read (${code ?? (error as Error).message})`);
  }
}

interface Chosen {
  parsed: ParsedDocument;
  workload: Workload;
}

function chooseObject(file: string, documents: ParsedDocument[], objectName: string | null, documentIndex: number | null): Chosen {
  if (documentIndex !== null) {
    const parsed = documents[documentIndex];
    if (!parsed) throw new UsageError(`${file}: there is no document ${documentIndex} (the file has ${documents.length})`);
    const workload = findWorkload(parsed.document);
    if (!workload) {
      const kind = readObjectHeader(parsed.document)?.kind;
      throw new UsageError(`${file}: document ${documentIndex} is ${kind ? `a ${kind}` : 'not a Kubernetes object'}, not a pod or pod template`);
    }
    return { parsed, workload };
  }
  for (const parsed of documents) {
    const workload = findWorkload(parsed.document);
    if (!workload) continue;
    if (objectName === null || workload.name === objectName) return { parsed, workload };
  }
  if (objectName !== null) throw new UsageError(`${file}: no pod or workload named '${objectName}'`);
  throw new UsageError(`${file}: no pod or pod template in the file`);
}

function podSpecAsJson(file: string, label: string, chosen: Chosen): unknown {
  const podSpec = chosen.workload.podSpec;
  if (!podSpec) return undefined;
  try {
    // Only the pod spec is expanded: an alias bomb in annotations is none of the simulation's business.
    return podSpec.toJS(chosen.parsed.document, { maxAliasCount: 100 });
  } catch (error) {
    // `yaml` refuses to expand too many aliases (a "billion laughs" document) and dangling ones.
    if (error instanceof ReferenceError) throw new UsageError(`${file}: ${label}: the pod spec cannot be expanded: ${error.message}`);
    throw error;
  }
}

/** `pod-lens simulate FILE [--object NAME | --document N] [scenario] [--until SECONDS] [--json]` */
export async function runSimulate(args: string[], io: CliIo): Promise<number> {
  let options;
  try {
    options = parseSimulateArgs(args);
  } catch (error) {
    if (error instanceof SimulateArgsError) throw new UsageError(error.message);
    throw error;
  }
  if (options.help) {
    io.stdout(simulateUsage);
    return 0;
  }
  if (options.file === null) throw new UsageError('which file? usage: pod-lens simulate FILE [options] (see --help)');
  const text = await readInput(options.file, io);
  const documents = splitDocuments(text).map(parseSlice);
  const chosen = chooseObject(options.file, documents, options.objectName, options.documentIndex);
  const objectLabel = `${chosen.workload.kind}${chosen.workload.name ? ` ${chosen.workload.name}` : ''}`;
  if (chosen.parsed.syntaxErrors.length > 0) {
    throw new UsageError(`${options.file}: ${objectLabel} is not valid YAML: ${chosen.parsed.syntaxErrors[0].message}`);
  }
  const podSpec = podSpecAsJson(options.file, objectLabel, chosen);
  if (chosen.workload.podSpec === null || podSpec === null || typeof podSpec !== 'object') {
    throw new UsageError(`${options.file}: ${objectLabel} has no pod spec at ${chosen.workload.podSpecPath}`);
  }
  let result;
  try {
    const jobFields = jobFieldsOf(chosen.workload, chosen.parsed.document);
    result = simulate(podSpec, options.scenario, {
      until: options.until,
      object: { kind: chosen.workload.kind, name: chosen.workload.name, document: chosen.parsed.slice.index },
      jobController: jobFields ? readJobControllerModel(jobFields) : null,
    });
  } catch (error) {
    if (error instanceof PodModelError) throw new UsageError(`${options.file}: ${objectLabel}: ${error.message}`);
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatTimeline(result) + initContainerHint(podSpec, result));
  return 0;
}

/**
 * A process exits only when the scenario says so, so a regular init container without `--exit`
 * runs forever and the pod never initializes: say how to let it complete.
 */
function initContainerHint(podSpec: unknown, result: { events: readonly { type: string; container?: string }[] }): string {
  const initContainers = (podSpec as { initContainers?: unknown }).initContainers;
  if (!Array.isArray(initContainers)) return '';
  const stuck = initContainers
    .filter((c): c is { name: string; restartPolicy?: unknown } => typeof c === 'object' && c !== null && typeof (c as { name?: unknown }).name === 'string')
    .filter((c) => c.restartPolicy !== 'Always')
    .map((c) => c.name)
    .filter((name) => {
      const own = result.events.filter((e) => e.container === name);
      const last = own.filter((e) => e.type === 'container-started' || e.type === 'container-terminated').pop();
      return last?.type === 'container-started';
    });
  if (stuck.length === 0) return '';
  return (
    `\nnote: init container ${stuck.join(', ')} never exits in this scenario, so the app containers never start; ` +
    `let it complete with ${stuck.map((name) => `--exit ${name}:SECONDS:0`).join(' ')}\n`
  );
}
