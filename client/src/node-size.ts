import { Quantity } from '../../server/src/engine/quantity';

/**
 * The node the numbers are computed for, as the extension shows and edits
 * it: the `podLens.node.cpu` and `podLens.node.memory` settings. No editor
 * API here, so that the parsing and the wording are tested as plain tables.
 *
 * The server calls a number "assumed" when the user did not set it (see
 * `server/src/service/settings.ts`); the status bar says the same.
 */

/** The defaults of `podLens.node.*` (package.json), which the server assumes when nothing is set. */
export const assumedNode = { cpu: '4', memory: '16Gi' } as const;

export interface NodeSize {
  /** Kubernetes quantities as the user wrote them (trimmed): `8`, `3500m`; `32Gi`, `15.5Gi`. */
  cpu: string;
  memory: string;
}

export type SizeInput = { kind: 'size'; size: NodeSize } | { kind: 'invalid'; message: string };

const example = 'e.g. `8 32Gi` or `4 cpu 15.5Gi`';
const cpuWords = /^(v?cpus?|cores?)$/i;
const memoryWords = /^(mem|memory|ram)$/i;
const byteSuffix = /(Ki|Mi|Gi|Ti|Pi|Ei)$/;
const decimalLarge: Record<string, string> = { k: 'thousand', M: 'million', G: 'billion', T: 'trillion', P: 'quadrillion', E: 'quintillion' };

/** Why `text` is not a positive Kubernetes quantity, or null when it is one. */
export function quantityProblem(text: string): string | null {
  // The clouds write GiB and GB; Kubernetes writes Gi and G.
  const unit = /^([+-]?[0-9.]+)([kmgtpe])(i?)b$/i.exec(text);
  if (unit) {
    const [, number, letter, binary] = unit;
    const upper = letter.toUpperCase();
    if (binary) return `"${text}" is not a Kubernetes quantity: write ${number}${upper}i`;
    return `"${text}" is not a Kubernetes quantity: write ${number}${upper === 'K' ? 'k' : upper} (powers of 1000) or ${number}${upper}i (powers of 1024)`;
  }
  const parsed = Quantity.tryParse(text);
  if (!(parsed instanceof Quantity)) return `"${text}" is not a Kubernetes quantity (${example}): ${parsed.message}`;
  if (parsed.sign() <= 0) return `"${text}" is not more than 0`;
  return null;
}

/** Why `text` cannot be a node's CPU, or null. */
function cpuProblem(text: string): string | null {
  const problem = quantityProblem(text);
  if (problem) return problem;
  if (byteSuffix.test(text)) return `"${text}" has a byte unit: CPU is counted in cores (8) or millicores (8000m)`;
  const large = decimalLarge[text.slice(-1)];
  if (large) return `"${text}" is ${text.slice(0, -1)} ${large} cores: CPU is counted in cores (8) or millicores (8000m)`;
  return null;
}

/** Why `text` cannot be a node's memory, or null. */
function memoryProblem(text: string): string | null {
  const problem = quantityProblem(text);
  if (problem) return problem;
  const bytes = Quantity.parse(text).value();
  if (bytes < 1n << 20n) {
    const number = /^[+-]?[0-9.]+/.exec(text)?.[0] ?? text;
    const what = text.endsWith('m') ? `${number} thousandths of a byte ("m" is milli)` : `${bytes} byte${bytes === 1n ? '' : 's'}`;
    return `"${text}" is ${what}: a node's memory needs a unit, e.g. ${number.replace(/^[+]/, '')}Gi`;
  }
  return null;
}

interface Token {
  text: string;
  label: 'cpu' | 'memory' | null;
}

/**
 * A node size typed in the quick pick: two quantities, the CPU and the
 * memory, in either order when units tell them apart (`8 32Gi`, `32Gi 8`),
 * optionally labelled (`4 cpu 15.5Gi`, `8cpu 32Gi`, `cpu=8 memory=32Gi`,
 * `8 CPU · 32Gi` as the status bar shows it). Null when the text starts
 * with neither a number nor a label (it filters the machine types:
 * `m6i`, `e2-standard-4`); otherwise the size, or why it is not one.
 */
export function parseNodeSize(input: string): SizeInput | null {
  if (!/^\s*([+-]?[0-9.]|(v?cpus?|cores?|mem|memory|ram)\b)/i.test(input)) return null;
  const words = input
    .replace(/[·,;/]|\bx\b/g, ' ')
    .replace(/[=:]/g, ' ')
    .trim()
    .split(/\s+/)
    .flatMap((word) => {
      // A unit word glued to its number: 8cpu, 4vCPUs, 2cores.
      const glued = /^([+-]?[0-9.]+)(v?cpus?|cores?)$/i.exec(word);
      return glued ? [glued[1], glued[2]] : [word];
    });
  const values: Token[] = [];
  let pendingLabel: Token['label'] = null;
  let afterValue = false;
  for (const word of words) {
    const label = cpuWords.test(word) ? 'cpu' : memoryWords.test(word) ? 'memory' : null;
    if (!label) {
      values.push({ text: word, label: pendingLabel });
      pendingLabel = null;
      afterValue = true;
      continue;
    }
    const previous = values.at(-1);
    // "4 cpu": the word follows its number; "cpu 8": it comes first.
    if (afterValue && previous && previous.label === null) previous.label = label;
    else pendingLabel = label;
    afterValue = false;
  }
  if (values.length !== 2) {
    if (values.length === 1) return { kind: 'invalid', message: `Type both the CPU and the memory of the node (${example})` };
    return {
      kind: 'invalid',
      message: `Type two values, the CPU and the memory of the node (${example}); got ${values.length}: ${values.map((v) => v.text).join(' ')}`,
    };
  }
  let [cpu, memory] = values;
  if (cpu.label === 'memory' || memory.label === 'cpu') [cpu, memory] = [memory, cpu];
  else if (cpu.label === null && memory.label === null && byteSuffix.test(cpu.text) && !byteSuffix.test(memory.text)) [cpu, memory] = [memory, cpu];
  if (cpu.label === 'memory' || memory.label === 'cpu') return { kind: 'invalid', message: `Type one CPU and one memory value (${example})` };
  const cpuError = cpuProblem(cpu.text);
  if (cpuError) return { kind: 'invalid', message: `CPU: ${cpuError}` };
  const memoryError = memoryProblem(memory.text);
  if (memoryError) return { kind: 'invalid', message: `Memory: ${memoryError}` };
  return { kind: 'size', size: { cpu: cpu.text, memory: memory.text } };
}

/** What the user set for one setting: the value at the most specific level that has one, or undefined. */
export type UserValue = unknown;

export interface NodeView {
  /** `8 CPU · 32Gi`, `4 CPU · 16Gi (assumed)`, `8 CPU · 16Gi (memory assumed)`. */
  text: string;
  /** Both numbers are the user's. */
  configured: boolean;
  /** Settings the user wrote that the server cannot use (it assumes the default instead). */
  problems: string[];
  size: NodeSize;
}

/** The node in view, as the server reads the same settings (`readSettings`): unset, empty or not a positive quantity is assumed. */
export function nodeView(cpuSetting: UserValue, memorySetting: UserValue): NodeView {
  const problems: string[] = [];
  const read = (value: UserValue, name: string): string | null => {
    if (value === undefined || value === null || value === '') return null;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
    const problem = text === null ? `${JSON.stringify(value)} is not a quantity` : quantityProblem(text);
    if (problem) {
      problems.push(`podLens.node.${name}: ${problem}`);
      return null;
    }
    return text;
  };
  const cpu = read(cpuSetting, 'cpu');
  const memory = read(memorySetting, 'memory');
  const size = { cpu: cpu ?? assumedNode.cpu, memory: memory ?? assumedNode.memory };
  const assumed = cpu === null && memory === null ? ' (assumed)' : cpu === null ? ' (CPU assumed)' : memory === null ? ' (memory assumed)' : '';
  return { text: `${size.cpu} CPU · ${size.memory}${assumed}`, configured: cpu !== null && memory !== null, problems, size };
}

/**
 * The `podLens` section for the server without the node numbers the user
 * did not set: VS Code answers with the defaults filled in, and the server
 * must know which numbers are only assumed.
 */
export function withoutUnsetNode(section: unknown, set: { cpu: boolean; memory: boolean }): unknown {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return section;
  const copy = { ...(section as Record<string, unknown>) };
  const node = copy.node;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return copy;
  const trimmed = { ...(node as Record<string, unknown>) };
  if (!set.cpu) delete trimmed.cpu;
  if (!set.memory) delete trimmed.memory;
  copy.node = trimmed;
  return copy;
}

/**
 * Whether the text is Kubernetes YAML: a line `apiVersion:` and a line
 * `kind:` at the top level (column 0) of some document. Lines are read until
 * both are seen, so a big manifest is decided by its first object.
 */
export function isKubernetesYaml(lines: Iterable<string>): boolean {
  let apiVersion = false;
  let kind = false;
  for (const line of lines) {
    if (!apiVersion && line.startsWith('apiVersion:')) apiVersion = true;
    else if (!kind && line.startsWith('kind:')) kind = true;
    if (apiVersion && kind) return true;
  }
  return false;
}
