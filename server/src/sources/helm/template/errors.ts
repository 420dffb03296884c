/**
 * Template errors: Go's exact text in `message`, plus where it happened so the
 * chart pipeline can point at it (Helm rewrites the text; see its
 * `cleanupParseError` and `reformatExecErrorMsg`).
 */

export type TemplateErrorKind =
  /** `template: NAME:LINE: MESSAGE` */
  | 'parse'
  /** `template: NAME:LINE:COL: executing "NAME" at <CONTEXT>: MESSAGE`, or `template: NAME: MESSAGE` without a node */
  | 'exec'
  /** A bound the caller set (steps, output size, nesting the JavaScript stack cannot hold), worded like an exec error. */
  | 'limit';

export interface TemplateError {
  readonly kind: TemplateErrorKind;
  /** Go's error text. */
  readonly message: string;
  /** The template (parse name) the error is in. */
  readonly template: string;
  /** The source file of that template's text, when known. */
  readonly file?: string;
  /** 1-based line. */
  readonly line: number;
  /** 0-based column in bytes, as Go prints it (exec errors only). */
  readonly column?: number;
  /** UTF-16 offset in the template's text. */
  readonly offset?: number;
  /** The error a function returned that wrapped another template's error (`include`). */
  readonly cause?: TemplateError;
}
