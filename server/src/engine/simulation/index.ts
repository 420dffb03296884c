export { simulate, type SimulateRunOptions } from './simulator';
export { formatTimeline } from './timeline';
export { emptyScenario, type Scenario, type SimulateOptions, DEFAULT_HORIZON_SECONDS } from './scenario';
export { simulatedPod, jobControllerOf, type JobControllerModel, PodModelError } from './model';
export { ScenarioError } from './behaviour';
export * from '../../protocol/simulation';
