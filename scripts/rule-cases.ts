import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, defaultNode } from '../server/src/engine/analyze';
import { mergeClusterObjects, readClusterObjects } from '../server/src/engine/admission';
import { fileReadingFindings } from '../server/src/engine/reading-findings';
import { type Finding } from '../server/src/engine/findings';
import { Quantity } from '../server/src/engine/quantity';
import { type NodeCapacity } from '../server/src/engine/rules/rule';

/**
 * The rule case files, `test/data/rules/<id>.yaml`: multi-document YAML of
 * real manifests, each preceded by directive comments that say what Pod
 * Lens must report for it:
 *
 *   # expect: <id> <count>     exactly <count> findings with that code (a folded finding has the code of each part)
 *   # expect-none: <id>        a near miss: no finding with that code
 *   # fix: <title>             (after an expect) the first such finding offers this fix
 *   # node: cpu=<q> memory=<q> the node to analyze against (default 4 CPU, 16Gi)
 *   # cluster: <what it is>    this document is no case: it is an object in the inputs of the cases after it
 *                              (a LimitRange, ResourceQuota, PriorityClass or RuntimeClass), as if given in the
 *                              same `pod-lens analyze` run; a run of such documents after a case starts a new set
 *
 * Directives are read from the comment block at the top of a document and
 * are not part of the manifest that is analyzed. A document of comments only
 * and no directives (a file's preamble) is skipped. Every case is analyzed
 * as `pod-lens analyze` analyzes a file, with the objects of the cluster
 * documents before it (none: no objects, and names of classes not found).
 */

export interface Expectation {
  code: string;
  /** 0 for `expect-none`. */
  count: number;
  /** The title of the fix the first finding with this code offers. */
  fix: string | null;
}

export interface RuleCase {
  /** The case file, relative to the repository root. */
  file: string;
  /** 1-based line of the case file where the manifest's document starts. */
  line: number;
  /** The manifest, directives removed. */
  text: string;
  expectations: Expectation[];
  /** null: the default node. */
  node: NodeCapacity | null;
  /** The texts of the `# cluster:` documents that apply to it. */
  cluster: string[];
}

export interface CaseFile {
  /** The rule id the file is named after. */
  id: string;
  file: string;
  cases: RuleCase[];
  /** Malformed directives and documents without any, as `file:line: problem`. */
  problems: string[];
}

export const caseDirectory = path.join('test', 'data', 'rules');

const directivePattern = /^#\s*(expect|expect-none|fix|node|cluster)\s*:\s*(.*?)\s*$/;

function parseNode(value: string): NodeCapacity | string {
  const fields = new Map<string, string>();
  for (const part of value.split(/\s+/)) {
    const [key, quantity, ...rest] = part.split('=');
    if (quantity === undefined || rest.length > 0 || fields.has(key)) return `malformed node field '${part}'`;
    fields.set(key, quantity);
  }
  const cpu = Quantity.tryParse(fields.get('cpu') ?? '4');
  const memory = Quantity.tryParse(fields.get('memory') ?? '16Gi');
  if (!(cpu instanceof Quantity) || !(memory instanceof Quantity)) return `node quantities must parse: '${value}'`;
  const unknown = [...fields.keys()].filter((key) => key !== 'cpu' && key !== 'memory');
  if (unknown.length > 0) return `unknown node fields: ${unknown.join(', ')}`;
  return { cpuMilli: cpu.milliValue(), memoryBytes: memory.value() };
}

/** A document's lines as text, without trailing blank lines. */
function trimmed(lines: string[]): string {
  const kept = [...lines];
  while (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
  return kept.join('\n') + '\n';
}

export function parseCaseFile(file: string, source: string): CaseFile {
  const id = path.basename(file).replace(/\.yaml$/, '');
  const problems: string[] = [];
  const cases: RuleCase[] = [];
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let chunk: { line: number; lines: string[] } = { line: 1, lines: [] };
  const chunks = [chunk];
  lines.forEach((line, index) => {
    if (/^---\s*$/.test(line)) {
      chunk = { line: index + 2, lines: [] };
      chunks.push(chunk);
    } else chunk.lines.push(line);
  });

  let cluster: string[] = [];
  let casesSinceCluster = 0;
  for (const { line, lines: body } of chunks) {
    const expectations: Expectation[] = [];
    let node: NodeCapacity | null = null;
    let isCluster = false;
    const manifest: string[] = [];
    let inPreamble = true;
    body.forEach((text, offset) => {
      const where = `${file}:${line + offset}`;
      const directive = inPreamble ? directivePattern.exec(text) : null;
      if (!directive) {
        if (text.trim() !== '' && !text.trimStart().startsWith('#')) inPreamble = false;
        manifest.push(text);
        return;
      }
      const [, kind, value] = directive;
      if (kind === 'expect') {
        const match = /^([a-z0-9-]+)\s+([1-9][0-9]*)$/.exec(value);
        if (match) expectations.push({ code: match[1], count: Number(match[2]), fix: null });
        else problems.push(`${where}: '# expect: <id> <count>' with a count of 1 or more (a near miss is '# expect-none: <id>'), not '${text}'`);
      } else if (kind === 'expect-none') {
        if (/^[a-z0-9-]+$/.test(value)) expectations.push({ code: value, count: 0, fix: null });
        else problems.push(`${where}: '# expect-none: <id>', not '${text}'`);
      } else if (kind === 'fix') {
        const last = expectations[expectations.length - 1];
        if (!last || last.count === 0 || last.fix !== null || value === '') problems.push(`${where}: '# fix: <title>' must follow an '# expect:' line`);
        else last.fix = value;
      } else if (kind === 'cluster') {
        isCluster = true;
      } else {
        const parsed = parseNode(value);
        if (typeof parsed === 'string') problems.push(`${where}: ${parsed}`);
        else node = parsed;
      }
    });
    const hasContent = manifest.some((text) => text.trim() !== '' && !text.trimStart().startsWith('#'));
    if (isCluster) {
      if (expectations.length > 0 || node !== null) problems.push(`${file}:${line}: a '# cluster:' document is no case: it takes no other directive`);
      else if (!hasContent) problems.push(`${file}:${line}: '# cluster:' without a manifest`);
      else {
        if (casesSinceCluster > 0) cluster = [];
        casesSinceCluster = 0;
        cluster = [...cluster, trimmed(manifest)];
      }
      continue;
    }
    if (expectations.length === 0) {
      if (hasContent) problems.push(`${file}:${line}: a document without '# expect:' or '# expect-none:' directives`);
      continue;
    }
    if (!hasContent) {
      problems.push(`${file}:${line}: directives without a manifest`);
      continue;
    }
    const codes = expectations.map((e) => e.code);
    const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
    if (repeated) problems.push(`${file}:${line}: '${repeated}' is expected twice`);
    casesSinceCluster++;
    cases.push({ file, line, text: trimmed(manifest), expectations, node, cluster });
  }
  return { id, file, cases, problems };
}

/** Every case file of the repository, by file name. */
export function readCaseFiles(root: string): CaseFile[] {
  const directory = path.join(root, caseDirectory);
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => parseCaseFile(path.join(caseDirectory, name), fs.readFileSync(path.join(directory, name), 'utf8')));
}

/**
 * A case's findings, in document order: analyzed as the one document of a
 * file, with the objects of its cluster documents in the inputs.
 */
export function caseFindings(text: string, node: NodeCapacity | null, cluster: readonly string[] = []): { findings: Finding[]; documents: number } {
  const objects = mergeClusterObjects([...cluster, text].map((input) => readClusterObjects(input)));
  const result = analyzeText(text, { node: node ?? defaultNode, cluster: { objects } });
  const findings = [
    ...fileReadingFindings(result.text, result.reading, result.documents),
    ...result.documents.flatMap((document) => [
      ...document.findings.map((f) => ({ ...f, start: f.start + document.slice.start, end: f.end + document.slice.start })),
      ...document.objects.flatMap((o) => o.findings.map((f) => ({ ...f, start: f.start + document.slice.start, end: f.end + document.slice.start }))),
    ]),
  ];
  return { findings: findings.sort((a, b) => a.start - b.start || a.end - b.end), documents: result.documents.length };
}

/** Whether a case reports the code (count ≥ 1). */
export function isPositive(ruleCase: RuleCase, code: string): boolean {
  return ruleCase.expectations.some((e) => e.code === code && e.count > 0);
}

export function isNegative(ruleCase: RuleCase, code: string): boolean {
  return ruleCase.expectations.some((e) => e.code === code && e.count === 0);
}
