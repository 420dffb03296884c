import { type Finding, type Fix, type TextEdit } from '../../findings';
import { formatBytes } from '../../format';
import { type Rule, type RuleContext } from '../rule';
import { containerLabel, finding } from './shared';
import { type JvmFlag, jvmFlags } from './jvm';

export const HEAP_PERCENTAGE = 75;

function tooLarge(heap: bigint, limit: bigint): boolean {
  return heap * 100n > limit * BigInt(HEAP_PERCENTAGE);
}

/**
 * The memory limit covers the whole JVM process, not just the heap:
 * metaspace, thread stacks, the code cache, GC structures and direct buffers
 * come on top, typically a few hundred MiB. A heap above ~75% of the limit
 * gets the container OOM-killed (exit 137) before the heap is full, and
 * usually under load. The JVM's own answer is to size the heap from the
 * container's limit (`-XX:MaxRAMPercentage`, container support is on by
 * default since JDK 10 / 8u191), which also follows the limit when it changes.
 *
 * Without `-Xmx` the heap still grows to at least `-Xms` (HotSpot raises the
 * maximum to the initial size), so a large `-Xms` alone counts too; the fix
 * turns such a `-Xms` into `-XX:InitialRAMPercentage` for the same reason.
 */
export const jvmHeapExceedsLimit: Rule = {
  id: 'jvm-heap-exceeds-limit',
  phase: 'advice',
  severity: 'warning',
  rationale:
    'A JVM heap (-Xmx, -XX:MaxHeapSize) larger than about 75% of the container memory limit leaves too little for metaspace, threads, code cache and direct buffers: the container is OOM-killed (exit 137) before the heap is full.',
  check(context: RuleContext): Finding[] {
    const analysis = context.analysis;
    if (!analysis) return [];
    const findings: Finding[] = [];
    analysis.containers.forEach((container) => {
      const limit = container.cgroup.memoryLimitBytes;
      if (limit === null) return;
      const flags = jvmFlags(container.spec, context);
      const max = flags.filter((flag) => flag.kind === 'max-heap');
      const initial = flags.filter((flag) => flag.kind === 'initial-heap');
      const effective = max[max.length - 1] ?? initial[initial.length - 1];
      if (!effective || !tooLarge(effective.bytes!, limit)) return;
      const heap = effective.bytes!;
      const where = `${effective.text} (a ${formatBytes(heap)} heap, from ${effective.source.label})`;
      const message =
        heap === limit
          ? `${containerLabel(container.spec)}: ${where} is the whole memory limit ${formatBytes(limit)}: nothing is left for metaspace, thread stacks, code cache and direct buffers, ` +
            `so the container is OOM-killed (exit 137) before the heap is full. Keep the heap at most ${HEAP_PERCENTAGE}% of the limit.`
          : heap > limit
            ? `${containerLabel(container.spec)}: ${where} is larger than the memory limit ${formatBytes(limit)}: the container is OOM-killed (exit 137) as the heap grows.`
            : `${containerLabel(container.spec)}: ${where} leaves ${formatBytes(limit - heap)} (${((limit - heap) * 100n) / limit}%) of the memory limit ${formatBytes(limit)} ` +
              `for metaspace, thread stacks, code cache and direct buffers: the container is OOM-killed (exit 137) before the heap is full. Keep the heap at most ${HEAP_PERCENTAGE}% of the limit.`;
      const anchor = effective.span ?? { start: effective.source.node.range![0], end: effective.source.node.range![1] };
      findings.push(
        finding(
          this,
          anchor,
          message,
          percentageFix(
            max,
            initial.filter((flag) => tooLarge(flag.bytes!, limit)),
          ),
        ),
      );
    });
    return findings;
  },
};

/** Every fixed maximum becomes a percentage of the limit; an initial size that is too large too. */
function percentageFix(max: JvmFlag[], initial: JvmFlag[]): Fix[] {
  const edits: TextEdit[] = [];
  for (const flag of max) {
    if (!flag.span) return [];
    edits.push({ start: flag.span.start, end: flag.span.end, newText: `-XX:MaxRAMPercentage=${HEAP_PERCENTAGE}` });
  }
  for (const flag of initial) {
    if (!flag.span) return [];
    edits.push({ start: flag.span.start, end: flag.span.end, newText: `-XX:InitialRAMPercentage=${HEAP_PERCENTAGE}` });
  }
  if (edits.length === 0) return [];
  const parts: string[] = [];
  const unique = (flags: JvmFlag[]) => [...new Set(flags.map((flag) => flag.text))].join(', ');
  if (max.length > 0) parts.push(`${unique(max)} with -XX:MaxRAMPercentage=${HEAP_PERCENTAGE}`);
  if (initial.length > 0) parts.push(`${unique(initial)} with -XX:InitialRAMPercentage=${HEAP_PERCENTAGE}`);
  return [{ title: `Size the heap from the memory limit: replace ${parts.join(' and ')}`, edits, preferred: true }];
}
