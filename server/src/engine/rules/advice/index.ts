import { type Rule } from '../rule';
import { memoryMillibytes } from './memory-millibytes';
import { memoryWithoutUnit } from './memory-without-unit';
import { cpuByteUnit } from './cpu-byte-unit';
import { cpuLimitBelowMinimum } from './cpu-limit-below-minimum';
import { unschedulable } from './unschedulable';
import { readinessSlowerThanLiveness } from './readiness-slower-than-liveness';
import { probeTimeoutExceedsPeriod } from './probe-timeout-exceeds-period';
import { preStopExceedsGrace } from './prestop-exceeds-grace';
import { jvmHeapExceedsLimit } from './jvm-heap-exceeds-limit';
import { jvmPercentageWithoutLimit } from './jvm-percentage-without-limit';
import { missingCpuLimit, missingCpuRequest, missingMemoryLimit, missingMemoryRequest } from './missing-resources';
import { statusQosClassOverride } from './status-qos-class';

/** Legal but probably wrong: run on objects the API server would accept, with the computed analysis. */
export const adviceRules: Rule[] = [
  memoryMillibytes,
  memoryWithoutUnit,
  cpuByteUnit,
  cpuLimitBelowMinimum,
  unschedulable,
  readinessSlowerThanLiveness,
  probeTimeoutExceedsPeriod,
  preStopExceedsGrace,
  jvmHeapExceedsLimit,
  jvmPercentageWithoutLimit,
  missingMemoryRequest,
  missingMemoryLimit,
  missingCpuRequest,
  missingCpuLimit,
  statusQosClassOverride,
];

export {
  memoryMillibytes,
  memoryWithoutUnit,
  cpuByteUnit,
  cpuLimitBelowMinimum,
  unschedulable,
  readinessSlowerThanLiveness,
  probeTimeoutExceedsPeriod,
  preStopExceedsGrace,
  jvmHeapExceedsLimit,
  jvmPercentageWithoutLimit,
  missingMemoryLimit,
  missingMemoryRequest,
  missingCpuRequest,
  missingCpuLimit,
  statusQosClassOverride,
};
