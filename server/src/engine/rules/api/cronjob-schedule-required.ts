import { type Rule } from '../rule';
import { required } from './field-errors';
import { errorFinding, keyed } from './helpers';
import { stringAt } from './containers';
import { asMap } from '../../yaml-nodes';

/** validateCronJobSpec: `spec.schedule` is required (an empty string counts as missing). */
export const cronJobScheduleRequired: Rule = {
  id: 'cronjob-schedule-required',
  phase: 'api',
  severity: 'error',
  rationale: 'A CronJob needs spec.schedule, the cron expression that says when to run.',
  check(context) {
    if (context.workload.kind !== 'CronJob') return [];
    const spec = keyed(context.workload.root, 'spec', context);
    const specMap = asMap(spec?.value ?? null);
    if (!spec || !specMap) return [];
    const schedule = stringAt(specMap, 'schedule', context);
    if (schedule.notAString || (schedule.value ?? '') !== '') return [];
    return [errorFinding(this.id, schedule.kv?.keySpan ?? spec.keySpan, required('spec.schedule'))];
  },
};
