import { type YAMLMap } from 'yaml';
import { type Span } from '../yaml-nodes';
import { type Doc, type Field, integerField, mapField, stringListField, type WrittenString } from './field';

/**
 * A container's preStop hook, with how long it is known to take: the kubelet
 * waits for it inside the termination grace period, so its duration decides
 * when SIGTERM comes.
 */

export type HookAction = 'exec' | 'httpGet' | 'tcpSocket' | 'sleep' | 'none';

export interface PreStopHook {
  field: Field<YAMLMap>;
  action: HookAction;
  /**
   * Seconds the hook is known to take: the `sleep` action, an exec of `sleep N`,
   * or a shell script's `sleep` commands (summed: they run one after the other);
   * null when the time is unknown (an HTTP call, another command).
   */
  sleepSeconds: number | null;
  /** Where that time is written (the seconds, the `sleep` arguments, the `sleep` in the script). */
  sleepSpan: Span | null;
  /**
   * The `sleep` action is waited out even when the container exits first
   * (kubernetes#134338, open in v1.36); an exec hook ends with the container.
   */
  isSleepAction: boolean;
}

const shells = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
const unitSeconds: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export function readPreStop(container: YAMLMap, document: Doc, text: string): PreStopHook | null {
  const lifecycle = mapField(container, 'lifecycle', document).value ?? null;
  const field = mapField(lifecycle, 'preStop', document);
  const hook = field.value;
  if (!hook) return null;
  const sleep = mapField(hook, 'sleep', document);
  if (sleep.value) {
    const seconds = integerField(sleep.value, 'seconds', document, 64);
    const known = seconds.value !== undefined && seconds.value > 0;
    return { field, action: 'sleep', sleepSeconds: known ? seconds.value! : null, sleepSpan: known ? seconds.valueSpan : null, isSleepAction: true };
  }
  const exec = mapField(hook, 'exec', document);
  if (exec.value) {
    const command = stringListField(exec.value, 'command', document).value ?? [];
    const known = commandSleep(command, text);
    return { field, action: 'exec', sleepSeconds: known?.seconds ?? null, sleepSpan: known?.span ?? null, isSleepAction: false };
  }
  const action: HookAction = mapField(hook, 'httpGet', document).value ? 'httpGet' : mapField(hook, 'tcpSocket', document).value ? 'tcpSocket' : 'none';
  return { field, action, sleepSeconds: null, sleepSpan: null, isSleepAction: false };
}

function baseName(word: WrittenString | undefined): string {
  return word ? (word.value.split('/').pop() ?? '') : '';
}

/**
 * `sleep N…` (GNU sleep sums its arguments; `busybox sleep` too), or a shell's
 * `-c` script with `sleep` commands in it.
 */
export function commandSleep(command: WrittenString[], text: string): { seconds: number; span: Span | null } | null {
  let words = command;
  if (baseName(words[0]) === 'busybox') words = words.slice(1);
  if (baseName(words[0]) === 'sleep' && words.length >= 2) {
    let seconds = 0;
    for (const argument of words.slice(1)) {
      const parsed = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(argument.value.trim());
      if (!parsed) return null;
      seconds += Number(parsed[1]) * unitSeconds[parsed[2]];
    }
    const first = words[1].span;
    const last = words[words.length - 1].span;
    return seconds > 0 ? { seconds, span: first && last ? { start: first.start, end: last.end } : null } : null;
  }
  if (shells.has(baseName(words[0]))) {
    const flag = words.findIndex((word, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(word.value));
    const script = flag > 0 ? words[flag + 1] : undefined;
    return script ? scriptSleep(script, text) : null;
  }
  return null;
}

function scriptSleep(script: WrittenString, text: string): { seconds: number; span: Span | null } | null {
  const pattern = /(?:^|[\s;&|(])((?:\/\S*\/)?sleep\s+(\d+(?:\.\d+)?)([smhd]?))(?=$|[\s;&|)])/g;
  let seconds = 0;
  let first: string | null = null;
  for (const match of script.value.matchAll(pattern)) {
    seconds += Number(match[2]) * unitSeconds[match[3]];
    first ??= match[1];
  }
  if (seconds <= 0 || first === null) return null;
  const span = script.span;
  if (!span) return { seconds, span: null };
  // Point at the `sleep` itself when the source shows it verbatim (it does unless escapes were used).
  const at = text.slice(span.start, span.end).indexOf(first);
  return { seconds, span: at >= 0 ? { start: span.start + at, end: span.start + at + first.length } : span };
}
