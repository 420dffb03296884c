import { type ContainerSpec } from '../../engine/model';
import { type Quantity } from '../../engine/quantity';
import { type DecodedContainer } from '../../engine/resources';
import { code } from '../markdown';

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

export function valueOrDash(value: bigint | null | undefined, show: (v: bigint) => string): string {
  return value === null || value === undefined ? '—' : show(value);
}
