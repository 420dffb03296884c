/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- loaded on first use, on purpose (below) */
/**
 * Helm and kustomize, loaded the first time a chart or an overlay is given:
 * `pod-lens analyze` of plain files, CI's usual call, never renders one, and
 * their modules (the template engine, sprig, kustomize) took about 150 ms to
 * load before every analysis.
 */
interface Renderers {
  sources: typeof import('../sources');
  report: typeof import('../sources/report');
  functions: typeof import('../sources/helm/functions');
}

let loaded: Renderers | null = null;

export function renderers(): Renderers {
  loaded ??= { sources: require('../sources'), report: require('../sources/report'), functions: require('../sources/helm/functions') };
  return loaded;
}
