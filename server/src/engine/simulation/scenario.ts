/** What the simulator needs besides the pod and the scenario (`simulation.md`). */
export type {
  ExitRule,
  HealthyAfterRule,
  LivenessFailsRule,
  ReadinessFailsRule,
  OomRule,
  ShutdownRule,
  PreStopRule,
  Scenario,
} from '../../protocol/simulation';
export { emptyScenario } from '../../protocol/simulation';

export const DEFAULT_HORIZON_SECONDS = 900;

export interface SimulateOptions {
  /** The horizon: no event after it (seconds of pod time). */
  until: number;
}
