import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

/**
 * Malformed parameters are the client's mistake: the checks that let handlers
 * answer InvalidParams instead of failing with an internal error, and let
 * notifications be logged and ignored before they leave half-made state.
 */

export const isRange = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && isPosition((value as { start?: unknown }).start) && isPosition((value as { end?: unknown }).end);

export const isContentChange = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { text?: unknown }).text === 'string' &&
  ((value as { range?: unknown }).range == null || isRange((value as { range?: unknown }).range));

export const isCodeActionContext = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const { diagnostics, only } = value as { diagnostics?: unknown; only?: unknown };
  return (
    Array.isArray(diagnostics) &&
    diagnostics.every((d) => typeof d === 'object' && d !== null && isRange((d as { range?: unknown }).range)) &&
    (only === undefined || only === null || (Array.isArray(only) && only.every((kind) => typeof kind === 'string')))
  );
};

export const isPosition = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Number.isFinite((value as { line?: unknown }).line) &&
  Number.isFinite((value as { character?: unknown }).character);

/**
 * Malformed parameters are the client's mistake: say so with InvalidParams
 * instead of letting a handler fail with an internal error.
 */
export function paramsProblem(params: unknown, needs: { position?: boolean; range?: boolean; context?: boolean }): ResponseError<void> | null {
  const record = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const textDocument = record.textDocument as { uri?: unknown } | undefined;
  if (typeof textDocument !== 'object' || textDocument === null || typeof textDocument.uri !== 'string') {
    return new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri must be a string');
  }
  if (needs.position && !isPosition(record.position)) {
    return new ResponseError(ErrorCodes.InvalidParams, 'position must be { line, character } numbers');
  }
  if (needs.range && !isRange(record.range)) {
    return new ResponseError(ErrorCodes.InvalidParams, 'range must be { start, end } positions');
  }
  if (needs.context && !isCodeActionContext(record.context)) {
    return new ResponseError(ErrorCodes.InvalidParams, 'context must be { diagnostics: Diagnostic[], only?: string[] }');
  }
  return null;
}
