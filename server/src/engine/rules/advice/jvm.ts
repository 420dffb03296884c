import { isScalar, type Scalar } from 'yaml';
import { type ContainerSpec } from '../../model';
import { type Span } from '../../yaml-nodes';
import { type RuleContext } from '../rule';

/**
 * Where JVM options of a container come from, in the order the JVM lets
 * them override each other (a later flag wins): `JAVA_TOOL_OPTIONS` (read by
 * the JVM, before the command line), `JDK_JAVA_OPTIONS` (the `java`
 * launcher), `JAVA_OPTS`/`JAVA_OPTIONS` (start-script conventions, e.g.
 * `run-java.sh`, that end up on the command line), the command line itself, then `_JAVA_OPTIONS` (read after
 * the command line).
 */
export interface JvmSource {
  /** `env JAVA_OPTS`, `args[2]`… */
  label: string;
  node: Scalar;
  value: string;
}

export type JvmFlagKind = 'max-heap' | 'initial-heap' | 'ram-percentage';

export interface JvmFlag {
  kind: JvmFlagKind;
  /** The flag as written: `-Xmx2g`, `-XX:MaxRAMPercentage=75`. */
  text: string;
  /** Heap flags: the size in bytes. */
  bytes: bigint | null;
  source: JvmSource;
  /** The flag's span in the document, null when the source text does not show it verbatim. */
  span: Span | null;
}

const optionVariables = ['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'JAVA_OPTS', 'JAVA_OPTIONS'];
const lateVariable = '_JAVA_OPTIONS';

function envValues(container: ContainerSpec): Map<string, Scalar> {
  const values = new Map<string, Scalar>();
  // A later entry with the same name wins, as the kubelet builds the environment.
  for (const variable of container.env) {
    const node = variable.value.node;
    if (variable.value.value !== undefined && isScalar(node)) values.set(variable.name, node);
  }
  return values;
}

export function jvmSources(container: ContainerSpec): JvmSource[] {
  const env = envValues(container);
  const sources: JvmSource[] = [];
  const fromEnv = (name: string) => {
    const node = env.get(name);
    if (node) sources.push({ label: `env ${name}`, node, value: String(node.value) });
  };
  optionVariables.forEach(fromEnv);
  for (const key of ['command', 'args'] as const) {
    (container[key].value ?? []).forEach((word, index) => sources.push({ label: `${key}[${index}]`, node: word.node, value: word.value }));
  }
  fromEnv(lateVariable);
  return sources;
}

const sizeUnits: Record<string, bigint> = { '': 1n, k: 1n << 10n, m: 1n << 20n, g: 1n << 30n, t: 1n << 40n };

/** HotSpot's memory size syntax: digits with an optional k/m/g/t (either case), binary multiples. */
function jvmSize(text: string): bigint | null {
  const match = /^(\d+)([kKmMgGtT]?)$/.exec(text);
  return match ? BigInt(match[1]) * sizeUnits[match[2].toLowerCase()] : null;
}

const flagPattern =
  /(?<=^|[\s"'])(-Xmx(\S+)|-XX:MaxHeapSize=(\S+)|-Xms(\S+)|-XX:InitialHeapSize=(\S+)|-XX:(?:Max|Initial|Min)RAMPercentage=(\S+))(?=$|[\s"'])/g;

export function jvmFlags(container: ContainerSpec, context: RuleContext): JvmFlag[] {
  const flags: JvmFlag[] = [];
  for (const source of jvmSources(container)) {
    // Every flag the pattern knows begins with -X; most words and variables have none.
    if (!source.value.includes('-X')) continue;
    const seen = new Map<string, number>();
    for (const match of source.value.matchAll(flagPattern)) {
      const text = match[1];
      const occurrence = seen.get(text) ?? 0;
      seen.set(text, occurrence + 1);
      let kind: JvmFlagKind;
      let bytes: bigint | null = null;
      if (match[2] !== undefined || match[3] !== undefined) {
        kind = 'max-heap';
        bytes = jvmSize(match[2] ?? match[3]);
      } else if (match[4] !== undefined || match[5] !== undefined) {
        kind = 'initial-heap';
        bytes = jvmSize(match[4] ?? match[5]);
      } else {
        kind = 'ram-percentage';
      }
      if (kind !== 'ram-percentage' && bytes === null) continue;
      flags.push({ kind, text, bytes, source, span: locate(context.text, source.node, text, occurrence) });
    }
  }
  return flags;
}

/** The `occurrence`-th whole-token appearance of a flag in the scalar's source text. */
function locate(text: string, node: Scalar, flag: string, occurrence: number): Span | null {
  if (!node.range) return null;
  const raw = text.slice(node.range[0], node.range[1]);
  const escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<=^|[\\s"'])${escaped}(?=$|[\\s"'])`, 'g');
  let seen = 0;
  for (const match of raw.matchAll(pattern)) {
    if (seen++ === occurrence) return { start: node.range[0] + match.index!, end: node.range[0] + match.index! + flag.length };
  }
  return null;
}
