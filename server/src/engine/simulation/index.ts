export { simulate, SimulateRunOptions } from './simulator';
export { formatTimeline } from './timeline';
export {
  parseSimulateArgs,
  emptyScenario,
  simulateUsage,
  Scenario,
  SimulateArgs,
  SimulateArgsError,
  SimulateOptions,
  DEFAULT_HORIZON_SECONDS,
} from './scenario';
export { readPodModel, readJobControllerModel, JobControllerModel, PodModel, PodModelError } from './model';
export { ScenarioError } from './behaviour';
export * from './types';
