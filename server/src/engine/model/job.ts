import { type YAMLMap } from 'yaml';
import { type Doc, type Field, integerField, mapField } from './field';

/**
 * What the Job controller acts on (pkg/controller/job): a Job's `spec`, or a
 * CronJob's `spec.jobTemplate.spec`. The simulator runs it for their pods.
 */
export interface JobSpecModel {
  backoffLimit: Field<number>;
  /** `spec.backoffLimit` after defaulting (6): with `OnFailure`, the pod is deleted once its containers' restarts reach it. */
  effectiveBackoffLimit: number;
  /** The Job's own `spec.activeDeadlineSeconds`, from its start: its active pods are deleted then. */
  activeDeadlineSeconds: Field<number>;
  podFailurePolicy: Field<YAMLMap>;
}

/** `SetDefaults_Job`. */
export const DEFAULT_JOB_BACKOFF_LIMIT = 6;

export function readJobSpec(jobSpec: YAMLMap | null, document: Doc): JobSpecModel {
  const backoffLimit = integerField(jobSpec, 'backoffLimit', document);
  return {
    backoffLimit,
    effectiveBackoffLimit: backoffLimit.value ?? DEFAULT_JOB_BACKOFF_LIMIT,
    activeDeadlineSeconds: integerField(jobSpec, 'activeDeadlineSeconds', document, 64),
    podFailurePolicy: mapField(jobSpec, 'podFailurePolicy', document),
  };
}
