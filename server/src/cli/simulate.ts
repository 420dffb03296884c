import { analyzeDocumentDetail, defaultNode, type DocumentDetail, type ObjectDetail } from '../engine/analyze';
import { splitDocuments } from '../engine/documents';
import { jobSpecOf, type Workload } from '../engine/workloads';
import { podRefusalPrefix } from '../engine/analyze';
import { formatTimeline, jobControllerOf, PodModelError, ScenarioError, simulate } from '../engine/simulation';
import { parseSimulateArgs, SimulateArgsError, simulateUsage } from './simulate-args';
import { type CliIo, UsageError } from './io';
import { readInput } from './input';

interface Chosen {
  detail: DocumentDetail;
  object: ObjectDetail;
  workload: Workload;
}

interface Selector {
  objectName: string | null;
  documentIndex: number | null;
  itemIndex: number | null;
  podSpecPath: string | null;
}

function chooseObject(file: string, documents: DocumentDetail[], selector: Selector): Chosen {
  const { objectName, documentIndex, itemIndex, podSpecPath } = selector;
  const templateMatches = (object: ObjectDetail) => podSpecPath === null || object.workload.podSpecPath === podSpecPath;
  const noTemplate = (where: string, objects: readonly ObjectDetail[]) =>
    new UsageError(`${file}: ${where} has no pod template at ${podSpecPath} (its pod specs: ${objects.map((o) => o.workload.podSpecPath).join(', ')})`);
  if (documentIndex !== null) {
    const detail = documents[documentIndex];
    if (!detail) throw new UsageError(`${file}: there is no document ${documentIndex} (the file has ${documents.length})`);
    if (itemIndex !== null) {
      const ofItem = detail.objects.filter((o) => o.item === itemIndex);
      if (ofItem.length === 0) throw new UsageError(`${file}: item ${itemIndex} of document ${documentIndex} is not a pod or pod template`);
      const object = ofItem.find(templateMatches);
      if (!object) throw noTemplate(`item ${itemIndex} of document ${documentIndex}`, ofItem);
      return { detail, object, workload: object.workload };
    }
    if (podSpecPath !== null && detail.objects.length > 0) {
      const object = detail.objects.find(templateMatches);
      if (!object) throw noTemplate(`document ${documentIndex}`, detail.objects);
      return { detail, object, workload: object.workload };
    }
    const object = detail.objects[0];
    if (!object) {
      const kind = detail.kind;
      const what = detail.findings.some((f) => f.code === 'yaml-syntax') ? 'not valid YAML' : kind ? `a ${kind}` : 'not a Kubernetes object';
      throw new UsageError(`${file}: document ${documentIndex} is ${what}, not a pod or pod template`);
    }
    return { detail, object, workload: object.workload };
  }
  for (const detail of documents) {
    for (const object of detail.objects) {
      if ((objectName === null || object.workload.name === objectName) && templateMatches(object)) return { detail, object, workload: object.workload };
    }
  }
  if (podSpecPath !== null)
    throw new UsageError(`${file}: no ${objectName === null ? 'object' : `object named '${objectName}'`} has a pod template at ${podSpecPath}`);
  if (objectName !== null) throw new UsageError(`${file}: no pod or workload named '${objectName}'`);
  // A file kubectl refuses says why, in its words.
  const refused = documents.find((d) => d.findings.some((f) => f.code === 'yaml-syntax'));
  const why = refused?.findings.find((f) => f.code === 'yaml-syntax');
  if (refused && why) throw new UsageError(`${file}: no pod or pod template kubectl can read in the file (document ${refused.slice.index}: ${why.message})`);
  throw new UsageError(`${file}: no pod or pod template in the file`);
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
  const text = await readInput(options.file, io, 'simulate');
  const documents = splitDocuments(text).map((slice) => analyzeDocumentDetail(slice, { node: defaultNode }));
  const chosen = chooseObject(options.file, documents, options);
  const template = chosen.object.template ? ` (${chosen.object.template.label})` : '';
  const objectLabel = `${chosen.workload.kind}${chosen.workload.name ? ` ${chosen.workload.name}` : ''}${template}`;
  const podSpec = chosen.object.model;
  const unserved = chosen.object.findings.find((f) => f.code === 'api-version-not-served');
  if (unserved) throw new UsageError(`${options.file}: ${objectLabel} is not simulated: kubectl would not send it (${unserved.message})`);
  if (podSpec === null) throw new UsageError(`${options.file}: ${objectLabel} has no pod spec at ${chosen.workload.podSpecPath}`);
  let result;
  try {
    const job = chosen.detail.parsed ? jobSpecOf(chosen.workload, chosen.detail.parsed.document) : null;
    const item = chosen.object.item === null ? {} : { item: chosen.object.item };
    const which = chosen.object.template ? { podSpecPath: chosen.workload.podSpecPath } : {};
    result = simulate(podSpec, options.scenario, {
      until: options.until,
      object: { kind: chosen.workload.kind, name: chosen.workload.name, document: chosen.detail.slice.index, ...item, ...which },
      jobController: job ? jobControllerOf(job) : null,
    });
  } catch (error) {
    if (error instanceof PodModelError) throw new UsageError(`${options.file}: ${objectLabel}: ${error.message}`);
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
  // A custom resource's template is not refused itself; the Pods made from it would be (a warning that says so).
  const refusal = chosen.object.invalid
    ? chosen.object.findings.find((f) => f.severity === 'error' || (chosen.workload.custom !== null && f.message.startsWith(podRefusalPrefix)))
    : undefined;
  if (refusal) {
    // The model reads what it can of a refused object; the user should know the pod would never exist.
    io.stderr(`pod-lens simulate: note: the API server would refuse ${objectLabel} (${refusal.code}: ${refusal.message}); simulated as written\n`);
  }
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatTimeline(result));
  return 0;
}
