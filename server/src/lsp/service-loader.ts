// The engine and the service load after `initialize` has been answered: the client waits for that answer, not for them.
export type Service = {
  analyses: typeof import('./fileAnalyses');
  hover: typeof import('../service/hover');
  codeLens: typeof import('../service/codeLens');
  codeActions: typeof import('../service/codeActions');
  diagnostics: typeof import('../service/diagnostics');
  simulate: typeof import('./simulateRequest');
  parallel: typeof import('../parallel');
  sources: typeof import('./source-features');
};
let service: Service | null = null;
export function loadService(): Service {
  service ??= {
    analyses: require('./fileAnalyses'),
    hover: require('../service/hover'),
    codeLens: require('../service/codeLens'),
    codeActions: require('../service/codeActions'),
    diagnostics: require('../service/diagnostics'),
    simulate: require('./simulateRequest'),
    parallel: require('../parallel'),
    sources: require('./source-features'),
  };
  return service;
}
