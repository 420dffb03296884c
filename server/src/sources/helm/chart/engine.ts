/**
 * The Go template engine the chart renderer runs on (server/src/sources/helm/template).
 */
import type { TemplateError } from '../template/errors';
import { type ExecuteOptions, type ExecuteResult, type ParseSource, TemplateSet, type TemplateSetOptions } from '../template/template';
import type { GoValue } from '../template/values';

export interface TemplateSetLike {
  parse(name: string, text: string, source?: ParseSource): TemplateError | undefined;
  execute(name: string, data: GoValue | undefined, options?: ExecuteOptions): ExecuteResult;
}

export function createTemplateSet(options: TemplateSetOptions): TemplateSetLike {
  return new TemplateSet(options);
}
