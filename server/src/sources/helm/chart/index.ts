/** `helm template` in-process, with a source map of its output: the public surface. */
export { renderChart, renderTemplates } from './render';
export type { HelmOptions, RenderError, RenderResult, RenderedDocument, RenderedTemplates } from './render';
export { helmFunctions } from './functions';
export { loadChart, ChartLoadError } from './loader';
export type { ChartError } from './loader';
export type { LoadedChart, ChartFile, ChartMetadata, ChartDependency } from './chart';
export { parseKubeVersion, defaultApiVersions, helmBuildInfo } from './objects';
export { isCompatibleRange, parseVersion, compareVersions } from './semver';
