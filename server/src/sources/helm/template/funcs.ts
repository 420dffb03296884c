/**
 * The function interface: what a template function (Go's `FuncMap` entry)
 * declares, receives and returns.
 *
 * A function declares its Go signature; the engine checks and converts the
 * arguments exactly as `text/template` does for a Go function of that
 * signature (literal constants become the parameter's type, other values must
 * be assignable: "wrong type for value; expected int; got float64"). It
 * receives the evaluated arguments — the pipeline's value, if any, last — and
 * returns a value, or throws a {@link GoError} (Go's non-nil `error` result;
 * the engine reports "error calling NAME: MESSAGE").
 *
 * Origins: by default the result is `computed` at the call expression. A
 * function that returns one of its arguments declares `origin: 'passthrough'`
 * and the argument's origin goes with it (`default`, `coalesce`, `required`);
 * a function that builds a string out of its arguments' text returns
 * `traced(value, origin)` with segments it computed from
 * `context.argOrigin(i)` (`quote`, `indent`, `toYaml`…; see `origin.ts`).
 */
import type { TemplateError } from './errors';
import type { MappedString, Origin, Place, ValueLocations } from './origin';
import type { Signature } from './types';
import type { GoValue } from './values';

/** What a function may return instead of a bare value: the value with its origin. */
export class Traced {
  declare readonly value: GoValue | undefined;
  declare readonly origin: Origin | undefined;
  constructor(value: GoValue | undefined, origin: Origin | undefined) {
    this.value = value;
    this.origin = origin;
  }
}

export function traced(value: GoValue | undefined, origin: Origin | undefined): Traced {
  return new Traced(value, origin);
}

/**
 * Go's `error` from a function (or a recovered panic). `message` is the error's
 * text; `cause` is the template error it wraps, when a function such as
 * `include` failed inside another template.
 */
export class GoError extends Error {
  constructor(
    message: string,
    readonly templateError?: TemplateError,
  ) {
    super(message);
    this.name = 'GoError';
  }
}

/** Executes templates for `include` and `tpl`, within the execution that calls them (same limits, same values side table). */
export interface Renderer {
  /**
   * Go's `ExecuteTemplate` on the executing template set: the named template
   * with `data` as dot. Throws a {@link GoError} whose message is Go's error
   * text (`template: no template "x" associated with template "gotpl"`, or the
   * exec error) with the {@link TemplateError} attached.
   */
  executeTemplate(name: string, data: GoValue | undefined, dataOrigin?: Origin): MappedString;
  /**
   * Parse `text` as template `name` into a clone of the executing set (its
   * `define`s are seen only by this execution and what it includes), then
   * execute it with `data` as dot. `textOrigin` tells where the text came
   * from, so the output's literal parts map back there. Throws a
   * {@link GoError} carrying the parse or exec error.
   */
  parseAndExecute(name: string, text: string, textOrigin: Origin | undefined, data: GoValue | undefined, dataOrigin?: Origin): MappedString;
}

export interface CallContext {
  /** The name the function was called by. */
  readonly name: string;
  /** The origin of argument `index` (in the order the function receives them). */
  argOrigin(index: number): Origin | undefined;
  /** The call expression in the template: the default origin of the result. */
  readonly site: Place;
  /** The side table of the values' locations (undefined when the caller gave none). */
  readonly locations: ValueLocations | undefined;
  /** Executes templates, for `include` and `tpl`. */
  readonly renderer: Renderer;
  /** Per-execution state for functions (e.g. `include`'s recursion counts); shared by nested executions of the same render. */
  readonly scratch: Map<unknown, unknown>;
}

/**
 * A template function. Arguments arrive as the parameter types declare:
 * a `types.any` parameter receives `null` for nil or no value; a
 * `types.reflectValue` parameter receives the value as it is, `undefined`
 * (no value) included.
 */
export interface FuncDef extends Signature {
  call(args: (GoValue | undefined)[], context: CallContext): GoValue | undefined | Traced;
  /** `computed` (default): the result maps to the call; `passthrough`: the result is one of the arguments and keeps its origin. */
  readonly origin?: 'computed' | 'passthrough';
}

/** Functions by name, as `template.FuncMap`. Names must be Go identifiers. */
export type FuncMap = Readonly<Record<string, FuncDef>>;

/** Shorthand for a function definition. */
export function defineFunc(signature: Signature, call: FuncDef['call'], origin?: FuncDef['origin']): FuncDef {
  return { ...signature, call, origin };
}
