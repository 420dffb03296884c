import { isScalar, type YAMLMap } from 'yaml';
import { type ContainerSpec } from '../../model';
import { type RuleContext } from '../rule';
import { keyed, type KeyedValue } from './helpers';

/** A string field as the decoder reads it: null for a missing key or null; a non-string is another rule's business. */
export interface StringField {
  kv: KeyedValue | null;
  value: string | null;
  /** The key holds something that is not a string (a number, a map): the decoder refuses it, not validation. */
  notAString: boolean;
}

export function stringField(container: ContainerSpec, key: string, context: RuleContext): StringField {
  return stringAt(container.node, key, context);
}

/** A string field of any mapping, read the same way. */
export function stringAt(map: YAMLMap | null, key: string, context: RuleContext): StringField {
  const kv = keyed(map, key, context);
  if (!kv || kv.value === null || (isScalar(kv.value) && kv.value.value === null)) return { kv, value: null, notAString: false };
  if (isScalar(kv.value) && typeof kv.value.value === 'string') return { kv, value: kv.value.value, notAString: false };
  return { kv, value: null, notAString: true };
}

/** App containers in spec order, then init containers: the order validateContainers/validateInitContainers run in. */
export function containersInValidationOrder(context: RuleContext): ContainerSpec[] {
  return context.model.containers;
}
