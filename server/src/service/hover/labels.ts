import { type ContainerSpec } from '../../engine/model';
import { type Quantity } from '../../engine/quantity';
import { type DecodedContainer } from '../../engine/resources';
import { code } from '../markdown';
import { type ServiceSettings } from '../settings';

/** How hovers name things: containers by role and name, quantities as Kubernetes prints them. */

export function containerLabel(container: ContainerSpec | DecodedContainer): string {
  const name = container.name ?? `#${'index' in container ? container.index : ''}`;
  return container.role === 'app' ? `container ${code(name)}` : container.role === 'sidecar' ? `sidecar ${code(name)}` : `init container ${code(name)}`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function entry(quantity: Quantity): string {
  return quantity.toString();
}

/** "an" before a number read with a vowel sound: 8, 80, 800…, 11 and 18 (and their thousands), else "a". */
function article(size: string): string {
  const digits = /^\d+/.exec(size)?.[0] ?? '';
  return digits.startsWith('8') || (/^1[18]/.test(digits) && digits.length % 3 === 2) ? 'an' : 'a';
}

/**
 * "a 4-CPU node", or "an assumed 4-CPU node" with the settings that describe
 * the real one, when a number the sentence uses is the default nobody set.
 */
export function nodeWords(settings: ServiceSettings, size: string, uses: { cpu?: boolean; memory?: boolean }): { node: string; howToSet: string } {
  const assumed = settings.node.assumed;
  const cpuAssumed = !!uses.cpu && !!assumed?.cpu;
  const memoryAssumed = !!uses.memory && !!assumed?.memory;
  if (!cpuAssumed && !memoryAssumed) return { node: `${article(size)} ${size} node`, howToSet: '' };
  const names = [cpuAssumed ? code('podLens.node.cpu') : null, memoryAssumed ? code('podLens.node.memory') : null].filter((name) => name !== null);
  return { node: `an assumed ${size} node`, howToSet: `set ${names.join(' and ')} to yours` };
}

export function valueOrDash(value: bigint | null | undefined, show: (v: bigint) => string): string {
  return value === null || value === undefined ? '—' : show(value);
}
