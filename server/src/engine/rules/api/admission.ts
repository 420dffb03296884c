import { type RuleContext } from '../rule';
import { objectMeta } from './object-meta';
import { goQuote } from './field-errors';

/**
 * Admission plugins answer with `admission.NewForbidden`: apierrors'
 * `<resource> "<name>" is forbidden: <reason>`, the name being the object's
 * name, else its generateName, else "Unknown" (k8s.io/apiserver
 * pkg/admission/errors.go, apimachinery pkg/api/errors NewForbidden).
 */
export function podForbidden(context: RuleContext, reason: string): string {
  const meta = objectMeta(context);
  const name = meta.name.value || meta.generateName.value || 'Unknown';
  return `pods ${goQuote(name)} is forbidden: ${reason}`;
}
