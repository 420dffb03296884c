import { type Rule } from '../rule';
import { required } from './field-errors';
import { errorFinding, isSet } from './helpers';
import { objectMeta } from './object-meta';

/**
 * ValidateObjectMetaAccessor: `metadata.name` is required unless
 * `generateName` is set (the API server then generates the name before
 * validating). Anchored at `name:` when it is there but empty, else at
 * `metadata:`, else at `kind:`.
 */
export const objectNameRequired: Rule = {
  id: 'object-name-required',
  phase: 'api',
  severity: 'error',
  rationale: 'Every object needs metadata.name (or metadata.generateName, from which the API server makes one).',
  check(context) {
    const meta = objectMeta(context);
    if (meta.name.notAString || meta.generateName.notAString || (meta.name.value ?? '').length > 0) return [];
    if ((meta.generateName.value ?? '').length > 0) return [];
    // A metadata that is not a mapping is the decoder's business.
    if (isSet(meta.kv) && !meta.map) return [];
    const anchor = meta.name.kv?.valueSpan ?? meta.name.kv?.keySpan ?? meta.kv?.keySpan ?? context.workload.kindSpan ?? { start: 0, end: 0 };
    return [errorFinding(this.id, anchor, required('metadata.name', 'name or generateName is required'))];
  },
};
