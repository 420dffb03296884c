/**
 * The tokens go-yaml v2 (sigs.k8s.io/yaml/goyaml.v2, a port of libyaml) reads
 * from a YAML document, with its rules exactly: which text it accepts, where it
 * stops, and the message it gives. kubectl decodes every YAML document of a
 * file with it, and it is more lenient than the `yaml` package in places (flow
 * collections and quoted scalars whose continuation lines are not indented,
 * a comment right after a quote) and stricter in others (anchor names, tabs
 * after an indicator, `\/`).
 *
 * Positions: `index` and `column` count characters (code points), as go-yaml
 * does; `offset` is the UTF-16 offset in the scanned text.
 */

export interface Mark {
  /** Characters from the start of the input. */
  index: number;
  /** Zero-based line. */
  line: number;
  /** Characters from the start of the line. */
  column: number;
  /** UTF-16 offset in the input string. */
  offset: number;
}

export const enum TokenType {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

export const enum ScalarStyle {
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
  Folded,
}

export interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** Scalar value, anchor or alias name, tag handle, %TAG handle. */
  value?: string;
  /** Tag suffix, %TAG prefix. */
  suffix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
  /** The block indentation and flow depth when the token was scanned (a flow start counts itself). */
  indent?: number;
  flowLevel?: number;
}

/** What go-yaml accepts in a spelling the `yaml` package refuses, by offset in the input. */
export interface ScanNotes {
  /** A '#' right after a token: go-yaml starts a comment, the YAML spec wants a space first. */
  adjacentComments: number[];
  /** The backslash of a `\'` in a double-quoted scalar (go-yaml reads an apostrophe). */
  apostropheEscapes: number[];
}

/** A failure in go-yaml's terms: which stage failed, its context, its problem, and where. */
export class GoYamlError extends Error {
  constructor(
    readonly stage: 'reader' | 'scanner' | 'parser' | 'composer' | 'decoder' | 'converter',
    readonly problem: string,
    readonly problemMark: Mark | null,
    readonly context: string = '',
    readonly contextMark: Mark | null = null,
    /** Where the failure lies when no mark says it: a reader error's character, a decoder error's node. */
    readonly offset: number | null = null,
    readonly endOffset: number | null = null,
  ) {
    super(problem);
  }

  /** go-yaml's own text of the error, as `yaml.Unmarshal` returns it: "yaml: line 3: did not find expected key". */
  get goMessage(): string {
    let line = 0;
    if (this.stage === 'scanner' || this.stage === 'parser') {
      if (this.problemMark && this.problemMark.line !== 0) {
        // Scanner errors are counted from one, parser errors are not: go-yaml adds one only for the scanner.
        line = this.problemMark.line + (this.stage === 'scanner' ? 1 : 0);
      } else if (this.contextMark && this.contextMark.line !== 0) {
        line = this.contextMark.line;
      }
    }
    if (this.stage === 'converter') return this.problem;
    return 'yaml: ' + (line !== 0 ? `line ${line}: ` : '') + this.problem;
  }

  /** The end of the failing span (a node's end), or the position itself. */
  get endPosition(): number {
    return this.endOffset ?? this.position;
  }

  /** Where the failure lies in the scanned text (UTF-16 offset). */
  get position(): number {
    if (this.offset !== null) return this.offset;
    return (this.problemMark ?? this.contextMark)?.offset ?? 0;
  }
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;
/** go-yaml decodes its input 512 bytes at a time, and checks every character of a block when it decodes it. */
const RAW_BLOCK = 512;

const isBreakCode = (c: number) => c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isAlphaCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;
const isHexCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number) => (c <= 0x39 ? c - 0x30 : c <= 0x46 ? c - 0x37 : c - 0x57);

/** A character go-yaml's reader refuses ("control characters are not allowed"). Lone surrogates are U+FFFD to kubectl. */
export function isUnreadable(c: number): boolean {
  if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85) return false;
  if (c >= 0x20 && c <= 0x7e) return false;
  if (c >= 0xa0 && c <= 0xfffd) return false;
  return true;
}

/** Bytes of a UTF-16 code unit sequence's character in UTF-8 (a lone surrogate is U+FFFD: 3). */
function utf8Length(c: number): number {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
}

export class Scanner {
  private pos: number;
  private index = 0;
  private line = 0;
  private column = 0;

  /** Every token scanned, in order (the parser consumes them from `tokensHead`). */
  readonly tokens: Token[] = [];
  readonly notes: ScanNotes = { adjacentComments: [], apostropheEscapes: [] };
  private tokensHead = 0;
  tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;

  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByToken = new Map<number, number>();
  private flowLevel = 0;

  /**
   * go-yaml's decode buffer, modelled only when it matters (the input holds a
   * character go-yaml refuses, or a byte order mark past its start): the
   * characters decoded so far (blocks of 512 bytes, then one NUL per request
   * past the end), and the character at the buffer's start, which is where
   * go-yaml looks for a byte order mark (its is_bom ignores the position).
   */
  private modelBuffer = false;
  private decodedChars = 0;
  private nextBlock = 0;
  private readonly blockEnds: number[] = [];
  private badBlock = -1;
  private badOffset = -1;
  private bufferStart = -1;

  constructor(
    private readonly src: string,
    private readonly start = 0,
    private readonly end = src.length,
  ) {
    this.pos = start;
    // A byte order mark opening the input is go-yaml's encoding detection, not a character.
    if (this.at(this.pos) === 0xfeff) this.pos++;
    this.prepareReader();
  }

  // ---------------------------------------------------------------- input

  /** The code unit at an offset; 0 past the end (go-yaml's buffer ends in NUL). */
  private at(p: number): number {
    return p < this.end ? this.src.charCodeAt(p) : 0;
  }

  private mark(): Mark {
    return { index: this.index, line: this.line, column: this.column, offset: this.pos };
  }

  private width(p: number): number {
    const c = this.at(p);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.at(p + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    return 1;
  }

  private skip(): void {
    this.index++;
    this.column++;
    this.pos += this.width(this.pos);
  }

  private skipLine(): void {
    const c = this.at(this.pos);
    if (c === 0x0d && this.at(this.pos + 1) === 0x0a) {
      this.index += 2;
      this.column = 0;
      this.line++;
      this.pos += 2;
    } else if (isBreakCode(c)) {
      this.index++;
      this.column = 0;
      this.line++;
      this.pos++;
    }
  }

  /** Copies one character to `out` and advances. */
  private read(out: string[]): void {
    const w = this.width(this.pos);
    out.push(this.src.slice(this.pos, this.pos + w));
    this.pos += w;
    this.index++;
    this.column++;
  }

  /** Copies a line break (CR LF, CR, LF, NEL as "\n"; LS, PS as themselves) and advances. */
  private readLine(out: string[]): void {
    const c = this.at(this.pos);
    if (c === 0x0d && this.at(this.pos + 1) === 0x0a) {
      out.push('\n');
      this.pos += 2;
      this.index++;
    } else if (c === 0x0d || c === 0x0a || c === 0x85) {
      out.push('\n');
      this.pos++;
    } else if (c === 0x2028 || c === 0x2029) {
      out.push(String.fromCharCode(c));
      this.pos++;
    } else {
      return;
    }
    this.index++;
    this.column = 0;
    this.line++;
  }

  private isBlank(p: number): boolean {
    const c = this.at(p);
    return c === 0x20 || c === 0x09;
  }
  private isBreak(p: number): boolean {
    return isBreakCode(this.at(p));
  }
  private isZ(p: number): boolean {
    return p >= this.end;
  }
  private isBreakZ(p: number): boolean {
    return this.isBreak(p) || this.isZ(p);
  }
  private isBlankZ(p: number): boolean {
    return this.isBlank(p) || this.isBreakZ(p);
  }

  // ---------------------------------------------------------------- go-yaml's reader

  private prepareReader(): void {
    let bad = -1;
    let bom = false;
    for (let p = this.pos; p < this.end; p++) {
      const c = this.src.charCodeAt(p);
      if (c >= 0x20 && c <= 0x7e) continue;
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = p + 1 < this.end ? this.src.charCodeAt(p + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) p++;
        continue;
      }
      if (c >= 0xdc00 && c <= 0xdfff) continue;
      if (c === 0xfeff) bom = true;
      if (bad < 0 && isUnreadable(c)) bad = p;
    }
    if (bad < 0 && !bom) return;
    this.modelBuffer = true;
    this.badOffset = bad;
    // A byte order mark opening the input takes three bytes of the first block without being a character.
    let blockBytes = this.pos > this.start ? 3 : 0;
    let chars = 0;
    for (let p = this.pos; p < this.end;) {
      const w = this.width(p);
      const n = w === 2 ? 4 : utf8Length(this.src.charCodeAt(p));
      if (blockBytes + n > RAW_BLOCK) {
        this.blockEnds.push(chars);
        blockBytes = 0;
      }
      if (p === bad) this.badBlock = this.blockEnds.length;
      blockBytes += n;
      chars++;
      p += w;
    }
    this.blockEnds.push(chars);
  }

  /**
   * go-yaml's `cache(parser, n)`: when fewer than n characters are decoded
   * ahead, it moves the rest to the buffer's start and decodes the next block
   * (refusing a block with a control character), or past the end adds a NUL.
   */
  private cache(n: number): void {
    if (!this.modelBuffer || this.decodedChars - this.index >= n) return;
    this.bufferStart = this.pos;
    while (this.decodedChars - this.index < n) {
      if (this.nextBlock < this.blockEnds.length) {
        if (this.nextBlock === this.badBlock) throw new GoYamlError('reader', 'control characters are not allowed', null, '', null, this.badOffset);
        this.decodedChars = this.blockEnds[this.nextBlock++];
      } else {
        this.decodedChars++;
        break;
      }
    }
  }

  /** go-yaml's is_bom: whether its buffer starts with a byte order mark, wherever the scanner is. */
  private bufferStartsWithBom(): boolean {
    return this.modelBuffer && this.bufferStart >= 0 && this.at(this.bufferStart) === 0xfeff;
  }

  // ---------------------------------------------------------------- the token queue

  /** The next token, without consuming it; throws GoYamlError. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead];
  }

  /** Consumes the token `peek` returned. */
  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead].type === TokenType.StreamEnd;
    this.tokensHead++;
  }

  get atStreamEnd(): boolean {
    return this.streamEndProduced;
  }

  private insertToken(at: number, token: Token): void {
    token.indent = this.indent;
    token.flowLevel = this.flowLevel;
    if (at < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + at, 0, token);
  }

  private error(context: string, contextMark: Mark | null, problem: string): GoYamlError {
    return new GoYamlError('scanner', problem, this.mark(), context, contextMark);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const keyIndex = this.simpleKeysByToken.get(this.tokensParsed);
        if (keyIndex === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[keyIndex])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    this.cache(1);
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    this.cache(4);
    const p = this.pos;
    const c = this.at(p);
    if (this.isZ(p)) return this.fetchStreamEnd();
    if (this.column === 0 && c === 0x25 /* % */) return this.fetchDirective();
    if (this.column === 0 && c === 0x2d && this.at(p + 1) === 0x2d && this.at(p + 2) === 0x2d && this.isBlankZ(p + 3)) {
      return this.fetchDocumentIndicator(TokenType.DocumentStart);
    }
    if (this.column === 0 && c === 0x2e && this.at(p + 1) === 0x2e && this.at(p + 2) === 0x2e && this.isBlankZ(p + 3)) {
      return this.fetchDocumentIndicator(TokenType.DocumentEnd);
    }
    switch (c) {
      case 0x5b /* [ */:
        return this.fetchFlowCollectionStart(TokenType.FlowSequenceStart);
      case 0x7b /* { */:
        return this.fetchFlowCollectionStart(TokenType.FlowMappingStart);
      case 0x5d /* ] */:
        return this.fetchFlowCollectionEnd(TokenType.FlowSequenceEnd);
      case 0x7d /* } */:
        return this.fetchFlowCollectionEnd(TokenType.FlowMappingEnd);
      case 0x2c /* , */:
        return this.fetchFlowEntry();
    }
    if (c === 0x2d && this.isBlankZ(p + 1)) return this.fetchBlockEntry();
    if (c === 0x3f /* ? */ && (this.flowLevel > 0 || this.isBlankZ(p + 1))) return this.fetchKey();
    if (c === 0x3a /* : */ && (this.flowLevel > 0 || this.isBlankZ(p + 1))) return this.fetchValue();
    if (c === 0x2a /* * */) return this.fetchAnchor(TokenType.Alias);
    if (c === 0x26 /* & */) return this.fetchAnchor(TokenType.Anchor);
    if (c === 0x21 /* ! */) return this.fetchTag();
    if (c === 0x7c /* | */ && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 0x3e /* > */ && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 0x27 /* ' */) return this.fetchFlowScalar(true);
    if (c === 0x22 /* " */) return this.fetchFlowScalar(false);
    // A plain scalar starts with anything but blanks and indicators; '-', '?' and ':' may start one before a
    // non-blank character ('?' and ':' only in the block context).
    const indicator = this.isBlankZ(p) || '-?:,[]{}#&*!|>\'"%@`'.includes(String.fromCharCode(c));
    if (!indicator || (c === 0x2d && !this.isBlank(p + 1)) || (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !this.isBlankZ(p + 1))) {
      return this.fetchPlainScalar();
    }
    throw this.error('while scanning for the next token', this.mark(), 'found character that cannot start any token');
  }

  /** A comment that does not follow a blank: go-yaml takes it, the `yaml` package wants a space first. */
  private noteComment(): void {
    const before = this.pos > this.start ? this.src.charCodeAt(this.pos - 1) : 0x20;
    if (!(before === 0x20 || before === 0x09 || isBreakCode(before) || before === 0xfeff)) this.notes.adjacentComments.push(this.pos);
  }

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    // A simple key is a single line of at most 1024 characters before its ':'.
    if (key.mark.line < this.line || key.mark.index + 1024 < this.index) {
      if (key.required) throw this.error('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (!this.simpleKeyAllowed) return;
    const key: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: this.mark() };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = key;
    this.simpleKeysByToken.set(key.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const key = this.simpleKeys[i];
    if (key.possible) {
      if (key.required) throw this.error('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: this.mark() });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      throw this.error('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const key = this.simpleKeys.pop()!;
      this.simpleKeysByToken.delete(key.tokenNumber);
    }
  }

  private rollIndent(column: number, tokenNumber: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        throw this.error('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1].mark, `exceeded max depth of ${MAX_INDENTS}`);
      }
      const token: Token = { type, start: mark, end: mark };
      this.insertToken(tokenNumber > -1 ? tokenNumber - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, { type: TokenType.BlockEnd, start: m, end: m });
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.mark();
    this.insertToken(-1, { type: TokenType.StreamStart, start: m, end: m });
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insertToken(-1, { type: TokenType.StreamEnd, start: m, end: m });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: TokenType.FlowEntry, start, end: this.mark() });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.error('', this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, TokenType.BlockSequenceStart, this.mark());
    }
    // In a flow collection the parser reports the '-', where it can say what it expected.
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: TokenType.BlockEntry, start, end: this.mark() });
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) throw this.error('', this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, TokenType.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: TokenType.Key, start, end: this.mark() });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: TokenType.Key, start: key.mark, end: key.mark });
      this.rollIndent(key.mark.column, key.tokenNumber, TokenType.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByToken.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      // The ':' follows a complex key ('?'), or no key at all.
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) throw this.error('', this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, TokenType.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type: TokenType.Value, start, end: this.mark() });
  }

  private fetchAnchor(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  private scanToNextToken(): void {
    for (;;) {
      this.cache(1);
      if (this.column === 0 && this.bufferStartsWithBom()) this.skip();
      this.cache(1);
      // Tabs separate tokens in flow collections, and in blocks where no simple key may start (not at the start
      // of a line, nor after '-', '?' or ':').
      for (;;) {
        const c = this.at(this.pos);
        if (!(c === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && c === 0x09))) break;
        this.skip();
        this.cache(1);
      }
      if (this.at(this.pos) === 0x23 /* # */) {
        this.noteComment();
        while (!this.isBreakZ(this.pos)) {
          this.skip();
          this.cache(1);
        }
      }
      if (this.isBreak(this.pos)) {
        this.cache(2);
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else {
        break;
      }
    }
  }

  // ---------------------------------------------------------------- directives

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      token = { type: TokenType.VersionDirective, start, end: this.mark(), major, minor };
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      token = { type: TokenType.TagDirective, start, end: this.mark(), value: handle, suffix: prefix };
    } else {
      throw this.error('while scanning a directive', start, 'found unknown directive name');
    }
    this.cache(1);
    while (this.isBlank(this.pos)) {
      this.skip();
      this.cache(1);
    }
    if (this.at(this.pos) === 0x23) {
      while (!this.isBreakZ(this.pos)) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakZ(this.pos)) throw this.error('while scanning a directive', start, 'did not find expected comment or line break');
    if (this.isBreak(this.pos)) {
      this.cache(2);
      this.skipLine();
    }
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    this.cache(1);
    const s: string[] = [];
    while (isAlphaCode(this.at(this.pos))) {
      this.read(s);
      this.cache(1);
    }
    if (s.length === 0) throw this.error('while scanning a directive', start, 'could not find expected directive name');
    if (!this.isBlankZ(this.pos)) throw this.error('while scanning a directive', start, 'found unexpected non-alphabetical character');
    return s.join('');
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    this.cache(1);
    while (this.isBlank(this.pos)) {
      this.skip();
      this.cache(1);
    }
    const major = this.scanVersionDirectiveNumber(start);
    if (this.at(this.pos) !== 0x2e) throw this.error('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    this.skip();
    const minor = this.scanVersionDirectiveNumber(start);
    return [major, minor];
  }

  private scanVersionDirectiveNumber(start: Mark): number {
    this.cache(1);
    let value = 0;
    let length = 0;
    while (isDigitCode(this.at(this.pos))) {
      length++;
      if (length > 2) throw this.error('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.at(this.pos) - 0x30);
      this.skip();
      this.cache(1);
    }
    if (length === 0) throw this.error('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    this.cache(1);
    while (this.isBlank(this.pos)) {
      this.skip();
      this.cache(1);
    }
    const handle = this.scanTagHandle(true, start);
    this.cache(1);
    if (!this.isBlank(this.pos)) throw this.error('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (this.isBlank(this.pos)) {
      this.skip();
      this.cache(1);
    }
    const prefix = this.scanTagUri(true, '', start);
    this.cache(1);
    if (!this.isBlankZ(this.pos)) throw this.error('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  // ---------------------------------------------------------------- anchors and tags

  private scanAnchor(type: TokenType): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    const s: string[] = [];
    while (isAlphaCode(this.at(this.pos))) {
      this.read(s);
      this.cache(1);
    }
    const end = this.mark();
    const c = this.at(this.pos);
    // A name of letters, digits, '_' and '-', followed by a blank or one of ? : , ] } % @ `.
    if (
      s.length === 0 ||
      !(this.isBlankZ(this.pos) || c === 0x3f || c === 0x3a || c === 0x2c || c === 0x5d || c === 0x7d || c === 0x25 || c === 0x40 || c === 0x60)
    ) {
      throw this.error(
        type === TokenType.Anchor ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    }
    return { type, start, end, value: s.join('') };
  }

  private scanTag(): Token {
    const start = this.mark();
    this.cache(2);
    let handle: string;
    let suffix: string;
    if (this.at(this.pos + 1) === 0x3c /* < */) {
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.at(this.pos) !== 0x3e /* > */) throw this.error('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle[0] === '!' && handle.length > 1 && handle[handle.length - 1] === '!') {
        suffix = this.scanTagUri(false, '', start);
      } else {
        // Not a handle after all: '!' and the rest of the tag.
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix.length === 0) [handle, suffix] = ['', '!'];
      }
    }
    this.cache(1);
    if (!this.isBlankZ(this.pos)) throw this.error('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: TokenType.Tag, start, end: this.mark(), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    this.cache(1);
    if (this.at(this.pos) !== 0x21) throw this.error(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, "did not find expected '!'");
    const s: string[] = [];
    this.read(s);
    this.cache(1);
    while (isAlphaCode(this.at(this.pos))) {
      this.read(s);
      this.cache(1);
    }
    if (this.at(this.pos) === 0x21) {
      this.read(s);
    } else if (directive && s.join('') !== '!') {
      throw this.error('while parsing a %TAG directive', start, "did not find expected '!'");
    }
    return s.join('');
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    const s: string[] = head.length > 1 ? [head.slice(1)] : [];
    let hasTag = head.length > 0;
    this.cache(1);
    for (;;) {
      const c = this.at(this.pos);
      if (!(isAlphaCode(c) || (";/?:@&=+$,.!~*'()[]%".includes(String.fromCharCode(c)) && c !== 0))) break;
      if (c === 0x25 /* % */) this.scanUriEscapes(directive, start, s);
      else this.read(s);
      this.cache(1);
      hasTag = true;
    }
    if (!hasTag) throw this.error(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, 'did not find expected tag URI');
    return s.join('');
  }

  private scanUriEscapes(directive: boolean, start: Mark, s: string[]): void {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    const octets: number[] = [];
    let width = 1024;
    while (width > 0) {
      this.cache(3);
      if (!(this.at(this.pos) === 0x25 && isHexCode(this.at(this.pos + 1)) && isHexCode(this.at(this.pos + 2)))) {
        throw this.error(context, start, 'did not find URI escaped octet');
      }
      const octet = (hexValue(this.at(this.pos + 1)) << 4) + hexValue(this.at(this.pos + 2));
      if (width === 1024) {
        width = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
        if (width === 0) throw this.error(context, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        throw this.error(context, start, 'found an incorrect trailing UTF-8 octet');
      }
      octets.push(octet);
      this.skip();
      this.skip();
      this.skip();
      width--;
    }
    s.push(Buffer.from(octets).toString('utf8'));
  }

  // ---------------------------------------------------------------- block scalars

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    this.cache(1);
    let chomping = 0;
    let increment = 0;
    let c = this.at(this.pos);
    if (c === 0x2b || c === 0x2d) {
      chomping = c === 0x2b ? 1 : -1;
      this.skip();
      this.cache(1);
      if (isDigitCode(this.at(this.pos))) {
        if (this.at(this.pos) === 0x30) throw this.error('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = this.at(this.pos) - 0x30;
        this.skip();
      }
    } else if (isDigitCode(c)) {
      if (c === 0x30) throw this.error('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = c - 0x30;
      this.skip();
      this.cache(1);
      c = this.at(this.pos);
      if (c === 0x2b || c === 0x2d) {
        chomping = c === 0x2b ? 1 : -1;
        this.skip();
      }
    }
    this.cache(1);
    while (this.isBlank(this.pos)) {
      this.skip();
      this.cache(1);
    }
    if (this.at(this.pos) === 0x23) {
      this.noteComment();
      while (!this.isBreakZ(this.pos)) {
        this.skip();
        this.cache(1);
      }
    }
    if (!this.isBreakZ(this.pos)) throw this.error('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (this.isBreak(this.pos)) {
      this.cache(2);
      this.skipLine();
    }
    let end: ReturnType<typeof this.mark>;
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    const s: string[] = [];
    let leadingBreak: string[] = [];
    let trailingBreaks: string[] = [];
    const breaks = this.scanBlockScalarBreaks(indent, trailingBreaks, start);
    indent = breaks.indent;
    end = breaks.end;
    this.cache(1);
    let leadingBlank = false;
    let trailingBlank: boolean;
    while (this.column === indent && !this.isZ(this.pos)) {
      trailingBlank = this.isBlank(this.pos);
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === '\n') {
        if (trailingBreaks.length === 0) s.push(' ');
      } else {
        s.push(...leadingBreak);
      }
      leadingBreak = [];
      s.push(...trailingBreaks);
      trailingBreaks = [];
      leadingBlank = this.isBlank(this.pos);
      while (!this.isBreakZ(this.pos)) {
        this.read(s);
        this.cache(1);
      }
      this.cache(2);
      this.readLine(leadingBreak);
      const more = this.scanBlockScalarBreaks(indent, trailingBreaks, start);
      indent = more.indent;
      end = more.end;
    }
    if (chomping !== -1) s.push(...leadingBreak);
    if (chomping === 1) s.push(...trailingBreaks);
    return { type: TokenType.Scalar, start, end, value: s.join(''), style: literal ? ScalarStyle.Literal : ScalarStyle.Folded };
  }

  private scanBlockScalarBreaks(indent: number, breaks: string[], start: Mark): { indent: number; end: Mark } {
    let end = this.mark();
    let maxIndent = 0;
    for (;;) {
      this.cache(1);
      while ((indent === 0 || this.column < indent) && this.at(this.pos) === 0x20) {
        this.skip();
        this.cache(1);
      }
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at(this.pos) === 0x09) {
        throw this.error('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!this.isBreak(this.pos)) break;
      this.cache(2);
      this.readLine(breaks);
      end = this.mark();
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return { indent, end };
  }

  // ---------------------------------------------------------------- quoted scalars

  private atDocumentIndicator(): boolean {
    const p = this.pos;
    const c = this.at(p);
    return (
      this.column === 0 &&
      ((c === 0x2d && this.at(p + 1) === 0x2d && this.at(p + 2) === 0x2d) || (c === 0x2e && this.at(p + 1) === 0x2e && this.at(p + 2) === 0x2e)) &&
      this.isBlankZ(p + 3)
    );
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    const s: string[] = [];
    let leadingBreak: string[] = [];
    let trailingBreaks: string[] = [];
    let whitespaces: string[] = [];
    for (;;) {
      this.cache(4);
      if (this.atDocumentIndicator()) throw this.error('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (this.isZ(this.pos)) throw this.error('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!this.isBlankZ(this.pos)) {
        const c = this.at(this.pos);
        if (single && c === 0x27 && this.at(this.pos + 1) === 0x27) {
          s.push("'");
          this.skip();
          this.skip();
        } else if (single && c === 0x27) {
          break;
        } else if (!single && c === 0x22) {
          break;
        } else if (!single && c === 0x5c && this.isBreak(this.pos + 1)) {
          this.cache(3);
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 0x5c) {
          let codeLength = 0;
          switch (this.at(this.pos + 1)) {
            case 0x30: s.push('\0'); break; // prettier-ignore
            case 0x61: s.push('\x07'); break; // prettier-ignore
            case 0x62: s.push('\b'); break; // prettier-ignore
            case 0x74:
            case 0x09: s.push('\t'); break; // prettier-ignore
            case 0x6e: s.push('\n'); break; // prettier-ignore
            case 0x76: s.push('\v'); break; // prettier-ignore
            case 0x66: s.push('\f'); break; // prettier-ignore
            case 0x72: s.push('\r'); break; // prettier-ignore
            case 0x65: s.push('\x1b'); break; // prettier-ignore
            case 0x20: s.push(' '); break; // prettier-ignore
            case 0x22: s.push('"'); break; // prettier-ignore
            case 0x27: this.notes.apostropheEscapes.push(this.pos); s.push("'"); break; // prettier-ignore
            case 0x5c: s.push('\\'); break; // prettier-ignore
            case 0x4e: s.push('\u0085'); break; // prettier-ignore
            case 0x5f: s.push('\u00a0'); break; // prettier-ignore
            case 0x4c: s.push('\u2028'); break; // prettier-ignore
            case 0x50: s.push('\u2029'); break; // prettier-ignore
            case 0x78: codeLength = 2; break; // prettier-ignore
            case 0x75: codeLength = 4; break; // prettier-ignore
            case 0x55: codeLength = 8; break; // prettier-ignore
            default:
              throw this.error('while parsing a quoted scalar', start, 'found unknown escape character');
          }
          this.skip();
          this.skip();
          if (codeLength > 0) {
            this.cache(codeLength);
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              const h = this.at(this.pos + k);
              if (!isHexCode(h)) throw this.error('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + hexValue(h);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              throw this.error('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            }
            s.push(String.fromCodePoint(value));
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          this.read(s);
        }
        this.cache(2);
      }
      this.cache(1);
      const c = this.at(this.pos);
      if (single ? c === 0x27 : c === 0x22) break;
      while (this.isBlank(this.pos) || this.isBreak(this.pos)) {
        if (this.isBlank(this.pos)) {
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else {
          this.cache(2);
          if (!leadingBlanks) {
            whitespaces = [];
            this.readLine(leadingBreak);
            leadingBlanks = true;
          } else {
            this.readLine(trailingBreaks);
          }
        }
        this.cache(1);
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') {
          if (trailingBreaks.length === 0) s.push(' ');
          else s.push(...trailingBreaks);
        } else {
          s.push(...leadingBreak, ...trailingBreaks);
        }
        trailingBreaks = [];
        leadingBreak = [];
      } else {
        s.push(...whitespaces);
        whitespaces = [];
      }
    }
    this.skip();
    return { type: TokenType.Scalar, start, end: this.mark(), value: s.join(''), style: single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted };
  }

  // ---------------------------------------------------------------- plain scalars

  private scanPlainScalar(): Token {
    const s: string[] = [];
    let leadingBreak: string[] = [];
    let trailingBreaks: string[] = [];
    let whitespaces: string[] = [];
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    let end = this.mark();
    for (;;) {
      this.cache(4);
      if (this.atDocumentIndicator()) break;
      if (this.at(this.pos) === 0x23) break;
      while (!this.isBlankZ(this.pos)) {
        const c = this.at(this.pos);
        if (
          (c === 0x3a && this.isBlankZ(this.pos + 1)) ||
          (this.flowLevel > 0 && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d))
        ) {
          break;
        }
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') {
              if (trailingBreaks.length === 0) s.push(' ');
              else s.push(...trailingBreaks);
            } else {
              s.push(...leadingBreak, ...trailingBreaks);
            }
            trailingBreaks = [];
            leadingBreak = [];
            leadingBlanks = false;
          } else {
            s.push(...whitespaces);
            whitespaces = [];
          }
        }
        this.read(s);
        end = this.mark();
        this.cache(2);
      }
      if (!(this.isBlank(this.pos) || this.isBreak(this.pos))) break;
      this.cache(1);
      while (this.isBlank(this.pos) || this.isBreak(this.pos)) {
        if (this.isBlank(this.pos)) {
          if (leadingBlanks && this.column < indent && this.at(this.pos) === 0x09) {
            throw this.error('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else {
          this.cache(2);
          if (!leadingBlanks) {
            whitespaces = [];
            this.readLine(leadingBreak);
            leadingBlanks = true;
          } else {
            this.readLine(trailingBreaks);
          }
        }
        this.cache(1);
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: TokenType.Scalar, start, end, value: s.join(''), style: ScalarStyle.Plain };
  }
}
