/**
 * Template execution: Go's `text/template/exec.go` over the value model, with
 * an origin carried beside every value so the output has a source map.
 */
import type { SegmentOrigin } from '../../source-map';
import {
  basicValue,
  builtins,
  canBeNil,
  indirect,
  isTrue,
  methodCaller,
  prepareArg,
  reflectType,
  reflectValueString,
  specialBuiltins,
  truth,
} from './builtins';
import type { TemplateError } from './errors';
import { compareKeys, formatValue, sortedKeys, sprint } from './fmt';
import { GoError, Traced, type CallContext, type FuncDef, type Renderer } from './funcs';
import { isPlace, MappedBuilder, NO_VALUE, sliceSegments, type MappedString, type Origin, type Place, type ValueLocations } from './origin';
import {
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
  type IdentifierNode,
  type NumberNode,
  type PipeNode,
  StringNode,
  type TemplateNode,
  type VariableNode,
  type ArgNode,
  type Node,
  type Tree,
} from './parse';
import { isStackOverflow, quote } from './strconv';
import { assignableTo, implementsInterface, isIntKind, isUintKind, methodOf, pointerTo, types, type GoMethod, type GoType, type Signature } from './types';
import { GoFunc, GoMap, GoPointer, GoScalar, GoSlice, GoStruct, isPlainObject, typedScalar, typeOf, zeroValue, type GoValue } from './values';

export type MissingKeyAction = 'invalid' | 'zero' | 'error';

/** What the executor needs from the template set. */
export interface TemplateLookup {
  lookup(name: string): Tree | undefined;
  findFunction(name: string): { def: FuncDef; builtin: boolean } | undefined;
  readonly missingKey: MissingKeyAction;
  readonly rootName: string;
  /** Parse text into a clone of this set (for `tpl`); returns the clone or a template error. */
  parseInClone(
    name: string,
    text: string,
    origin: Origin | undefined,
  ): { set: TemplateLookup; tree: Tree; error?: undefined } | { error: TemplateError; set?: undefined; tree?: undefined };
}

/** State shared by an execution and every execution nested in it (`include`, `tpl`). */
export class Execution {
  declare steps: number;
  declare output: number;
  /** Nested template invocations and nested executions (`include`), against `maxDepth`. */
  declare nesting: number;
  declare readonly maxSteps: number;
  declare readonly maxOutput: number;
  declare readonly maxDepth: number;
  declare readonly locations: ValueLocations | undefined;
  declare readonly scratch: Map<unknown, unknown>;
  constructor(maxSteps: number, maxOutput: number, maxDepth: number, locations: ValueLocations | undefined, scratch: Map<unknown, unknown>) {
    this.steps = 0;
    this.output = 0;
    this.nesting = 0;
    this.maxSteps = maxSteps;
    this.maxOutput = maxOutput;
    this.maxDepth = maxDepth;
    this.locations = locations;
    this.scratch = scratch;
  }
}

/**
 * Go's `maxExecDepth` where the stack is small (Go uses 1000 on wasm, 100000
 * elsewhere): nested template invocations beyond it are an error, before the
 * JavaScript stack runs out.
 */
export const defaultMaxExecDepth = 1000;

/** An execution error (Go's `ExecError`) or a bound exceeded. */
export class ExecFailure extends Error {
  constructor(readonly error: TemplateError) {
    super(error.message);
  }
}

/** A bound that must stop every enclosing execution, not become a function's error. */
class LimitFailure extends ExecFailure {}

const breakSignal = { signal: 'break' };
const continueSignal = { signal: 'continue' };

/** The absent pipeline value (Go's `missingVal`). */
const MISSING: unique symbol = Symbol('missing');
type Final = GoValue | undefined | typeof MISSING;

interface Variable {
  name: string;
  value: GoValue | undefined;
  origin: Origin | undefined;
}

/** A callable: a function of the FuncMap or a method bound to its receiver. */
interface Callable {
  signature: Signature;
  invoke(args: (GoValue | undefined)[], context: CallContext): GoValue | undefined | Traced;
  origin?: 'computed' | 'passthrough';
}

/** The output of one execution, with its segments, within the execution's output bound. */
class Output {
  declare readonly builder: MappedBuilder;
  declare private readonly execution: Execution;
  constructor(execution: Execution) {
    this.builder = new MappedBuilder();
    this.execution = execution;
  }

  write(text: string, origin: Origin | undefined, onLimit: () => never): void {
    if (text.length === 0) return;
    this.execution.output += text.length;
    if (this.execution.output > this.execution.maxOutput) onLimit();
    this.builder.add(text, origin);
  }

  writeMapped(piece: MappedString, onLimit: () => never): void {
    if (piece.text.length === 0) return;
    this.execution.output += piece.text.length;
    if (this.execution.output > this.execution.maxOutput) onLimit();
    this.builder.addMapped(piece);
  }
}

function typeNameOf(value: GoValue | undefined): string {
  return reflectType(value)?.name ?? '<nil>';
}

export class State {
  declare node: Node | null;
  declare vars: Variable[];
  /** The origin of the value the last evaluation returned. */
  declare origin: Origin | undefined;
  declare private tmplName: string;
  declare private tree: Tree;
  declare private set: TemplateLookup;
  declare private readonly out: Output;
  declare readonly execution: Execution;

  constructor(tmplName: string, tree: Tree, set: TemplateLookup, out: Output, execution: Execution, dot: GoValue | undefined, dotOrigin: Origin | undefined) {
    this.node = null;
    this.origin = undefined;
    this.tmplName = tmplName;
    this.tree = tree;
    this.set = set;
    this.out = out;
    this.execution = execution;
    this.vars = [{ name: '$', value: dot, origin: dotOrigin }];
  }

  /** Run a template; the output or an ExecFailure. */
  static run(
    name: string,
    tree: Tree,
    set: TemplateLookup,
    execution: Execution,
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
  ): { output: MappedString; failure?: ExecFailure } {
    const out = new Output(execution);
    const state = new State(name, tree, set, out, execution, dot, dotOrigin);
    try {
      if (!tree.root) state.errorf(`${quote(name)} is an incomplete or empty template`);
      state.walk(dot, dotOrigin, tree.root as Node);
      return { output: out.builder.build() };
    } catch (error) {
      if (error instanceof ExecFailure) return { output: out.builder.build(), failure: error };
      if (isStackOverflow(error)) return { output: out.builder.build(), failure: state.stackFailure() };
      throw error;
    }
  }

  // Errors.

  errorf(message: string, cause?: TemplateError, kind: 'exec' | 'limit' = 'exec'): never {
    const name = this.tmplName;
    const node = this.node;
    const Failure = kind === 'limit' ? LimitFailure : ExecFailure;
    if (!node) {
      throw new Failure({ kind, message: `template: ${name}: ${message}`, template: name, file: this.tree.source?.file, line: 0, cause });
    }
    const context = node.tree.errorContext(node);
    throw new Failure({
      kind,
      message: `template: ${context.location}: executing ${quote(name)} at <${context.context}>: ${message}`,
      template: node.tree.parseName,
      file: node.tree.source?.file,
      line: context.line,
      column: context.column,
      offset: node.pos,
      cause,
    });
  }

  private limit(message: string): never {
    this.errorf(message, undefined, 'limit');
  }

  stackFailure(): ExecFailure {
    const message = 'template nesting exceeds the JavaScript stack';
    try {
      this.limit(message);
    } catch (error) {
      if (error instanceof ExecFailure) return error;
    }
    // Placing the error in its template takes stack too, and there was none left: it is still the limit, without its place.
    const name = this.tmplName;
    return new LimitFailure({ kind: 'limit', message: `template: ${name}: ${message}`, template: name, file: this.tree.source?.file, line: 0 });
  }

  private step(): void {
    if (++this.execution.steps > this.execution.maxSteps) this.limit(`exceeded the step limit (${this.execution.maxSteps})`);
  }

  private at(node: Node): void {
    this.node = node;
  }

  // Variables.

  private push(name: string, value: GoValue | undefined, origin: Origin | undefined): void {
    this.vars.push({ name, value, origin });
  }

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: GoValue | undefined, origin: Origin | undefined): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i] = { name, value, origin };
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: GoValue | undefined, origin: Origin | undefined): void {
    const v = this.vars[this.vars.length - n];
    this.vars[this.vars.length - n] = { name: v.name, value, origin };
  }

  private varValue(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    this.errorf(`undefined variable: ${name}`);
  }

  // Origins.

  /** The place of `[start, end)` of a tree's text, as `kind`. */
  private place(tree: Tree, start: number, end: number, kind: SegmentOrigin): Place | undefined {
    const source = tree.source;
    if (!source) return undefined;
    for (const s of source.segments) {
      if (start < s.outStart || start >= s.outEnd) continue;
      if (s.origin === 'text') {
        const from = s.srcStart + (start - s.outStart);
        const to = s.srcStart + (Math.min(end, s.outEnd) - s.outStart);
        return { file: s.file, start: from, end: to, origin: kind };
      }
      return { file: s.file, start: s.srcStart, end: s.srcEnd, origin: kind === 'text' ? 'value' : kind };
    }
    return undefined;
  }

  private nodePlace(node: Node, kind: SegmentOrigin): Place | undefined {
    return this.place(node.tree, node.start, node.span, kind);
  }

  private literalOrigin(node: ArgNode): Origin | undefined {
    if (node instanceof StringNode) {
      // Raw strings and strings without escapes are copied character for character.
      const exact = node.quoted[0] === '`' || !node.quoted.includes('\\');
      return exact ? this.place(node.tree, node.pos + 1, node.span - 1, 'text') : this.nodePlace(node, 'value');
    }
    return this.nodePlace(node, 'value');
  }

  private locationOf(container: object, key: string | number): Origin | undefined {
    return this.execution.locations?.get(container, key)?.value;
  }

  private keyLocationOf(container: object, key: string | number): Origin | undefined {
    return this.execution.locations?.get(container, key)?.key;
  }

  // Walking.

  walk(dot: GoValue | undefined, dotOrigin: Origin | undefined, node: Node): void {
    this.at(node);
    this.step();
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, dotOrigin, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, node.pipe, val, this.origin);
        return;
      }
      case 'break':
        throw breakSignal;
      case 'comment':
        return;
      case 'continue':
        throw continueSignal;
      case 'if':
      case 'with':
        this.walkIfOrWith(node, dot, dotOrigin);
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, dotOrigin, n);
        return;
      case 'range':
        this.walkRange(dot, dotOrigin, node);
        return;
      case 'template':
        this.walkTemplate(dot, dotOrigin, node);
        return;
      case 'text': {
        const source = node.tree.source;
        const segments = source ? sliceSegments(source.segments, node.pos, node.span) : undefined;
        this.out.write(node.text, segments, () => this.limit(`output exceeds the limit (${this.execution.maxOutput})`));
        return;
      }
      default:
        this.errorf(`unknown node: ${node.toString()}`);
    }
  }

  private walkIfOrWith(node: BranchNode, dot: GoValue | undefined, dotOrigin: Origin | undefined): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, dotOrigin, node.pipe);
      const valOrigin = this.origin;
      const { truth: t, ok } = isTrue(val === null ? undefined : val);
      if (!ok) this.errorf(`if/with can't use ${sprint([val ?? null])}`);
      if (t) {
        if (node.kind === 'with') this.walk(val, valOrigin, node.list);
        else this.walk(dot, dotOrigin, node.list);
      } else if (node.elseList) {
        this.walk(dot, dotOrigin, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: GoValue | undefined, dotOrigin: Origin | undefined, r: BranchNode): void {
    this.at(r);
    const outerMark = this.mark();
    try {
      const piped = this.evalPipeline(dot, dotOrigin, r.pipe);
      const val = indirect(piped).value;
      const decl = r.pipe.decl;
      const mark = this.mark();
      const oneIteration = (index: GoValue | undefined, indexOrigin: Origin | undefined, elem: GoValue | undefined, elemOrigin: Origin | undefined): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0].ident[0], index, indexOrigin);
            else this.setVar(decl[0].ident[0], elem, elemOrigin);
          } else this.setTopVar(1, elem, elemOrigin);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemOrigin);
          else this.setTopVar(2, index, indexOrigin);
        }
        try {
          this.walk(elem, elemOrigin, r.list);
        } catch (signal) {
          if (signal !== continueSignal) throw signal;
        } finally {
          this.pop(mark);
        }
      };
      try {
        if (val === undefined || val === null) {
          // An invalid value is likely a nil map, etc. and acts like an empty map.
        } else if (val instanceof GoScalar && typeof val.value === 'bigint' && (isIntKind(val.type.kind) || isUintKind(val.type.kind))) {
          if (decl.length > 1) this.errorf(`can't use ${sprint([val])} to iterate over more than one variable`);
          const n = val.value;
          if (n > 0n) {
            for (let i = 0n; i < n; i++) {
              this.step();
              oneIteration(undefined, undefined, typedScalar(val.type, i), undefined);
            }
            return;
          }
        } else if (Array.isArray(val) || val instanceof GoSlice) {
          const items = Array.isArray(val) ? val : (val.items ?? []);
          if (items.length > 0) {
            for (let i = 0; i < items.length; i++) {
              oneIteration(typedScalar(types.int, i), undefined, items[i], this.locationOf(val, i));
            }
            return;
          }
        } else if (isPlainObject(val)) {
          const keys = sortedKeys(val);
          if (keys.length > 0) {
            for (const key of keys) oneIteration(key, this.keyLocationOf(val, key), val[key], this.locationOf(val, key));
            return;
          }
        } else if (val instanceof GoMap) {
          if (val.size > 0) {
            const entries = [...(val.entries?.values() ?? [])].sort((a, b) => compareKeys(a.key, b.key));
            for (const entry of entries) {
              const key = typeof entry.key === 'string' ? entry.key : undefined;
              oneIteration(
                entry.key,
                key === undefined ? undefined : this.keyLocationOf(val, key),
                entry.value,
                key === undefined ? undefined : this.locationOf(val, key),
              );
            }
            return;
          }
        } else {
          this.errorf(`range can't iterate over ${sprint([val])}`);
        }
        if (r.elseList) this.walk(dot, dotOrigin, r.elseList);
      } catch (signal) {
        if (signal !== breakSignal) throw signal;
      }
    } finally {
      this.pop(outerMark);
    }
  }

  private walkTemplate(dot: GoValue | undefined, dotOrigin: Origin | undefined, t: TemplateNode): void {
    this.at(t);
    const tree = this.set.lookup(t.name);
    if (!tree) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.execution.nesting >= this.execution.maxDepth) this.limit(`exceeded maximum template depth (${this.execution.maxDepth})`);
    const newDot = this.evalPipeline(dot, dotOrigin, t.pipe);
    const newDotOrigin = this.origin;
    const saved = { tmplName: this.tmplName, tree: this.tree, vars: this.vars, node: this.node };
    this.execution.nesting++;
    this.tmplName = t.name;
    this.tree = tree;
    this.vars = [{ name: '$', value: newDot, origin: newDotOrigin }];
    try {
      if (!tree.root) this.errorf(`${quote(t.name)} is an incomplete or empty template`);
      this.walk(newDot, newDotOrigin, tree.root);
    } finally {
      this.execution.nesting--;
      this.tmplName = saved.tmplName;
      this.tree = saved.tree;
      this.vars = saved.vars;
      this.node = saved.node;
    }
  }

  // Evaluation.

  private evalPipeline(dot: GoValue | undefined, dotOrigin: Origin | undefined, pipe: PipeNode | null): GoValue | undefined {
    if (!pipe) {
      this.origin = undefined;
      return undefined;
    }
    this.at(pipe);
    let value: Final = MISSING;
    let origin: Origin | undefined = undefined;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, dotOrigin, cmd, value, origin, pipe);
      origin = this.origin;
      // An interface{} holding nil is no value once the pipeline has it.
      if (value === null) value = undefined;
    }
    const result = value as GoValue | undefined;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], result, origin);
      else this.push(variable.ident[0], result, origin);
    }
    this.origin = origin;
    return result;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${args[0].toString()}`);
  }

  private evalCommand(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    cmd: CommandNode,
    final: Final,
    finalOrigin: Origin | undefined,
    pipe: PipeNode,
  ): GoValue | undefined {
    this.step();
    const first = cmd.args[0];
    const site = this.callSite(cmd, final, pipe);
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, dotOrigin, first, cmd.args, final, finalOrigin, site);
      case 'chain':
        return this.evalChainNode(dot, dotOrigin, first, cmd.args, final, finalOrigin, site);
      case 'identifier':
        return this.evalFunction(dot, dotOrigin, first, cmd, cmd.args, final, finalOrigin, site);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, dotOrigin, first);
      case 'variable':
        return this.evalVariableNode(dot, dotOrigin, first, cmd.args, final, finalOrigin, site);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        this.origin = this.literalOrigin(first);
        return first.value;
      case 'dot':
        this.origin = dotOrigin;
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
        break;
      case 'number': {
        const v = this.idealConstant(first);
        this.origin = this.literalOrigin(first);
        return v;
      }
      case 'string':
        this.origin = this.literalOrigin(first);
        return first.text;
    }
    this.errorf(`can't evaluate command ${quote(first.toString())}`);
  }

  private callSite(cmd: CommandNode, final: Final, pipe: PipeNode): Place | undefined {
    const start = final === MISSING ? cmd.start : pipe.start;
    return this.place(cmd.tree, start, cmd.span, 'computed');
  }

  private idealConstant(constant: NumberNode): GoValue | undefined {
    this.at(constant);
    const text = constant.text;
    if (constant.isComplex) return new GoScalar(types.complex128, constant.complex);
    if (constant.isFloat && !isHexInt(text) && !isRuneInt(text) && /[.eEpP]/.test(text)) return constant.float64;
    if (constant.isInt) return typedScalar(types.int, constant.int64);
    if (constant.isUint) this.errorf(`${text} overflows int`);
    return undefined;
  }

  private evalFieldNode(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    field: FieldNode,
    args: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    this.at(field);
    return this.evalFieldChain(dot, dotOrigin, dot, dotOrigin, field, field.ident, args, final, finalOrigin, site);
  }

  private evalChainNode(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    chain: ChainNode,
    args: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${chain.toString()}`);
    const pipe = this.evalArg(dot, dotOrigin, undefined, chain.node);
    return this.evalFieldChain(dot, dotOrigin, pipe, this.origin, chain, chain.field, args, final, finalOrigin, site);
  }

  private evalVariableNode(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    variable: VariableNode,
    args: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    this.at(variable);
    const v = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      this.origin = v.origin;
      return v.value;
    }
    return this.evalFieldChain(dot, dotOrigin, v.value, v.origin, variable, variable.ident.slice(1), args, final, finalOrigin, site);
  }

  private evalFieldChain(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    receiver: GoValue | undefined,
    receiverOrigin: Origin | undefined,
    node: Node,
    ident: string[],
    args: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    const n = ident.length;
    let origin = receiverOrigin;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, dotOrigin, ident[i], node, [], MISSING, undefined, receiver, origin, site);
      origin = this.origin;
    }
    return this.evalField(dot, dotOrigin, ident[n - 1], node, args, final, finalOrigin, receiver, origin, site);
  }

  private evalFunction(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    node: IdentifierNode,
    cmd: Node,
    args: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    this.at(node);
    const name = node.ident;
    const found = this.set.findFunction(name);
    if (!found) this.errorf(`${quote(name)} is not a defined function`);
    const def = found.def;
    const callable: Callable = { signature: def, invoke: (a, c) => def.call(a, c), origin: def.origin };
    return this.evalCall(dot, dotOrigin, callable, found.builtin, cmd, name, args, final, finalOrigin, site ?? this.nodePlace(node, 'computed'));
  }

  private evalField(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    fieldName: string,
    node: Node,
    args: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    receiver: GoValue | undefined,
    receiverOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    if (receiver === undefined) {
      if (this.set.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(fieldName)}`);
      this.origin = undefined;
      return undefined;
    }
    const typ = typeNameOf(receiver);
    const { value: target, isNil, pointer } = indirect(receiver);
    const throughPointer = pointer !== undefined;
    if (target === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    // Methods: a pointer's method set includes its element's; an addressable value's too.
    const targetType = typeOf(target) as GoType;
    const methodHolder = isNil ? (typeOf(receiver) as GoType) : targetType;
    const addressable = throughPointer || target instanceof GoStruct;
    const method = methodHolder.methods || methodHolder.elem?.methods ? methodOf(methodHolder, fieldName, addressable) : undefined;
    if (method) {
      const bound = isNil ? receiver : method.pointerReceiver ? (pointer ?? new GoPointer(pointerTo(targetType), target)) : target;
      const callable: Callable = { signature: method.signature, invoke: (a, c) => method.call(bound as GoValue, a, c) };
      return this.evalCall(dot, dotOrigin, callable, false, node, fieldName, args, final, finalOrigin, site ?? this.nodePlace(node, 'computed'));
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    const t = target as GoValue;
    if (t instanceof GoStruct) {
      const field = t.type.fields?.find((f) => f.name === fieldName);
      if (field) {
        if (!isExported(fieldName)) this.errorf(`${fieldName} is an unexported field of struct type ${typ}`);
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        this.origin = this.locationOf(t, fieldName);
        return t.fields[fieldName];
      }
    } else if (isPlainObject(t)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const present = Object.prototype.hasOwnProperty.call(t, fieldName) && t[fieldName] !== undefined;
      if (present) {
        this.origin = this.locationOf(t, fieldName);
        return t[fieldName];
      }
      return this.missingKey(fieldName, types.any);
    } else if (t instanceof GoMap) {
      const keyType = t.type.key as GoType;
      if (assignableTo(types.string, keyType)) {
        if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
        const entry = t.get(keyType === types.string || keyType.kind === 'interface' ? fieldName : new GoScalar(keyType, fieldName));
        if (entry) {
          this.origin = this.locationOf(t, fieldName);
          return entry.value;
        }
        return this.missingKey(fieldName, t.type.elem as GoType);
      }
    } else if (t instanceof GoPointer && isNil) {
      const elem = t.type.elem;
      if (!(elem?.kind === 'struct' && !elem.fields?.some((f) => f.name === fieldName))) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private missingKey(fieldName: string, elem: GoType): GoValue | undefined {
    this.origin = undefined;
    switch (this.set.missingKey) {
      case 'invalid':
        return undefined;
      case 'zero':
        return zeroValue(elem);
      case 'error':
        this.errorf(`map has no entry for key ${quote(fieldName)}`);
    }
  }

  private evalCall(
    dot: GoValue | undefined,
    dotOrigin: Origin | undefined,
    fun: Callable,
    isBuiltin: boolean,
    node: Node,
    name: string,
    argNodes: ArgNode[],
    final: Final,
    finalOrigin: Origin | undefined,
    site: Place | undefined,
  ): GoValue | undefined {
    const args = argNodes.length > 0 ? argNodes.slice(1) : argNodes;
    const sig = fun.signature;
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    let numFixed = args.length;
    if (sig.variadic) {
      numFixed = sig.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${sig.params.length} got ${args.length}`);
    } else if (numIn !== sig.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);
    }
    const bad = goodFunc(name, sig);
    if (bad) this.errorf(bad);

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue | undefined = undefined;
      let origin: Origin | undefined = undefined;
      for (const arg of args) {
        v = this.evalArg(dot, dotOrigin, types.reflectValue, arg);
        origin = this.origin;
        if (truth(v) === (name === 'or')) {
          this.origin = origin;
          return v;
        }
      }
      if (final !== MISSING) {
        v = this.validateType(final, types.reflectValue);
        origin = finalOrigin;
      }
      this.origin = origin;
      return v;
    }

    const argv: (GoValue | undefined)[] = [];
    const origins: (Origin | undefined)[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) {
      argv.push(this.evalArg(dot, dotOrigin, sig.params[i], args[i]));
      origins.push(this.origin);
    }
    if (sig.variadic) {
      for (; i < args.length; i++) {
        argv.push(this.evalArg(dot, dotOrigin, sig.variadic, args[i]));
        origins.push(this.origin);
      }
    }
    if (final !== MISSING) {
      let t: GoType;
      if (sig.variadic) t = numIn - 1 < numFixed ? sig.params[numIn - 1] : sig.variadic;
      else t = sig.params[sig.params.length - 1];
      argv.push(this.validateType(final, t));
      origins.push(finalOrigin);
    }

    let invoke = fun.invoke;
    let callOrigins = origins;
    if (isBuiltin && name === 'call') {
      const calleeName = args.length === 0 ? reflectValueString(final === MISSING ? undefined : final) : args[0].toString();
      argv.unshift(calleeName);
      callOrigins = [undefined, ...origins];
      invoke = (a, c) => this.callBuiltin(a, c);
    }

    const context = this.callContext(name, callOrigins, site);
    let result: GoValue | undefined | Traced;
    try {
      result = invoke(argv, context);
    } catch (error) {
      if (error instanceof LimitFailure || isStackOverflow(error)) throw error;
      this.at(node);
      if (error instanceof GoError) this.errorf(`error calling ${name}: ${error.message}`, error.templateError);
      if (error instanceof ExecFailure) this.errorf(`error calling ${name}: ${error.message}`, error.error);
      this.errorf(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (result instanceof Traced) {
      this.origin = result.origin;
      return result.value;
    }
    if (fun.origin === 'passthrough') {
      const at = argv.lastIndexOf(result as GoValue);
      this.origin = at >= 0 ? callOrigins[at] : site;
    } else this.origin = site;
    return result;
  }

  /** Go's `call` builtin: `call FUNC ARGS...`. */
  private callBuiltin(argv: (GoValue | undefined)[], context: CallContext): GoValue | undefined | Traced {
    const name = argv[0] as string;
    const fn = argv[1] === null ? undefined : argv[1];
    const args = argv.slice(2);
    if (fn === undefined) throw new GoError('call of nil');
    if (!(fn instanceof GoFunc)) throw new GoError(`non-function ${name} of type ${typeNameOf(fn)}`);
    const sig = fn.type.signature as Signature;
    const bad = goodFunc(name, sig);
    if (bad) throw new GoError(bad);
    const numIn = sig.params.length;
    if (sig.variadic) {
      if (args.length < numIn) throw new GoError(`wrong number of args for ${name}: got ${args.length} want at least ${numIn}`);
    } else if (args.length !== numIn) {
      throw new GoError(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
    }
    const prepared = args.map((arg, i) => {
      const argType = !sig.variadic || i < numIn ? sig.params[i] : sig.variadic;
      try {
        return prepareArg(arg === null ? undefined : arg, argType);
      } catch (error) {
        throw new GoError(`arg ${i}: ${(error as Error).message}`);
      }
    });
    if (!fn.def) throw new GoError('reflect: call of nil function');
    return fn.def.call(prepared, context);
  }

  private callContext(name: string, origins: (Origin | undefined)[], site: Place | undefined): CallContext {
    const execution = this.execution;
    return {
      name,
      argOrigin: (i: number) => origins[i],
      site: site ?? { file: '', start: 0, end: 0, origin: 'computed' },
      locations: execution.locations,
      renderer: this.renderer(),
      scratch: execution.scratch,
    };
  }

  private renderer(): Renderer {
    const set = this.set;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the renderer's callbacks run later, against this execution's state
    const state = this;
    return {
      executeTemplate(name: string, data: GoValue | undefined, dataOrigin?: Origin): MappedString {
        const tree = set.lookup(name);
        if (!tree) throw new GoError(`template: no template ${quote(name)} associated with template ${quote(set.rootName)}`);
        return state.runNested(name, tree, set, data, dataOrigin);
      },
      parseAndExecute(name: string, text: string, textOrigin: Origin | undefined, data: GoValue | undefined, dataOrigin?: Origin): MappedString {
        const parsed = set.parseInClone(name, text, textOrigin);
        if (parsed.error) throw new GoError(parsed.error.message, parsed.error);
        return state.runNested(name, parsed.tree, parsed.set, data, dataOrigin);
      },
    };
  }

  /** A nested execution (`include`, `tpl`): its output, or its error as the calling function's error. */
  runNested(name: string, tree: Tree, set: TemplateLookup, data: GoValue | undefined, dataOrigin: Origin | undefined): MappedString {
    const execution = this.execution;
    if (execution.nesting >= execution.maxDepth) this.limit(`exceeded maximum template depth (${execution.maxDepth})`);
    execution.nesting++;
    try {
      const { output, failure } = State.run(name, tree, set, execution, data, dataOrigin);
      if (failure) {
        if (failure instanceof LimitFailure || failure.error.kind === 'limit') throw new LimitFailure(failure.error);
        throw new GoError(failure.message, failure.error);
      }
      return output;
    } finally {
      execution.nesting--;
    }
  }

  /** Go's `validateType`: the value checked (and dereferenced or addressed) for a parameter of type `typ`. */
  private validateType(value: GoValue | undefined, typ: GoType | undefined): GoValue | undefined {
    if (value === undefined) {
      if (typ === undefined) return undefined;
      if (canBeNil(typ)) return typ === types.reflectValue ? undefined : zeroValue(typ);
      this.errorf(`invalid value; expected ${typ.name}`);
    }
    if (typ === undefined || typ === types.reflectValue) return value;
    const vt = reflectType(value) as GoType;
    if (!assignableTo(vt, typ)) {
      if (value instanceof GoPointer && value.type.elem && assignableTo(value.type.elem, typ)) {
        if (value.target === undefined) this.errorf(`dereference of nil pointer of type ${typ.name}`);
        return value.target;
      }
      if (value instanceof GoStruct && assignableTo(pointerTo(vt), typ)) return new GoPointer(pointerTo(vt), value);
      this.errorf(`wrong type for value; expected ${typ.name}; got ${vt.name}`);
    }
    return value;
  }

  private evalArg(dot: GoValue | undefined, dotOrigin: Origin | undefined, typ: GoType | undefined, n: ArgNode): GoValue | undefined {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        this.origin = dotOrigin;
        return this.validateType(dot, typ);
      case 'nil':
        if (typ && canBeNil(typ)) {
          this.origin = undefined;
          return typ === types.reflectValue ? undefined : zeroValue(typ);
        }
        this.errorf(`cannot assign nil to ${typ?.name ?? '<nil>'}`);
        break;
      case 'field': {
        const v = this.evalFieldNode(dot, dotOrigin, n, [n], MISSING, undefined, undefined);
        return this.validateType(v, typ);
      }
      case 'variable': {
        const v = this.evalVariableNode(dot, dotOrigin, n, [], MISSING, undefined, undefined);
        return this.validateType(v, typ);
      }
      case 'pipe': {
        const v = this.evalPipeline(dot, dotOrigin, n);
        const origin = this.origin;
        const result = this.validateType(v, typ);
        this.origin = origin;
        return result;
      }
      case 'identifier': {
        const v = this.evalFunction(dot, dotOrigin, n, n, [], MISSING, undefined, undefined);
        return this.validateType(v, typ);
      }
      case 'chain': {
        const v = this.evalChainNode(dot, dotOrigin, n, [], MISSING, undefined, undefined);
        return this.validateType(v, typ);
      }
    }
    const t = typ as GoType;
    this.origin = this.literalOrigin(n);
    switch (t.kind) {
      case 'bool':
        if (n.kind === 'bool') return basicValue(t, n.value);
        this.errorf(`expected bool; found ${n.toString()}`);
        break;
      case 'complex64':
      case 'complex128':
        if (n.kind === 'number' && n.isComplex) return new GoScalar(t, n.complex);
        this.errorf(`expected complex; found ${n.toString()}`);
        break;
      case 'float32':
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return basicValue(t, n.float64);
        this.errorf(`expected float; found ${n.toString()}`);
        break;
      case 'int':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
        if (n.kind === 'number' && n.isInt) return typedScalar(t, n.int64);
        this.errorf(`expected integer; found ${n.toString()}`);
        break;
      case 'interface':
        if ((t.interfaceMethods ?? []).length === 0) return this.evalEmptyInterface(dot, dotOrigin, n);
        break;
      case 'struct':
        if (t === types.reflectValue) return this.evalEmptyInterface(dot, dotOrigin, n);
        break;
      case 'string':
        if (n.kind === 'string') return basicValue(t, n.text);
        this.errorf(`expected string; found ${n.toString()}`);
        break;
      case 'uint':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'uint64':
      case 'uintptr':
        if (n.kind === 'number' && n.isUint) return typedScalar(t, n.uint64);
        this.errorf(`expected unsigned integer; found ${n.toString()}`);
    }
    this.errorf(`can't handle ${n.toString()} for arg of type ${t.name}`);
  }

  private evalEmptyInterface(dot: GoValue | undefined, dotOrigin: Origin | undefined, n: ArgNode): GoValue | undefined {
    this.at(n);
    this.origin = this.literalOrigin(n);
    switch (n.kind) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${n.toString()} to empty interface argument`);
    return dot;
  }

  // Printing.

  private printValue(node: Node, pipe: PipeNode, value: GoValue | undefined, origin: Origin | undefined): void {
    this.at(node);
    const onLimit = (): never => this.limit(`output exceeds the limit (${this.execution.maxOutput})`);
    const site = this.place(pipe.tree, pipe.start, pipe.span, 'computed');
    let v = value;
    if (v instanceof GoPointer && v.target !== undefined && !hasPrintMethods(v)) v = indirect(v).value;
    if (v === undefined || v === null) {
      this.out.write(NO_VALUE, site, onLimit);
      return;
    }
    if (v instanceof GoStruct && !hasPrintMethods(v)) {
      const ptr = new GoPointer(pointerTo(v.type), v);
      if (hasPrintMethods(ptr)) v = ptr;
    }
    if ((v instanceof GoFunc || (typeOf(v) as GoType).kind === 'chan') && !hasPrintMethods(v)) {
      this.errorf(`can't print ${node.toString()} of type ${typeNameOf(v)}`);
    }
    const text = formatValue(v, (receiver, method) => methodCaller(this.callContext('String', [], site))(receiver, method));
    if (origin === undefined) {
      this.out.write(text, site, onLimit);
      return;
    }
    if (isPlace(origin) && (origin.origin === 'value' || origin.origin === 'text') && !isScalar(v)) {
      // A map or list printed whole is computed from its source, not copied.
      this.out.write(text, { ...origin, origin: 'computed' }, onLimit);
      return;
    }
    this.out.write(text, origin, onLimit);
  }
}

function isScalar(v: GoValue): boolean {
  return typeof v !== 'object' || v instanceof GoScalar;
}

function hasPrintMethods(v: GoValue): boolean {
  const type = typeOf(v);
  if (!type || !(type.methods || type.elem?.methods)) return false;
  return implementsInterface(type, types.error) || implementsInterface(type, types.stringer);
}

function isExported(name: string): boolean {
  const first = String.fromCodePoint(name.codePointAt(0) as number);
  return first !== first.toLowerCase() || /^\p{Lu}$/u.test(first);
}

function isRuneInt(s: string): boolean {
  return s.length > 0 && s[0] === "'";
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

/** Go's `goodFunc`: the message when a signature cannot be called from a template. */
function goodFunc(name: string, sig: Signature): string | undefined {
  const numOut = sig.results.length;
  if (numOut === 1) return undefined;
  if (numOut === 2 && sig.results[1] === types.error) return undefined;
  if (numOut === 2) return `invalid function signature for ${name}: second return value should be error; is ${sig.results[1].name}`;
  return `function ${name} has ${numOut} return values; should be 1 or 2`;
}

export { builtins, specialBuiltins };
export type { GoMethod };
