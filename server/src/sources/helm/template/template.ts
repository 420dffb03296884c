/**
 * A set of associated templates, as Go's `*template.Template` with its
 * `common` namespace: every `Parse` adds the templates its text defines, a
 * later definition replaces an earlier one (an empty body never replaces),
 * `ExecuteTemplate` runs one by name.
 */
import type { TemplateError } from './errors';
import type { FuncMap } from './funcs';
import type { MappedString, Origin, ValueLocations } from './origin';

/** Go's `missingkey` option: `invalid` (Go's default: no value), `zero` (Helm's), `error` (Helm's `--strict`). */
export type MissingKey = 'invalid' | 'zero' | 'error';

export interface TemplateSetOptions {
  /** Functions added to Go's builtins (a function of the same name replaces a builtin, as in Go). */
  funcs?: FuncMap;
  missingKey?: MissingKey;
  leftDelim?: string;
  rightDelim?: string;
  /** The name of the set's root template, used in Go's "no template associated with template" error (Helm: `gotpl`). */
  rootName?: string;
}

export interface ParseSource {
  /** The file the text came from, for the source map (e.g. `templates/deployment.yaml`). */
  file?: string;
  /** Where the text itself came from when it is not a file (a string `tpl` parses). */
  origin?: Origin;
}

export interface ExecuteOptions {
  /** Where the values tree's entries were written. */
  locations?: ValueLocations;
  /** The origin of the data (dot) itself. */
  dataOrigin?: Origin;
  /** Bound on evaluation steps (each node walked, each command evaluated); exceeding it is a `limit` error. */
  maxSteps?: number;
  /** Bound on output size in UTF-16 units, counted over every template executed (includes too). */
  maxOutput?: number;
  /** Bound on nested template invocations (Go: 100000; lower bounds hold on small stacks). */
  maxDepth?: number;
  /** Per-execution state shared with functions (a fresh map when absent). */
  scratch?: Map<unknown, unknown>;
}

/** The result of an execution: the output with its source map, or the error and the output written before it. */
export type ExecuteResult = { ok: true; output: MappedString } | { ok: false; error: TemplateError; output: MappedString };
