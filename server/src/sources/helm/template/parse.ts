/**
 * The template parser: Go's `text/template/parse` (parse.go, node.go) with the
 * same trees, the same `String()` forms (used in exec error contexts) and the
 * same error texts. Nodes also record where they end, for the source map.
 */
import type { Segment } from '../../source-map';
import { isAlphaNumeric, ItemType, itemString, Lexer, type Item } from './lex';
import { parseFloat64, parseInt64, parseUint64, quote, unquote, unquoteChar, utf8Length } from './strconv';
import type { Complex } from './values';

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | PipeNode
  | ActionNode
  | CommandNode
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | EndNode
  | ElseNode
  | BranchNode
  | BreakNode
  | ContinueNode
  | TemplateNode;

/** Go's `textFormat`: `%s` normally, `%q` in Go's parse tests. */
export interface WriteOptions {
  quoteText: boolean;
}

const plain: WriteOptions = { quoteText: false };

// Fields are declared, not initialized: with the ES2022 class-field semantics
// every initialized field is a define, several times slower to construct.

abstract class BaseNode {
  declare readonly kind: string;
  /** The tree that parsed the node. */
  declare readonly tree: Tree;
  /** UTF-16 offset where the node starts in its tree's text (Go's position, used in error messages). */
  declare readonly pos: number;
  /** UTF-16 offset just past the node, where known (else `pos`). */
  declare end: number;
  /**
   * Where the node's text starts, when that is before `pos`: Go positions a
   * field chain such as `.Values.image` at its second field (errors show that
   * column), while the source map wants the whole expression.
   */
  declare textStart: number;
  constructor(tree: Tree, pos: number) {
    this.tree = tree;
    this.pos = pos;
    this.end = -1;
    this.textStart = -1;
  }
  get start(): number {
    return this.textStart >= 0 ? this.textStart : this.pos;
  }
  abstract writeTo(out: string[], options: WriteOptions): void;
  toString(options: WriteOptions = plain): string {
    const out: string[] = [];
    this.writeTo(out, options);
    return out.join('');
  }
  get span(): number {
    return this.end >= this.pos ? this.end : this.pos;
  }
}

export class ListNode extends BaseNode {
  declare readonly kind: 'list';
  declare readonly nodes: Node[];
  constructor(tree: Tree, pos: number) {
    super(tree, pos);
    this.nodes = [];
  }
  writeTo(out: string[], options: WriteOptions): void {
    for (const n of this.nodes) n.writeTo(out, options);
  }
}

export class TextNode extends BaseNode {
  declare readonly kind: 'text';
  declare readonly text: string;
  constructor(tree: Tree, pos: number, text: string) {
    super(tree, pos);
    this.text = text;
    this.end = pos + text.length;
  }
  writeTo(out: string[], options: WriteOptions): void {
    out.push(options.quoteText ? quote(this.text) : this.text);
  }
}

export class CommentNode extends BaseNode {
  declare readonly kind: 'comment';
  declare readonly text: string;
  constructor(tree: Tree, pos: number, text: string) {
    super(tree, pos);
    this.text = text;
  }
  writeTo(out: string[]): void {
    out.push(this.tree.leftDelim, this.text, this.tree.rightDelim);
  }
}

export class PipeNode extends BaseNode {
  declare readonly kind: 'pipe';
  declare isAssign: boolean;
  declare readonly decl: VariableNode[];
  declare readonly cmds: CommandNode[];
  /** For a parenthesized pipeline: the offset just past its `)`. */
  declare parenEnd: number;
  declare readonly line: number;
  constructor(tree: Tree, pos: number, line: number) {
    super(tree, pos);
    this.line = line;
    this.isAssign = false;
    this.decl = [];
    this.cmds = [];
    this.parenEnd = -1;
  }
  writeTo(out: string[], options: WriteOptions): void {
    if (this.decl.length > 0) {
      this.decl.forEach((v, i) => {
        if (i > 0) out.push(', ');
        v.writeTo(out);
      });
      out.push(this.isAssign ? ' = ' : ' := ');
    }
    this.cmds.forEach((c, i) => {
      if (i > 0) out.push(' | ');
      c.writeTo(out, options);
    });
  }
}

export class ActionNode extends BaseNode {
  declare readonly kind: 'action';
  declare readonly line: number;
  declare readonly pipe: PipeNode;
  constructor(tree: Tree, pos: number, line: number, pipe: PipeNode) {
    super(tree, pos);
    this.line = line;
    this.pipe = pipe;
  }
  writeTo(out: string[], options: WriteOptions): void {
    out.push(this.tree.leftDelim);
    this.pipe.writeTo(out, options);
    out.push(this.tree.rightDelim);
  }
}

export type ArgNode = IdentifierNode | VariableNode | DotNode | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode | PipeNode;

export class CommandNode extends BaseNode {
  declare readonly kind: 'command';
  declare readonly args: ArgNode[];
  constructor(tree: Tree, pos: number) {
    super(tree, pos);
    this.args = [];
  }
  writeTo(out: string[], options: WriteOptions): void {
    this.args.forEach((arg, i) => {
      if (i > 0) out.push(' ');
      if (arg instanceof PipeNode) {
        out.push('(');
        arg.writeTo(out, options);
        out.push(')');
        return;
      }
      arg.writeTo(out, options);
    });
  }
}

export class IdentifierNode extends BaseNode {
  declare readonly kind: 'identifier';
  declare readonly ident: string;
  constructor(tree: Tree, pos: number, ident: string) {
    super(tree, pos);
    this.ident = ident;
    this.end = pos + ident.length;
  }
  writeTo(out: string[]): void {
    out.push(this.ident);
  }
}

export class VariableNode extends BaseNode {
  declare readonly kind: 'variable';
  declare readonly ident: string[];
  constructor(tree: Tree, pos: number, ident: string) {
    super(tree, pos);
    this.ident = ident.split('.');
    this.end = pos + ident.length;
  }
  writeTo(out: string[]): void {
    out.push(this.ident.join('.'));
  }
}

export class DotNode extends BaseNode {
  declare readonly kind: 'dot';
  constructor(tree: Tree, pos: number) {
    super(tree, pos);
    this.end = pos + 1;
  }
  writeTo(out: string[]): void {
    out.push('.');
  }
}

export class NilNode extends BaseNode {
  declare readonly kind: 'nil';
  constructor(tree: Tree, pos: number) {
    super(tree, pos);
    this.end = pos + 3;
  }
  writeTo(out: string[]): void {
    out.push('nil');
  }
}

export class FieldNode extends BaseNode {
  declare readonly kind: 'field';
  declare readonly ident: string[];
  constructor(tree: Tree, pos: number, ident: string) {
    super(tree, pos);
    this.ident = ident.slice(1).split('.');
    this.end = pos + ident.length;
  }
  writeTo(out: string[]): void {
    for (const id of this.ident) out.push('.', id);
  }
}

export class ChainNode extends BaseNode {
  declare readonly kind: 'chain';
  declare readonly field: string[];
  declare readonly node: ArgNode;
  constructor(tree: Tree, pos: number, node: ArgNode) {
    super(tree, pos);
    this.node = node;
    this.field = [];
  }
  add(field: string): void {
    this.field.push(field.slice(1));
  }
  writeTo(out: string[], options: WriteOptions): void {
    if (this.node instanceof PipeNode) {
      out.push('(');
      this.node.writeTo(out, options);
      out.push(')');
    } else this.node.writeTo(out, options);
    for (const f of this.field) out.push('.', f);
  }
}

export class BoolNode extends BaseNode {
  declare readonly kind: 'bool';
  declare readonly value: boolean;
  constructor(tree: Tree, pos: number, value: boolean) {
    super(tree, pos);
    this.value = value;
    this.end = pos + (value ? 4 : 5);
  }
  writeTo(out: string[]): void {
    out.push(this.value ? 'true' : 'false');
  }
}

export class NumberNode extends BaseNode {
  declare readonly kind: 'number';
  declare isInt: boolean;
  declare isUint: boolean;
  declare isFloat: boolean;
  declare isComplex: boolean;
  declare int64: bigint;
  declare uint64: bigint;
  declare float64: number;
  declare complex: Complex;
  declare readonly text: string;
  constructor(tree: Tree, pos: number, text: string) {
    super(tree, pos);
    this.text = text;
    this.end = pos + text.length;
    this.isInt = false;
    this.isUint = false;
    this.isFloat = false;
    this.isComplex = false;
    this.int64 = 0n;
    this.uint64 = 0n;
    this.float64 = 0;
    this.complex = { re: 0, im: 0 };
  }
  writeTo(out: string[]): void {
    out.push(this.text);
  }
}

export class StringNode extends BaseNode {
  declare readonly kind: 'string';
  declare readonly quoted: string;
  declare readonly text: string;
  constructor(tree: Tree, pos: number, quoted: string, text: string) {
    super(tree, pos);
    this.quoted = quoted;
    this.text = text;
    this.end = pos + quoted.length;
  }
  writeTo(out: string[]): void {
    out.push(this.quoted);
  }
}

export class EndNode extends BaseNode {
  declare readonly kind: 'end';
  writeTo(out: string[]): void {
    out.push(this.tree.leftDelim, 'end', this.tree.rightDelim);
  }
}

export class ElseNode extends BaseNode {
  declare readonly kind: 'else';
  declare readonly line: number;
  constructor(tree: Tree, pos: number, line: number) {
    super(tree, pos);
    this.line = line;
  }
  writeTo(out: string[]): void {
    out.push(this.tree.leftDelim, 'else', this.tree.rightDelim);
  }
}

export class BranchNode extends BaseNode {
  declare readonly kind: 'if' | 'range' | 'with';
  declare readonly line: number;
  declare readonly pipe: PipeNode;
  declare readonly list: ListNode;
  declare readonly elseList: ListNode | null;
  constructor(kind: 'if' | 'range' | 'with', tree: Tree, pos: number, line: number, pipe: PipeNode, list: ListNode, elseList: ListNode | null) {
    super(tree, pos);
    this.kind = kind;
    this.line = line;
    this.pipe = pipe;
    this.list = list;
    this.elseList = elseList;
  }
  writeTo(out: string[], options: WriteOptions): void {
    out.push(this.tree.leftDelim, this.kind, ' ');
    this.pipe.writeTo(out, options);
    out.push(this.tree.rightDelim);
    this.list.writeTo(out, options);
    if (this.elseList) {
      out.push(this.tree.leftDelim, 'else', this.tree.rightDelim);
      this.elseList.writeTo(out, options);
    }
    out.push(this.tree.leftDelim, 'end', this.tree.rightDelim);
  }
}

export class BreakNode extends BaseNode {
  declare readonly kind: 'break';
  declare readonly line: number;
  constructor(tree: Tree, pos: number, line: number) {
    super(tree, pos);
    this.line = line;
  }
  writeTo(out: string[]): void {
    out.push(this.tree.leftDelim, 'break', this.tree.rightDelim);
  }
}

export class ContinueNode extends BaseNode {
  declare readonly kind: 'continue';
  declare readonly line: number;
  constructor(tree: Tree, pos: number, line: number) {
    super(tree, pos);
    this.line = line;
  }
  writeTo(out: string[]): void {
    out.push(this.tree.leftDelim, 'continue', this.tree.rightDelim);
  }
}

export class TemplateNode extends BaseNode {
  declare readonly kind: 'template';
  declare readonly line: number;
  declare readonly name: string;
  declare readonly pipe: PipeNode | null;
  constructor(tree: Tree, pos: number, line: number, name: string, pipe: PipeNode | null) {
    super(tree, pos);
    this.line = line;
    this.name = name;
    this.pipe = pipe;
  }
  writeTo(out: string[], options: WriteOptions): void {
    out.push(this.tree.leftDelim, 'template ', quote(this.name));
    if (this.pipe) {
      out.push(' ');
      this.pipe.writeTo(out, options);
    }
    out.push(this.tree.rightDelim);
  }
}

// The kinds live on the prototypes: one shared value per class, no per-node field.
const kinds: [{ prototype: object }, string][] = [
  [ListNode, 'list'],
  [TextNode, 'text'],
  [CommentNode, 'comment'],
  [PipeNode, 'pipe'],
  [ActionNode, 'action'],
  [CommandNode, 'command'],
  [IdentifierNode, 'identifier'],
  [VariableNode, 'variable'],
  [DotNode, 'dot'],
  [NilNode, 'nil'],
  [FieldNode, 'field'],
  [ChainNode, 'chain'],
  [BoolNode, 'bool'],
  [NumberNode, 'number'],
  [StringNode, 'string'],
  [EndNode, 'end'],
  [ElseNode, 'else'],
  [BreakNode, 'break'],
  [ContinueNode, 'continue'],
  [TemplateNode, 'template'],
];
for (const [cls, kind] of kinds) Object.defineProperty(cls.prototype, 'kind', { value: kind, writable: false });

/** Where a template's text came from: segments over the text (one `text` segment for a file). */
export interface TextSource {
  readonly file?: string;
  readonly segments: readonly Segment[];
}

/** A parse error; `message` is Go's full text (`template: NAME:LINE: …`). */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly pos: number,
  ) {
    super(message);
  }
}

export interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
  /** Whether a function of this name exists (Go checks at parse time: "function %q not defined"). */
  hasFunction: (name: string) => boolean;
  /** Go's `ParseComments` mode. */
  parseComments?: boolean;
  /** Go's `SkipFuncCheck` mode. */
  skipFuncCheck?: boolean;
  /** Go's `maxStackDepth` for parenthesized expressions. */
  maxStackDepth?: number;
}

export const defaultMaxStackDepth = 10000;

/** A parsed template: one `define` (or the top level) of a text. */
export class Tree {
  declare name: string;
  declare parseName: string;
  declare root: ListNode | null;
  declare text: string;
  declare leftDelim: string;
  declare rightDelim: string;
  /** Where the text came from, for the source map and errors. */
  declare source: TextSource | undefined;

  // Parsing state.
  declare private lex: Lexer | null;
  declare private token: Item[];
  declare private peekCount: number;
  declare private vars: string[];
  declare private treeSet: Map<string, Tree>;
  declare private actionLine: number;
  declare private rangeDepth: number;
  declare private stackDepth: number;
  declare private options: ParseOptions;

  constructor(name: string) {
    this.name = name;
    this.parseName = name;
    this.root = null;
    this.text = '';
    this.leftDelim = '{{';
    this.rightDelim = '}}';
    this.source = undefined;
    this.lex = null;
    this.token = [];
    this.peekCount = 0;
    this.vars = [];
    this.treeSet = new Map();
    this.actionLine = 0;
    this.rangeDepth = 0;
    this.stackDepth = 0;
    this.options = { hasFunction: () => false };
  }

  // Token handling.

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = (this.lex as Lexer).nextItem();
    return this.token[this.peekCount];
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = (this.lex as Lexer).nextItem();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === ItemType.Space);
    return token;
  }

  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // Errors.

  /** Go's `ErrorContext`: `NAME:LINE:COL` (column in bytes) and the node's text. */
  errorContext(node: Node): { location: string; context: string; line: number; column: number } {
    const pos = node.pos;
    const tree = node.tree ?? this;
    const text = tree.text.slice(0, pos);
    const lastNewline = text.lastIndexOf('\n');
    const column = lastNewline === -1 ? utf8Length(text) : utf8Length(text.slice(lastNewline + 1));
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
    return { location: `${tree.parseName}:${line}:${column}`, context: node.toString(), line, column };
  }

  private errorf(message: string): never {
    this.root = null;
    const token = this.token[0];
    const line = token?.line ?? 1;
    throw new ParseFailure(`template: ${this.parseName}:${line}: ${message}`, line, token?.pos ?? 0);
  }

  private expect(expected: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(expected1: ItemType, expected2: ItemType, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected1 && token.typ !== expected2) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === ItemType.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // Parsing.

  private startParse(options: ParseOptions, lex: Lexer, treeSet: Map<string, Tree>): void {
    this.root = null;
    this.lex = lex;
    this.vars = ['$'];
    this.options = options;
    this.treeSet = treeSet;
    this.stackDepth = 0;
    lex.options = {
      emitComment: options.parseComments === true,
      breakOK: !this.hasFunction('break'),
      continueOK: !this.hasFunction('continue'),
    };
  }

  private stopParse(): void {
    this.lex = null;
    this.vars = [];
    this.treeSet = new Map();
  }

  /** Go's `Tree.Parse`: parse `text`, adding this tree and every `define` to `treeSet`. Throws {@link ParseFailure}. */
  parse(text: string, treeSet: Map<string, Tree>, options: ParseOptions): void {
    this.parseName = this.name;
    this.leftDelim = options.leftDelim || '{{';
    this.rightDelim = options.rightDelim || '}}';
    const lexer = new Lexer(text, this.leftDelim, this.rightDelim);
    this.startParse(options, lexer, treeSet);
    this.text = text;
    try {
      this.parseBody();
      this.add();
    } finally {
      this.stopParse();
    }
  }

  private add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  private newChild(name: string): Tree {
    const child = new Tree(name);
    child.text = this.text;
    child.leftDelim = this.leftDelim;
    child.rightDelim = this.rightDelim;
    child.parseName = this.parseName;
    child.source = this.source;
    return child;
  }

  private parseBody(): void {
    this.root = new ListNode(this, this.peek().pos);
    while (this.peek().typ !== ItemType.EOF) {
      if (this.peek().typ === ItemType.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === ItemType.Define) {
          const child = this.newChild('definition');
          child.startParse(this.options, this.lex as Lexer, this.treeSet);
          child.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${n.toString()}`);
      else this.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(ItemType.String, ItemType.RawString, context);
    const unquoted = unquote(name.val);
    if (unquoted === null) this.errorf('invalid syntax');
    this.name = unquoted;
    this.expect(ItemType.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.kind !== 'end') this.errorf(`unexpected ${end.toString()} in ${context}`);
    this.add();
    this.stopParse();
  }

  private itemList(): [ListNode, Node] {
    const list = new ListNode(this, this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== ItemType.EOF) {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') {
        list.end = n.pos;
        return [list, n];
      }
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Text:
        return new TextNode(this, token.pos, token.val);
      case ItemType.LeftDelim: {
        this.actionLine = token.line;
        try {
          const action = this.action();
          return action;
        } finally {
          this.actionLine = 0;
        }
      }
      case ItemType.Comment:
        return new CommentNode(this, token.pos, token.val);
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
        return this.breakControl(token.pos, token.line);
      case ItemType.Continue:
        return this.continueControl(token.pos, token.line);
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return this.endControl();
      case ItemType.If:
        return this.branchControl('if');
      case ItemType.Range:
        return this.branchControl('range');
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.branchControl('with');
    }
    this.backup();
    const next = this.peek();
    const pipe = this.pipeline('command', ItemType.RightDelim);
    const action = new ActionNode(this, next.pos, next.line, pipe);
    action.end = pipe.end;
    return action;
  }

  private breakControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return new BreakNode(this, pos, line);
  }

  private continueControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return new ContinueNode(this, pos, line);
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const token = this.peekNonSpace();
    const pipe = new PipeNode(this, token.pos, token.line);
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === ItemType.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === ItemType.Assign || next.typ === ItemType.Declare) {
          pipe.isAssign = next.typ === ItemType.Assign;
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(this, v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === ItemType.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(this, v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const after = this.peekNonSpace().typ;
            if (after === ItemType.Variable || after === ItemType.RightDelim || after === ItemType.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === ItemType.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          pipe.end = pipe.cmds.length > 0 ? pipe.cmds[pipe.cmds.length - 1].span : pipe.pos;
          if (end === ItemType.RightParen) pipe.parenEnd = token.pos + 1;
          return pipe;
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const kind = c.args[0].kind;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private parseControl(context: 'if' | 'range' | 'with'): { pos: number; line: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null } {
    const varsMark = this.vars.length;
    try {
      const pipe = this.pipeline(context, ItemType.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, initialNext] = this.itemList();
      let next = initialNext;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        if (context === 'if' && this.peek().typ === ItemType.If) {
          this.next();
          elseList = new ListNode(this, next.pos);
          elseList.nodes.push(this.branchControl('if'));
        } else if (context === 'with' && this.peek().typ === ItemType.With) {
          this.next();
          elseList = new ListNode(this, next.pos);
          elseList.nodes.push(this.branchControl('with'));
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== 'end') this.errorf(`expected end; found ${next.toString()}`);
        }
      }
      return { pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = varsMark;
    }
  }

  private branchControl(kind: 'if' | 'range' | 'with'): BranchNode {
    const c = this.parseControl(kind);
    return new BranchNode(kind, this, c.pos, c.line, c.pipe, c.list, c.elseList);
  }

  private endControl(): Node {
    return new EndNode(this, this.expect(ItemType.RightDelim, 'end').pos);
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === ItemType.If || peek.typ === ItemType.With) return new ElseNode(this, peek.pos, peek.line);
    const token = this.expect(ItemType.RightDelim, 'else');
    return new ElseNode(this, token.pos, token.line);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, ItemType.RightDelim);
    const block = this.newChild(name);
    block.startParse(this.options, this.lex as Lexer, this.treeSet);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.kind !== 'end') this.errorf(`unexpected ${end.toString()} in ${context}`);
    block.add();
    block.stopParse();
    return new TemplateNode(this, token.pos, token.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== ItemType.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return new TemplateNode(this, token.pos, token.line, name, pipe);
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === ItemType.String || token.typ === ItemType.RawString) {
      const s = unquote(token.val);
      if (s === null) this.errorf('invalid syntax');
      return s;
    }
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this, this.peekNonSpace().pos);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === ItemType.Space) continue;
      if (token.typ === ItemType.RightDelim || token.typ === ItemType.RightParen) this.backup();
      else if (token.typ !== ItemType.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    const last = cmd.args[cmd.args.length - 1];
    cmd.end = last instanceof PipeNode && last.parenEnd >= 0 ? last.parenEnd : last.span;
    const first = cmd.args[0];
    if (first.start < cmd.pos) cmd.textStart = first.start;
    return cmd;
  }

  private operand(): ArgNode | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === ItemType.Field) {
      const chain = new ChainNode(this, this.peek().pos, node);
      let end = chain.pos;
      while (this.peek().typ === ItemType.Field) {
        const field = this.next();
        chain.add(field.val);
        end = field.pos + field.val.length;
      }
      chain.end = end;
      chain.textStart = node.start;
      switch (node.kind) {
        case 'field': {
          const field = new FieldNode(this, chain.pos, chain.toString());
          field.end = end;
          field.textStart = node.pos;
          node = field;
          break;
        }
        case 'variable': {
          const variable = new VariableNode(this, chain.pos, chain.toString());
          variable.end = end;
          variable.textStart = node.pos;
          node = variable;
          break;
        }
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quote(node.toString())}`);
          break;
        default:
          node = chain;
      }
    }
    return node;
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Identifier: {
        if (!this.options.skipFuncCheck && !this.hasFunction(token.val)) this.errorf(`function ${quote(token.val)} not defined`);
        return new IdentifierNode(this, token.pos, token.val);
      }
      case ItemType.Dot:
        return new DotNode(this, token.pos);
      case ItemType.Nil:
        return new NilNode(this, token.pos);
      case ItemType.Variable:
        return this.useVar(token.pos, token.val);
      case ItemType.Field:
        return new FieldNode(this, token.pos, token.val);
      case ItemType.Bool:
        return new BoolNode(this, token.pos, token.val === 'true');
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.newNumber(token.pos, token.val, token.typ);
      case ItemType.LeftParen: {
        if (this.stackDepth >= (this.options.maxStackDepth ?? defaultMaxStackDepth)) this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          const pipe = this.pipeline('parenthesized pipeline', ItemType.RightParen);
          return pipe;
        } finally {
          this.stackDepth--;
        }
      }
      case ItemType.String:
      case ItemType.RawString: {
        const s = unquote(token.val);
        if (s === null) this.errorf('invalid syntax');
        return new StringNode(this, token.pos, token.val, s);
      }
    }
    this.backup();
    return null;
  }

  private hasFunction(name: string): boolean {
    return this.options.hasFunction(name);
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = new VariableNode(this, pos, name);
    if (this.vars.includes(v.ident[0])) return v;
    this.errorf(`undefined variable ${quote(v.ident[0])}`);
  }

  newNumber(pos: number, text: string, typ: ItemType): NumberNode {
    const n = new NumberNode(this, pos, text);
    if (typ === ItemType.CharConstant) {
      const r = unquoteChar(text, 1, "'");
      if (!r) this.errorf('invalid syntax');
      if (text.slice(r.next) !== "'") this.errorf(`malformed character constant: ${text}`);
      n.int64 = BigInt(r.value);
      n.isInt = true;
      n.uint64 = BigInt(r.value);
      n.isUint = true;
      n.float64 = r.value;
      n.isFloat = true;
      return n;
    }
    if (typ === ItemType.Complex) {
      const c = parseComplex(text);
      if (!c) this.errorf(`expected integer`);
      n.isComplex = true;
      n.complex = c;
      simplifyComplex(n);
      return n;
    }
    if (text.length > 0 && text[text.length - 1] === 'i') {
      const f = parseFloat64(text.slice(0, -1));
      if (f !== null) {
        n.isComplex = true;
        n.complex = { re: 0, im: f };
        simplifyComplex(n);
        return n;
      }
    }
    const u = parseUint64(text);
    if (u !== null) {
      n.isUint = true;
      n.uint64 = u;
    }
    const i = parseInt64(text);
    if (i !== null) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = u ?? 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseFloat64(text);
      if (f !== null) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${quote(text)}`);
        n.isFloat = true;
        n.float64 = f;
        if (!n.isInt && fitsInt64(f)) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (!n.isUint && fitsUint64(f)) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${quote(text)}`);
    return n;
  }
}

function fitsInt64(f: number): boolean {
  return Number.isInteger(f) && f >= -9223372036854775808 && f < 9223372036854775808;
}

function fitsUint64(f: number): boolean {
  return Number.isInteger(f) && f >= 0 && f < 18446744073709551616;
}

function simplifyComplex(n: NumberNode): void {
  n.isFloat = n.complex.im === 0;
  if (n.isFloat) {
    n.float64 = n.complex.re;
    n.isInt = fitsInt64(n.float64);
    if (n.isInt) n.int64 = BigInt(n.float64);
    n.isUint = fitsUint64(n.float64);
    if (n.isUint) n.uint64 = BigInt(n.float64);
  }
}

/** `fmt.Sscan` of a complex constant such as `1+2i`. */
function parseComplex(text: string): Complex | null {
  const m = /^([+-]?(?:0[xX][0-9a-fA-F_.]*(?:[pP][+-]?[0-9_]+)?|[0-9_.]+(?:[eE][+-]?[0-9_]+)?))([+-].*)i$/.exec(text);
  if (!m) return null;
  const re = parseFloat64(m[1]);
  const im = parseFloat64(m[2]);
  if (re === null || im === null) return null;
  return { re, im };
}

/** Go's `IsEmptyTree`: only space text and comments. */
export function isEmptyTree(n: Node | null): boolean {
  if (n === null) return true;
  switch (n.kind) {
    case 'comment':
      return true;
    case 'list':
      return (n as ListNode).nodes.every((child) => isEmptyTree(child));
    case 'text':
      return (n as TextNode).text.trim() === '';
    default:
      return false;
  }
}

/**
 * Go's `parse.Parse`: the trees of `text` by name (the top level under
 * `name`, each `define` and `block` under its own). Throws {@link ParseFailure}.
 */
export function parseTrees(name: string, text: string, options: ParseOptions, source?: TextSource): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const tree = new Tree(name);
  tree.text = text;
  tree.source = source;
  tree.parse(text, treeSet, options);
  return treeSet;
}

/** Whether `name` is a valid function name (Go's `goodName`). */
export function goodName(name: string): boolean {
  if (name === '') return false;
  let first = true;
  for (const ch of name) {
    const r = ch.codePointAt(0) as number;
    if (r === 0x5f) {
      first = false;
      continue;
    }
    if (first && !/^\p{L}$/u.test(ch)) return false;
    if (!isAlphaNumeric(r)) return false;
    first = false;
  }
  return true;
}

/**
 * A number literal as the parser reads it (Go's `newNumber`), or the error:
 * for tests of the number syntax. Complex constants are those `fmt.Sscan`
 * reads as complex (`1+2i`), character constants start with a quote.
 */
export function parseNumberLiteral(text: string): NumberNode | Error {
  const typ = text[0] === "'" ? ItemType.CharConstant : parseComplex(text) ? ItemType.Complex : ItemType.Number;
  const tree = new Tree('number');
  try {
    return tree.newNumber(0, text, typ);
  } catch (error) {
    return error as Error;
  }
}
