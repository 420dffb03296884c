/**
 * The template lexer: Go's `text/template/parse/lex.go` state machine, on
 * UTF-16 offsets. Items are produced on demand, one per call.
 */
import { quote } from './strconv';

export enum ItemType {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords follow.
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Item {
  typ: ItemType;
  /** UTF-16 offset of the item in the input. */
  pos: number;
  val: string;
  /** 1-based line at the start of the item. */
  line: number;
}

const keywords: Record<string, ItemType> = {
  '.': ItemType.Dot,
  block: ItemType.Block,
  break: ItemType.Break,
  continue: ItemType.Continue,
  define: ItemType.Define,
  else: ItemType.Else,
  end: ItemType.End,
  if: ItemType.If,
  range: ItemType.Range,
  nil: ItemType.Nil,
  template: ItemType.Template,
  with: ItemType.With,
};

/** Go's `%.10q`: at most 10 runes, quoted. */
function quotePrefix(s: string): string {
  const runes = [...s];
  return quote(runes.slice(0, 10).join(''));
}

/** How Go prints an item in parse errors (`unexpected "}" in operand`, `unexpected <end> in command`). */
export function itemString(item: Item): string {
  if (item.typ === ItemType.EOF) return 'EOF';
  if (item.typ === ItemType.Error) return item.val;
  if (item.typ > ItemType.Keyword) return `<${item.val}>`;
  if ([...item.val].length > 10) return quotePrefix(item.val) + '...';
  return quote(item.val);
}

const EOF = -1;
const spaceChars = ' \t\r\n';
const letter = /^[\p{L}]$/u;
const digit = /^\p{Nd}$/u;

export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

export function isAlphaNumeric(r: number): boolean {
  if (r === 0x5f) return true;
  if (r < 0x80) return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  if (r === EOF) return false;
  const ch = String.fromCodePoint(r);
  return letter.test(ch) || digit.test(ch);
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && s[at] === '-' && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return s.length - at >= 2 && isSpace(s.charCodeAt(at)) && s[at + 1] === '-';
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

type StateFn = ((l: Lexer) => StateFn) | null;

export interface LexOptions {
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

const leftComment = '/*';
const rightComment = '*/';

export class Lexer {
  declare pos: number;
  declare start: number;
  declare atEOF: boolean;
  declare parenDepth: number;
  declare line: number;
  declare startLine: number;
  declare item: Item;
  declare insideAction: boolean;
  declare options: LexOptions;
  declare input: string;
  declare readonly leftDelim: string;
  declare readonly rightDelim: string;

  constructor(input: string, leftDelim: string, rightDelim: string) {
    this.input = input;
    this.leftDelim = leftDelim;
    this.rightDelim = rightDelim;
    this.pos = 0;
    this.start = 0;
    this.atEOF = false;
    this.parenDepth = 0;
    this.line = 1;
    this.startLine = 1;
    this.item = { typ: ItemType.EOF, pos: 0, val: 'EOF', line: 1 };
    this.insideAction = false;
    this.options = { emitComment: false, breakOK: true, continueOK: true };
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      const low = this.input.charCodeAt(this.pos - 1);
      const width = (low & 0xfc00) === 0xdc00 && this.pos > 1 && (this.input.charCodeAt(this.pos - 2) & 0xfc00) === 0xd800 ? 2 : 1;
      this.pos -= width;
      if (low === 0x0a) this.line--;
    }
  }

  thisItem(typ: ItemType): Item {
    const item = { typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return item;
  }

  emit(typ: ItemType): StateFn {
    return this.emitItem(this.thisItem(typ));
  }

  emitItem(item: Item): StateFn {
    this.item = item;
    return null;
  }

  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  errorf(message: string): StateFn {
    this.item = { typ: ItemType.Error, pos: this.start, val: message, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = '';
    return null;
  }

  nextItem(): Item {
    this.item = { typ: ItemType.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state) state = state(this);
    return this.item;
  }

  atRightDelim(): { delim: boolean; trimSpaces: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(this.rightDelim, this.pos + 2)) return { delim: true, trimSpaces: true };
    if (this.input.startsWith(this.rightDelim, this.pos)) return { delim: true, trimSpaces: false };
    return { delim: false, trimSpaces: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }

  scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 16 + 6 + 1 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }
}

/** Go's `%#U`: `U+0041 'A'`. */
function formatRune(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${String.fromCodePoint(r)}'`;
}

function formatRuneNoQuote(r: number): string {
  return `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
}

function lexText(l: Lexer): StateFn {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    if (x > l.pos) {
      l.pos = x;
      let trimLength = 0;
      const delimEnd = l.pos + l.leftDelim.length;
      if (hasLeftTrimMarker(l.input, delimEnd)) {
        const text = l.input.slice(l.start, l.pos);
        trimLength = text.length - text.replace(/[ \t\r\n]+$/, '').length;
      }
      l.pos -= trimLength;
      l.line += countNewlines(l.input, l.start, l.pos);
      const item = l.thisItem(ItemType.Text);
      l.pos += trimLength;
      l.ignore();
      if (item.val.length > 0) return l.emitItem(item);
    }
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    return l.emit(ItemType.Text);
  }
  return l.emit(ItemType.EOF);
}

function lexLeftDelim(l: Lexer): StateFn {
  l.pos += l.leftDelim.length;
  const trimSpace = hasLeftTrimMarker(l.input, l.pos);
  const afterMarker = trimSpace ? 2 : 0;
  if (l.input.startsWith(leftComment, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  const item = l.thisItem(ItemType.LeftDelim);
  l.insideAction = true;
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return l.emitItem(item);
}

function lexComment(l: Lexer): StateFn {
  l.pos += leftComment.length;
  const x = l.input.indexOf(rightComment, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.pos = x + rightComment.length;
  const { delim, trimSpaces } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  l.line += countNewlines(l.input, l.start, l.pos);
  const item = l.thisItem(ItemType.Comment);
  if (trimSpaces) l.pos += 2;
  l.pos += l.rightDelim.length;
  if (trimSpaces) l.pos += leftTrimLength(l.input, l.pos);
  l.ignore();
  if (l.options.emitComment) return l.emitItem(item);
  return lexText;
}

function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && spaceChars.includes(s[i])) i++;
  return i - from;
}

function lexRightDelim(l: Lexer): StateFn {
  const { trimSpaces } = l.atRightDelim();
  if (trimSpaces) {
    l.pos += 2;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  const item = l.thisItem(ItemType.RightDelim);
  if (trimSpaces) {
    l.pos += leftTrimLength(l.input, l.pos);
    l.ignore();
  }
  l.insideAction = false;
  return l.emitItem(item);
}

function lexInsideAction(l: Lexer): StateFn {
  const { delim } = l.atRightDelim();
  if (delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup();
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      return l.emit(ItemType.Assign);
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      return l.emit(ItemType.Declare);
    case 0x7c: // |
      return l.emit(ItemType.Pipe);
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.parenDepth++;
      return l.emit(ItemType.LeftParen);
    case 0x29: // )
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return l.emit(ItemType.RightParen);
  }
  if (r === 0x2e) {
    // ".field" or a number starting with '.'.
    if (l.pos < l.input.length) {
      const c = l.input.charCodeAt(l.pos);
      if (c < 0x30 || c > 0x39) return lexField;
    }
    l.backup();
    return lexNumber;
  }
  if (r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r <= 0x7f && r >= 0x20 && r < 0x7f) return l.emit(ItemType.Char);
  return l.errorf(
    `unrecognized character in action: ${r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && isPrintable(r) ? formatRune(r) : formatRuneNoQuote(r)}`,
  );
}

function isPrintable(r: number): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(r)) || r === 0x20;
}

function lexSpace(l: Lexer): StateFn {
  let numSpaces = 0;
  for (;;) {
    const r = l.peek();
    if (!isSpace(r)) break;
    l.next();
    numSpaces++;
  }
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos - 1 + 2)) {
    l.backup();
    if (numSpaces === 1) return lexRightDelim;
  }
  return l.emit(ItemType.Space);
}

function badCharacter(l: Lexer, r: number): StateFn {
  return l.errorf(`bad character ${r === EOF ? 'U+FFFFFFFFFFFFFFFF' : isPrintable(r) ? formatRune(r) : formatRuneNoQuote(r)}`);
}

function lexIdentifier(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (isAlphaNumeric(r)) continue;
    l.backup();
    const word = l.input.slice(l.start, l.pos);
    if (!l.atTerminator()) return badCharacter(l, r);
    const keyword = Object.prototype.hasOwnProperty.call(keywords, word) ? keywords[word] : undefined;
    if (keyword !== undefined && keyword > ItemType.Keyword) {
      if ((keyword === ItemType.Break && !l.options.breakOK) || (keyword === ItemType.Continue && !l.options.continueOK)) return l.emit(ItemType.Identifier);
      return l.emit(keyword);
    }
    if (word[0] === '.') return l.emit(ItemType.Field);
    if (word === 'true' || word === 'false') return l.emit(ItemType.Bool);
    return l.emit(ItemType.Identifier);
  }
}

function lexField(l: Lexer): StateFn {
  return lexFieldOrVariable(l, ItemType.Field);
}

function lexVariable(l: Lexer): StateFn {
  if (l.atTerminator()) return l.emit(ItemType.Variable);
  return lexFieldOrVariable(l, ItemType.Variable);
}

function lexFieldOrVariable(l: Lexer, typ: ItemType): StateFn {
  if (l.atTerminator()) {
    if (typ === ItemType.Variable) return l.emit(ItemType.Variable);
    return l.emit(ItemType.Dot);
  }
  let r: number;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) {
      l.backup();
      break;
    }
  }
  if (!l.atTerminator()) return badCharacter(l, r);
  return l.emit(typ);
}

function lexChar(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf('unterminated character constant');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  return l.emit(ItemType.CharConstant);
}

function lexNumber(l: Lexer): StateFn {
  if (!l.scanNumber()) return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!l.scanNumber() || l.input[l.pos - 1] !== 'i') return l.errorf(`bad number syntax: ${quote(l.input.slice(l.start, l.pos))}`);
    return l.emit(ItemType.Complex);
  }
  return l.emit(ItemType.Number);
}

function lexQuote(l: Lexer): StateFn {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
      return l.errorf('unterminated quoted string');
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  return l.emit(ItemType.String);
}

function lexRawQuote(l: Lexer): StateFn {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  return l.emit(ItemType.RawString);
}
