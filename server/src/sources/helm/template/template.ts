/**
 * A set of associated templates, as Go's `*template.Template` with its
 * `common` namespace: every `Parse` adds the templates its text defines, a
 * later definition replaces an earlier one (an empty body never replaces),
 * `ExecuteTemplate` runs one by name.
 */
import { builtins } from './builtins';
import type { TemplateError } from './errors';
import { defaultMaxExecDepth, Execution, State, type TemplateLookup } from './exec';
import type { FuncDef, FuncMap } from './funcs';
import { isPlace, segmentsFor, type MappedString, type Origin, type ValueLocations } from './origin';
import { isEmptyTree, ParseFailure, parseTrees, type TextSource, type Tree } from './parse';
import { isStackOverflow, quote } from './strconv';
import type { GoValue } from './values';

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

const defaultMaxSteps = 10_000_000;
const defaultMaxOutput = 1 << 26;

const funcMapIds = new WeakMap<object, number>();
let nextFuncMapId = 1;

function funcMapId(funcs: FuncMap | undefined): number {
  if (!funcs) return 0;
  let id = funcMapIds.get(funcs);
  if (id === undefined) {
    id = nextFuncMapId++;
    funcMapIds.set(funcs, id);
  }
  return id;
}

/** Parsed trees by (functions, delimiters, name, file, text): parsing an unchanged file again is a lookup. */
const parseCache = new Map<string, ReadonlyMap<string, Tree> | TemplateError>();
const parseCacheLimit = 2000;

function remember(key: string, value: ReadonlyMap<string, Tree> | TemplateError): void {
  if (parseCache.size >= parseCacheLimit) {
    const oldest = parseCache.keys().next().value;
    if (oldest !== undefined) parseCache.delete(oldest);
  }
  parseCache.set(key, value);
}

function isTemplateError(value: ReadonlyMap<string, Tree> | TemplateError): value is TemplateError {
  return !(value instanceof Map);
}

export class TemplateSet implements TemplateLookup {
  private readonly own = new Map<string, Tree>();
  readonly funcs: FuncMap;
  readonly missingKey: MissingKey;
  readonly rootName: string;
  readonly leftDelim: string;
  readonly rightDelim: string;

  constructor(
    readonly options: TemplateSetOptions = {},
    private readonly parent?: TemplateSet,
  ) {
    this.funcs = options.funcs ?? {};
    this.missingKey = options.missingKey ?? 'invalid';
    this.rootName = options.rootName ?? '';
    this.leftDelim = options.leftDelim || '{{';
    this.rightDelim = options.rightDelim || '}}';
  }

  /** The tree of a template by name (Go's `Lookup`). */
  lookup(name: string): Tree | undefined {
    return this.own.get(name) ?? this.parent?.lookup(name);
  }

  has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /** Every template name, sorted. */
  names(): string[] {
    const names = new Set(this.parent?.names());
    for (const name of this.own.keys()) names.add(name);
    return [...names].sort();
  }

  findFunction(name: string): { def: FuncDef; builtin: boolean } | undefined {
    if (Object.prototype.hasOwnProperty.call(this.funcs, name)) return { def: this.funcs[name], builtin: false };
    if (Object.prototype.hasOwnProperty.call(builtins, name)) return { def: builtins[name], builtin: true };
    return undefined;
  }

  private hasFunction = (name: string): boolean => this.findFunction(name) !== undefined;

  /** Go's `t.New(name).Parse(text)`: add the templates `text` defines. Returns the parse error, if any. */
  parse(name: string, text: string, source: ParseSource = {}): TemplateError | undefined {
    let textSource: TextSource | undefined;
    if (source.origin !== undefined)
      textSource = { file: isPlace(source.origin) ? source.origin.file : undefined, segments: segmentsFor(source.origin, text.length) };
    else if (source.file !== undefined)
      textSource = {
        file: source.file,
        segments: text.length ? [{ outStart: 0, outEnd: text.length, file: source.file, srcStart: 0, srcEnd: text.length, origin: 'text' }] : [],
      };
    // Text with an origin (what `tpl` parses, from a values string) is keyed by where it came from too:
    // its trees carry positions mapped there. A chart calls `tpl` on the same values at every render.
    const place = source.origin !== undefined ? JSON.stringify(textSource?.segments ?? []) : (source.file ?? '');
    const key = `${funcMapId(this.options.funcs)}\0${this.leftDelim}\0${this.rightDelim}\0${name}\0${place}\0${text}`;
    let trees = parseCache.get(key);
    if (trees === undefined) {
      trees = this.parseUncached(name, text, textSource);
      remember(key, trees);
    }
    if (isTemplateError(trees)) return trees;
    for (const [treeName, tree] of trees) this.addParseTree(treeName, tree);
    return undefined;
  }

  private parseUncached(name: string, text: string, source: TextSource | undefined): ReadonlyMap<string, Tree> | TemplateError {
    try {
      return parseTrees(name, text, { leftDelim: this.leftDelim, rightDelim: this.rightDelim, hasFunction: this.hasFunction }, source);
    } catch (error) {
      if (error instanceof ParseFailure) {
        return { kind: 'parse', message: error.message, template: name, file: source?.file, line: error.line, offset: error.pos };
      }
      if (isStackOverflow(error)) {
        return { kind: 'limit', message: `template: ${name}:1: nesting too deep for the JavaScript stack`, template: name, file: source?.file, line: 1 };
      }
      throw error;
    }
  }

  /** Go's `AddParseTree` with `associate`: an empty body never replaces a template that has one. */
  addParseTree(name: string, tree: Tree): void {
    const old = this.lookup(name);
    if (old && isEmptyTree(tree.root) && old.root) return;
    this.own.set(name, tree);
  }

  /** Go's `Clone`, as an overlay: templates parsed into the clone are seen only through it. */
  clone(): TemplateSet {
    return new TemplateSet(this.options, this);
  }

  parseInClone(name: string, text: string, origin: Origin | undefined): { set: TemplateLookup; error?: undefined } | { error: TemplateError; set?: undefined } {
    const clone = this.clone();
    const error = clone.parse(name, text, { origin });
    return error ? { error } : { set: clone };
  }

  /** Go's `ExecuteTemplate`. Never throws. */
  execute(name: string, data: GoValue | undefined, options: ExecuteOptions = {}): ExecuteResult {
    const execution = new Execution(
      options.maxSteps ?? defaultMaxSteps,
      options.maxOutput ?? defaultMaxOutput,
      options.maxDepth ?? defaultMaxExecDepth,
      options.locations,
      options.scratch ?? new Map(),
    );
    const tree = this.lookup(name);
    if (!tree) {
      const message = `template: no template ${quote(name)} associated with template ${quote(this.rootName)}`;
      return { ok: false, error: { kind: 'exec', message, template: name, line: 0 }, output: { text: '', segments: [] } };
    }
    const { output, failure } = State.run(name, tree, this, execution, data, options.dataOrigin);
    if (failure) return { ok: false, error: failure.error, output };
    return { ok: true, output };
  }
}
