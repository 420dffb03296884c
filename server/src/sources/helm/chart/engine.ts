/**
 * The Go template engine the chart renderer runs on (server/src/sources/helm/template).
 */
import type { TemplateError } from '../template/errors';
import type { ExecuteOptions, ExecuteResult, ParseSource, TemplateSetOptions } from '../template/template';
import type { GoValue } from '../template/values';

export interface TemplateSetLike {
  parse(name: string, text: string, source?: ParseSource): TemplateError | undefined;
  execute(name: string, data: GoValue | undefined, options?: ExecuteOptions): ExecuteResult;
}

export function createTemplateSet(options: TemplateSetOptions): TemplateSetLike {
  void options;
  const unavailable: TemplateError = { kind: 'exec', message: 'template: the template engine is not available', template: '', line: 0 };
  return {
    parse: () => undefined,
    execute: () => ({ ok: false, error: unavailable, output: { text: '', segments: [] } }),
  };
}
