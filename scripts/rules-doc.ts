import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Finding } from '../server/src/engine/findings';
import { carriesCode } from '../server/src/engine/fold';
import { type RuleInfo, type RulePhase, ruleCatalog } from '../server/src/engine/rules/catalog';
import { caseFindings, type CaseFile, isPositive, readCaseFiles, type RuleCase } from './rule-cases';

/**
 * Writes docs/rules.md from the rule catalog and the case files
 * (test/data/rules/<id>.yaml): per rule its severity, phase, rationale, an
 * example (the first case that reports it, trimmed to the lines that
 * matter) with the message Pod Lens prints for it, and the quick fixes
 * offered there. test/engine/rules/catalog.test.ts fails when the file
 * differs from what this writes.
 *
 * `npm run docs:rules` (builds, then runs out/scripts/rules-doc.js).
 */

export const rulesDocPath = path.join('docs', 'rules.md');

interface Group {
  title: string;
  anchor: string;
  phases: RulePhase[];
  intro: string;
}

const groups: Group[] = [
  {
    title: 'Reading the document',
    anchor: 'reading-the-document',
    phases: ['schema', 'engine'],
    intro:
      'Found while the document is parsed and read against the API types, before any rule runs: what kubectl or the API server ' +
      'cannot read or decode, and what kubectl reads with a loss.',
  },
  {
    title: 'Refused by the API server',
    anchor: 'refused-by-the-api-server',
    phases: ['object', 'api'],
    intro:
      'What the v1.36 API server (default feature gates, default admission plugins) refuses, in its own words: the object would not be created. ' +
      'These are the only rules with severity error.',
  },
  {
    title: 'The namespace around a pod',
    anchor: 'the-namespace-around-a-pod',
    phases: ['admission'],
    intro:
      'What the admission plugins on by default do with a pod, from the LimitRanges, ResourceQuotas, PriorityClasses and RuntimeClasses in the ' +
      'inputs (the paths given to `pod-lens analyze`, the workspace in the editor): see [the namespace around a pod](namespace.md). A refusal is ' +
      "an error for a Pod; for a workload's template it is a warning: the API server accepts the workload, and refuses each pod its controller creates.",
  },
  {
    title: 'Rendering charts and building overlays',
    anchor: 'rendering-charts-and-building-overlays',
    phases: ['source'],
    intro:
      'What Helm or kustomize say while a chart is rendered or an overlay is built, shown in the template, values, kustomization or patch file to blame. ' +
      'The engine never sees these: they come before any object exists.',
  },
  {
    title: 'Advice',
    anchor: 'advice',
    phases: ['value', 'advice'],
    intro: 'Legal, but most likely not what the author meant: the API server accepts the object and Kubernetes does something else than the spec seems to say.',
  },
];

const phaseText: Record<RulePhase, string> = {
  schema: 'reading the document (before any rule)',
  engine: 'Pod Lens itself',
  source: 'rendering the chart or building the overlay (Helm, kustomize)',
  admission: "admission (the namespace's LimitRanges, quotas and classes, found in the inputs)",
  object: 'refused by the API server (`object`: checked on the object before its pod spec is read)',
  api: 'refused by the API server (`api`: checked on the spec as written)',
  value: 'advice (`value`: checked on every object, valid or not)',
  advice: 'advice (`advice`: checked on objects the API server accepts, with the computed numbers)',
};

/** Examples of at most this many lines are shown whole. */
const SHORT_EXAMPLE = 20;
/** The largest list item (a container, usually) kept whole around a finding. */
const ITEM_LINES = 20;
/** The largest block of the finding's siblings kept. */
const CONTEXT_LINES = 10;

interface Line {
  text: string;
  indent: number;
  /** Blank or a comment: belongs to no block. */
  filler: boolean;
  item: boolean;
}

function readLines(text: string): Line[] {
  const raw = text.replace(/\n$/, '').split('\n');
  return raw.map((line) => {
    const trimmed = line.trimStart();
    return {
      text: line,
      indent: line.length - trimmed.length,
      filler: trimmed === '' || trimmed.startsWith('#'),
      item: trimmed.startsWith('- ') || trimmed === '-',
    };
  });
}

/** The line that holds line `index` in its block: the nearest earlier line indented less (or a key that opens a non-indented list). */
function parentOf(lines: Line[], index: number): number {
  const line = lines[index];
  for (let j = index - 1; j >= 0; j--) {
    const candidate = lines[j];
    if (candidate.filler) continue;
    if (candidate.indent < line.indent) return j;
    if (candidate.indent === line.indent && line.item && !candidate.item && candidate.text.trimEnd().endsWith(':')) return j;
  }
  return -1;
}

/** The last line of the block line `index` opens. */
function blockEnd(lines: Line[], index: number): number {
  const head = lines[index];
  const opensList = !head.item && head.text.trimEnd().endsWith(':');
  let end = index;
  for (let j = index + 1; j < lines.length; j++) {
    const line = lines[j];
    if (line.filler) continue;
    if (line.indent > head.indent || (opensList && line.item && line.indent === head.indent)) end = j;
    else break;
  }
  return end;
}

export interface Excerpt {
  text: string;
  /** 0-based line of the excerpt where the finding starts. */
  line: number;
  character: number;
}

/**
 * The example as shown: whole when short, else the object's header
 * (apiVersion, kind, metadata.name), the lines that hold the finding, the
 * list item it is in (a container) and its siblings, with `# …` where lines
 * were left out.
 */
export function excerpt(text: string, finding: { start: number; end: number }): Excerpt {
  const lines = readLines(text);
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const first = lineAt(finding.start);
  const last = Math.max(first, lineAt(Math.max(finding.start, finding.end - 1)));
  const character = finding.start - (text.lastIndexOf('\n', finding.start - 1) + 1);
  if (lines.length <= SHORT_EXAMPLE) return { text: lines.map((l) => l.text).join('\n') + '\n', line: first, character };

  const keep = new Set<number>();
  lines.forEach((line, index) => {
    if (line.indent === 0 && /^(apiVersion|kind|metadata):/.test(line.text)) keep.add(index);
    if (/^\s+name:/.test(line.text) && parentOf(lines, index) >= 0 && /^metadata:/.test(lines[parentOf(lines, index)].text)) keep.add(index);
  });
  const keepBlock = (head: number) => {
    for (let i = head; i <= blockEnd(lines, head); i++) keep.add(i);
  };
  for (let i = first; i <= last; i++) keep.add(i);
  let outermostItem = -1;
  for (let p = first; p >= 0; p = parentOf(lines, p)) {
    keep.add(p);
    if (lines[p].item && blockEnd(lines, p) - p < ITEM_LINES) outermostItem = p;
  }
  // The list item the finding is in (a container, usually) says what the finding is about.
  if (outermostItem >= 0) keepBlock(outermostItem);
  // The finding's siblings when its parent's block is small, else what the finding's own line opens.
  const parent = parentOf(lines, first);
  if (parent >= 0 && blockEnd(lines, parent) - parent <= CONTEXT_LINES) keepBlock(parent);
  else for (let i = first; i <= Math.min(blockEnd(lines, first), first + CONTEXT_LINES); i++) keep.add(i);

  const shown: string[] = [];
  let line = 0;
  let skipped: Line | null = null;
  lines.forEach((current, index) => {
    if (!keep.has(index)) {
      skipped ??= current;
      return;
    }
    if (skipped) {
      shown.push(`${' '.repeat(Math.min(skipped.indent, current.indent))}# …`);
      skipped = null;
    }
    if (index === first) line = shown.length;
    shown.push(current.text);
  });
  if (skipped) shown.push(`${' '.repeat((skipped as Line).indent)}# …`);
  return { text: shown.join('\n') + '\n', line, character };
}

interface SourceFile {
  path: string;
  text: string;
}

/** The engine's modules (not the catalog, which names every code), sorted by path. */
function engineSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && entry.name !== 'catalog.ts')
        files.push({ path: path.relative(root, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') });
    }
  };
  walk(path.join(root, 'server', 'src', 'engine'));
  return files;
}

/** The module that reports the code: a rule's `id: '…'`, else a finding's `code: '…'`, else a call with the code as its first argument. */
function sourceOf(sources: SourceFile[], id: string): string | null {
  const quoted = id.replace(/-/g, '\\-');
  for (const pattern of [new RegExp(`\\bid: '${quoted}'`), new RegExp(`\\bcode: '${quoted}'`), new RegExp(`\\(\\s*'${quoted}',`)]) {
    const file = sources.find((source) => pattern.test(source.text));
    if (file) return file.path;
  }
  return null;
}

function fence(language: string, text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text.endsWith('\n') ? text : text + '\n'}${ticks}`;
}

function firstPositive(file: CaseFile | undefined, id: string): { ruleCase: RuleCase; finding: Finding } | null {
  for (const ruleCase of file?.cases ?? []) {
    if (!isPositive(ruleCase, id)) continue;
    const finding = caseFindings(ruleCase.text, ruleCase.node, ruleCase.cluster).findings.find((f) => carriesCode(f, id));
    if (finding) return { ruleCase, finding };
  }
  return null;
}

function ruleSection(sources: SourceFile[], info: RuleInfo, file: CaseFile | undefined): string {
  const out: string[] = [`### ${info.id}`, '', info.rationale, ''];
  out.push(`- Severity: ${info.severity}`);
  out.push(`- Phase: ${phaseText[info.phase]}`);
  const source = sourceOf(sources, info.id);
  if (source) out.push(`- Source: [\`${source}\`](../${source})`);
  if (file) out.push(`- Cases: [\`${file.file.split(path.sep).join('/')}\`](../${file.file.split(path.sep).join('/')})`);
  out.push('');
  const example = firstPositive(file, info.id);
  if (!example) {
    out.push(
      info.phase === 'source'
        ? 'Reported for a chart or an overlay (`pod-lens analyze DIR`, and in the editor), in the file Helm or kustomize blames; test/sources holds its cases.'
        : 'No manifest produces this finding: it is reported only when Pod Lens itself fails on a document.',
      '',
    );
    return out.join('\n');
  }
  const { ruleCase, finding } = example;
  const shown = excerpt(ruleCase.text, finding);
  const printed = `example.yaml:${shown.line + 1}:${shown.character + 1}: ${finding.severity} ${finding.code}: ${finding.message}`;
  if (ruleCase.cluster.length > 0) out.push('With these objects in the inputs:', '', fence('yaml', ruleCase.cluster.join('---\n')), '');
  out.push('Example:', '', fence('yaml', shown.text), '', 'Pod Lens reports:', '', fence('text', printed), '');
  const parts = finding.fold?.parts ?? [];
  if (parts.length > 1) {
    out.push(
      `One finding folds the notes about this container: it carries ${parts.map((p) => `\`${p.code}\``).join(', ')}, and shows the code and ` +
        `severity of the most severe (the first of them on a tie). Each code's severity setting acts on its own part: with \`${info.id}\` off, ` +
        `the finding no longer says it.`,
      '',
    );
  }
  const titles = (finding.fixes ?? []).map((fix) => `*${fix.title}*`);
  if (titles.length > 0) out.push(`Quick fix${titles.length > 1 ? 'es' : ''}: ${titles.join('; ')}.`, '');
  return out.join('\n');
}

export function renderRulesDoc(root: string): string {
  const catalog = [...ruleCatalog().values()];
  const files = new Map(readCaseFiles(root).map((file) => [file.id, file]));
  const sources = engineSources(root);
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated by `npm run docs:rules` from server/src/engine/rules/catalog.ts and test/data/rules/: edit those, not this file. -->',
    '',
    'Every finding Pod Lens reports carries a code: the id of the rule that found it. This page lists every code in the order of the rule ' +
      'catalog (`server/src/engine/rules/catalog.ts`), with its default severity, when it is checked, why it matters, and an example taken ' +
      'from its test cases (`test/data/rules/<id>.yaml`), with the message exactly as `pod-lens analyze` prints it and the quick fixes offered there.',
    '',
    'Severity `error` is reserved for what the API server (or kubectl) would refuse. Any code can be given another severity, or turned ' +
      'off, with the `podLens.diagnostics.severity` setting (`{ "missing-cpu-limit": "off" }`). Examples are analyzed against the default ' +
      'node (4 CPU, 16Gi) unless they say otherwise; long ones are trimmed, with `# …` where lines were left out.',
    '',
    '## Contents',
    '',
  ];
  for (const group of groups) {
    const members = catalog.filter((info) => group.phases.includes(info.phase));
    out.push(`- [${group.title}](#${group.anchor}) (${members.length})`);
    out.push(`  ${members.map((info) => `[${info.id}](#${info.id})`).join(', ')}`);
  }
  out.push('');
  for (const group of groups) {
    const members = catalog.filter((info) => group.phases.includes(info.phase));
    out.push(`## ${group.title}`, '', group.intro, '', '| Rule | Severity | Rationale |', '|---|---|---|');
    for (const info of members) out.push(`| [${info.id}](#${info.id}) | ${info.severity} | ${info.rationale.replace(/\|/g, '\\|')} |`);
    out.push('');
    for (const info of members) out.push(ruleSection(sources, info, files.get(info.id)));
  }
  const orphans = catalog.filter((info) => !groups.some((group) => group.phases.includes(info.phase)));
  if (orphans.length > 0) throw new Error(`no group for phase ${orphans[0].phase}`);
  return out.join('\n').replace(/\n+$/, '\n');
}

if (require.main === module) {
  const root = path.resolve(__dirname, '../..');
  const file = path.join(root, rulesDocPath);
  const text = renderRulesDoc(root);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (before !== text) fs.writeFileSync(file, text);
  process.stdout.write(`${rulesDocPath}: ${ruleCatalog().size} rules${before === text ? ', unchanged' : ', written'}\n`);
}
