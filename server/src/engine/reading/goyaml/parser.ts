/**
 * go-yaml v2's parser (events from tokens) and the first step of its decoder
 * (a node tree from the events of the first document), with go-yaml's
 * messages. `yaml.Unmarshal` reads one document: what follows it in the same
 * input is never looked at, beyond the one token the parser needs to see that
 * the document ended.
 */
import { GoYamlError, type Mark, ScalarStyle, Scanner, type ScanNotes, type Token, TokenType } from './scanner';

export const enum EventType {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

const eventNames = [
  'STREAM-START',
  'STREAM-END',
  'DOCUMENT-START',
  'DOCUMENT-END',
  'ALIAS',
  'SCALAR',
  'SEQUENCE-START',
  'SEQUENCE-END',
  'MAPPING-START',
  'MAPPING-END',
];

export interface Event {
  type: EventType;
  start: Mark;
  end: Mark;
  anchor?: string;
  tag?: string;
  value?: string;
  /** A plain scalar without a tag, or with the non-specific tag '!': its type is resolved from its text. */
  implicit?: boolean;
  style?: ScalarStyle;
}

const enum State {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockNodeOrIndentlessSequence,
  FlowNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

const defaultTagDirectives: [string, string][] = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];

export class Parser {
  private state = State.StreamStart;
  private readonly states: State[] = [];
  private readonly marks: Mark[] = [];
  private tagDirectives: [string, string][] = [];
  private done = false;

  constructor(readonly scanner: Scanner) {}

  private error(problem: string, problemMark: Mark, context = '', contextMark: Mark | null = null): GoYamlError {
    return new GoYamlError('parser', problem, problemMark, context, contextMark);
  }

  private popState(): State {
    return this.states.pop()!;
  }

  /** The next event; throws GoYamlError. */
  next(): Event {
    if (this.done || this.state === State.End) return { type: EventType.StreamEnd, start: zeroMark, end: zeroMark };
    const scanner = this.scanner;
    switch (this.state) {
      case State.StreamStart: {
        const token = scanner.peek();
        if (token.type !== TokenType.StreamStart) throw this.error('did not find expected <stream-start>', token.start);
        this.state = State.ImplicitDocumentStart;
        scanner.skipToken();
        return { type: EventType.StreamStart, start: token.start, end: token.end };
      }
      case State.ImplicitDocumentStart:
        return this.documentStart(true);
      case State.DocumentStart:
        return this.documentStart(false);
      case State.DocumentContent: {
        const token = scanner.peek();
        if (
          token.type === TokenType.VersionDirective ||
          token.type === TokenType.TagDirective ||
          token.type === TokenType.DocumentStart ||
          token.type === TokenType.DocumentEnd ||
          token.type === TokenType.StreamEnd
        ) {
          this.state = this.popState();
          return emptyScalar(token.start);
        }
        return this.node(true, false);
      }
      case State.DocumentEnd: {
        const token = scanner.peek();
        let end = token.start;
        if (token.type === TokenType.DocumentEnd) {
          end = token.end;
          scanner.skipToken();
        }
        this.tagDirectives = [];
        this.state = State.DocumentStart;
        return { type: EventType.DocumentEnd, start: token.start, end };
      }
      case State.BlockNode:
        return this.node(true, false);
      case State.BlockNodeOrIndentlessSequence:
        return this.node(true, true);
      case State.FlowNode:
        return this.node(false, false);
      case State.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case State.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case State.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case State.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case State.BlockMappingKey:
        return this.blockMappingKey(false);
      case State.BlockMappingValue:
        return this.blockMappingValue();
      case State.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case State.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case State.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case State.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case State.FlowSequenceEntryMappingEnd: {
        const token = scanner.peek();
        this.state = State.FlowSequenceEntry;
        return { type: EventType.MappingEnd, start: token.start, end: token.start };
      }
      case State.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case State.FlowMappingKey:
        return this.flowMappingKey(false);
      case State.FlowMappingValue:
        return this.flowMappingValue(false);
      case State.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      default:
        throw new Error('invalid parser state');
    }
  }

  private documentStart(implicit: boolean): Event {
    const scanner = this.scanner;
    let token = scanner.peek();
    if (!implicit) {
      while (token.type === TokenType.DocumentEnd) {
        scanner.skipToken();
        token = scanner.peek();
      }
    }
    if (
      implicit &&
      token.type !== TokenType.VersionDirective &&
      token.type !== TokenType.TagDirective &&
      token.type !== TokenType.DocumentStart &&
      token.type !== TokenType.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(State.DocumentEnd);
      this.state = State.BlockNode;
      return { type: EventType.DocumentStart, start: token.start, end: token.end };
    }
    if (token.type !== TokenType.StreamEnd) {
      const start = token.start;
      this.processDirectives();
      token = scanner.peek();
      if (token.type !== TokenType.DocumentStart) throw this.error('did not find expected <document start>', token.start);
      this.states.push(State.DocumentEnd);
      this.state = State.DocumentContent;
      const end = token.end;
      scanner.skipToken();
      return { type: EventType.DocumentStart, start, end };
    }
    this.state = State.End;
    scanner.skipToken();
    return { type: EventType.StreamEnd, start: token.start, end: token.end };
  }

  private processDirectives(): void {
    const scanner = this.scanner;
    let token = scanner.peek();
    let version = false;
    while (token.type === TokenType.VersionDirective || token.type === TokenType.TagDirective) {
      if (token.type === TokenType.VersionDirective) {
        if (version) throw this.error('found duplicate %YAML directive', token.start);
        if (token.major !== 1 || token.minor !== 1) throw this.error('found incompatible YAML document', token.start);
        version = true;
      } else {
        this.appendTagDirective(token.value!, token.suffix!, false, token.start);
      }
      scanner.skipToken();
      token = scanner.peek();
    }
    for (const [handle, prefix] of defaultTagDirectives) this.appendTagDirective(handle, prefix, true, token.start);
  }

  private appendTagDirective(handle: string, prefix: string, allowDuplicates: boolean, mark: Mark): void {
    if (this.tagDirectives.some(([h]) => h === handle)) {
      if (allowDuplicates) return;
      throw this.error('found duplicate %TAG directive', mark);
    }
    this.tagDirectives.push([handle, prefix]);
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    const scanner = this.scanner;
    let token = scanner.peek();
    if (token.type === TokenType.Alias) {
      this.state = this.popState();
      scanner.skipToken();
      return { type: EventType.Alias, start: token.start, end: token.end, anchor: token.value };
    }
    let start = token.start;
    let end = token.start;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor: string | undefined;
    let tagMark = token.start;
    if (token.type === TokenType.Anchor) {
      anchor = token.value;
      start = token.start;
      end = token.end;
      scanner.skipToken();
      token = scanner.peek();
      if (token.type === TokenType.Tag) {
        tagToken = true;
        tagHandle = token.value!;
        tagSuffix = token.suffix!;
        tagMark = token.start;
        end = token.end;
        scanner.skipToken();
        token = scanner.peek();
      }
    } else if (token.type === TokenType.Tag) {
      tagToken = true;
      tagHandle = token.value!;
      tagSuffix = token.suffix!;
      start = token.start;
      tagMark = token.start;
      end = token.end;
      scanner.skipToken();
      token = scanner.peek();
      if (token.type === TokenType.Anchor) {
        anchor = token.value;
        end = token.end;
        scanner.skipToken();
        token = scanner.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle.length === 0) {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find(([h]) => h === tagHandle);
        if (directive) tag = directive[1] + tagSuffix;
        if (tag.length === 0) throw this.error('found undefined tag handle', tagMark, 'while parsing a node', start);
      }
    }
    const implicit = tag.length === 0;
    if (indentlessSequence && token.type === TokenType.BlockEntry) {
      this.state = State.IndentlessSequenceEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit };
    }
    if (token.type === TokenType.Scalar) {
      const plainImplicit = (tag.length === 0 && token.style === ScalarStyle.Plain) || tag === '!';
      this.state = this.popState();
      scanner.skipToken();
      return { type: EventType.Scalar, start, end: token.end, anchor, tag, value: token.value, implicit: plainImplicit, style: token.style };
    }
    if (token.type === TokenType.FlowSequenceStart) {
      this.state = State.FlowSequenceFirstEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit };
    }
    if (token.type === TokenType.FlowMappingStart) {
      this.state = State.FlowMappingFirstKey;
      return { type: EventType.MappingStart, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.type === TokenType.BlockSequenceStart) {
      this.state = State.BlockSequenceFirstEntry;
      return { type: EventType.SequenceStart, start, end: token.end, anchor, tag, implicit };
    }
    if (block && token.type === TokenType.BlockMappingStart) {
      this.state = State.BlockMappingFirstKey;
      return { type: EventType.MappingStart, start, end: token.end, anchor, tag, implicit };
    }
    if (anchor !== undefined || tag.length > 0) {
      // An anchor or a tag alone: an empty plain scalar.
      this.state = this.popState();
      return { type: EventType.Scalar, start, end, anchor, tag, value: '', implicit, style: ScalarStyle.Plain };
    }
    throw this.error('did not find expected node content', token.start, block ? 'while parsing a block node' : 'while parsing a flow node', start);
  }

  private blockSequenceEntry(first: boolean): Event {
    const scanner = this.scanner;
    if (first) {
      this.marks.push(scanner.peek().start);
      scanner.skipToken();
    }
    let token = scanner.peek();
    if (token.type === TokenType.BlockEntry) {
      const mark = token.end;
      scanner.skipToken();
      token = scanner.peek();
      if (token.type !== TokenType.BlockEntry && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.BlockSequenceEntry;
      return emptyScalar(mark);
    }
    if (token.type === TokenType.BlockEnd) {
      this.state = this.popState();
      this.marks.pop();
      scanner.skipToken();
      return { type: EventType.SequenceEnd, start: token.start, end: token.end };
    }
    const contextMark = this.marks.pop()!;
    throw this.error("did not find expected '-' indicator", token.start, 'while parsing a block collection', contextMark);
  }

  private indentlessSequenceEntry(): Event {
    const scanner = this.scanner;
    let token = scanner.peek();
    if (token.type === TokenType.BlockEntry) {
      const mark = token.end;
      scanner.skipToken();
      token = scanner.peek();
      if (token.type !== TokenType.BlockEntry && token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = State.IndentlessSequenceEntry;
      return emptyScalar(mark);
    }
    this.state = this.popState();
    return { type: EventType.SequenceEnd, start: token.start, end: token.start };
  }

  private blockMappingKey(first: boolean): Event {
    const scanner = this.scanner;
    if (first) {
      this.marks.push(scanner.peek().start);
      scanner.skipToken();
    }
    let token = scanner.peek();
    if (token.type === TokenType.Key) {
      const mark = token.end;
      scanner.skipToken();
      token = scanner.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = State.BlockMappingValue;
      return emptyScalar(mark);
    }
    if (token.type === TokenType.BlockEnd) {
      this.state = this.popState();
      this.marks.pop();
      scanner.skipToken();
      return { type: EventType.MappingEnd, start: token.start, end: token.end };
    }
    const contextMark = this.marks.pop()!;
    throw this.error('did not find expected key', token.start, 'while parsing a block mapping', contextMark);
  }

  private blockMappingValue(): Event {
    const scanner = this.scanner;
    let token = scanner.peek();
    if (token.type === TokenType.Value) {
      const mark = token.end;
      scanner.skipToken();
      token = scanner.peek();
      if (token.type !== TokenType.Key && token.type !== TokenType.Value && token.type !== TokenType.BlockEnd) {
        this.states.push(State.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = State.BlockMappingKey;
      return emptyScalar(mark);
    }
    this.state = State.BlockMappingKey;
    return emptyScalar(token.start);
  }

  private flowSequenceEntry(first: boolean): Event {
    const scanner = this.scanner;
    if (first) {
      this.marks.push(scanner.peek().start);
      scanner.skipToken();
    }
    let token = scanner.peek();
    if (token.type !== TokenType.FlowSequenceEnd) {
      if (!first) {
        if (token.type === TokenType.FlowEntry) {
          scanner.skipToken();
          token = scanner.peek();
        } else {
          const contextMark = this.marks.pop()!;
          throw this.error("did not find expected ',' or ']'", token.start, 'while parsing a flow sequence', contextMark);
        }
      }
      if (token.type === TokenType.Key) {
        this.state = State.FlowSequenceEntryMappingKey;
        scanner.skipToken();
        return { type: EventType.MappingStart, start: token.start, end: token.end, implicit: true, tag: '' };
      }
      if (token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.state = this.popState();
    this.marks.pop();
    scanner.skipToken();
    return { type: EventType.SequenceEnd, start: token.start, end: token.end };
  }

  private flowSequenceEntryMappingKey(): Event {
    const scanner = this.scanner;
    const token = scanner.peek();
    if (token.type !== TokenType.Value && token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowSequenceEnd) {
      this.states.push(State.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    const mark = token.end;
    scanner.skipToken();
    this.state = State.FlowSequenceEntryMappingValue;
    return emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): Event {
    const scanner = this.scanner;
    let token = scanner.peek();
    if (token.type === TokenType.Value) {
      scanner.skipToken();
      token = scanner.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowSequenceEnd) {
        this.states.push(State.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = State.FlowSequenceEntryMappingEnd;
    return emptyScalar(token.start);
  }

  private flowMappingKey(first: boolean): Event {
    const scanner = this.scanner;
    if (first) {
      this.marks.push(scanner.peek().start);
      scanner.skipToken();
    }
    let token = scanner.peek();
    if (token.type !== TokenType.FlowMappingEnd) {
      if (!first) {
        if (token.type === TokenType.FlowEntry) {
          scanner.skipToken();
          token = scanner.peek();
        } else {
          const contextMark = this.marks.pop()!;
          throw this.error("did not find expected ',' or '}'", token.start, 'while parsing a flow mapping', contextMark);
        }
      }
      if (token.type === TokenType.Key) {
        scanner.skipToken();
        token = scanner.peek();
        if (token.type !== TokenType.Value && token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
          this.states.push(State.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = State.FlowMappingValue;
        return emptyScalar(token.start);
      }
      if (token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.state = this.popState();
    this.marks.pop();
    scanner.skipToken();
    return { type: EventType.MappingEnd, start: token.start, end: token.end };
  }

  private flowMappingValue(empty: boolean): Event {
    const scanner = this.scanner;
    let token = scanner.peek();
    if (empty) {
      this.state = State.FlowMappingKey;
      return emptyScalar(token.start);
    }
    if (token.type === TokenType.Value) {
      scanner.skipToken();
      token = scanner.peek();
      if (token.type !== TokenType.FlowEntry && token.type !== TokenType.FlowMappingEnd) {
        this.states.push(State.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = State.FlowMappingKey;
    return emptyScalar(token.start);
  }
}

const zeroMark: Mark = { index: 0, line: 0, column: 0, offset: 0 };

function emptyScalar(mark: Mark): Event {
  return { type: EventType.Scalar, start: mark, end: mark, value: '', implicit: true, style: ScalarStyle.Plain, tag: '' };
}

// ---------------------------------------------------------------- nodes

export type GoNodeKind = 'scalar' | 'mapping' | 'sequence' | 'alias';

/**
 * A node of the first document, as go-yaml's decoder sees it. The same shape
 * is built from the `yaml` package's syntax tree (see `yaml-nodes.ts`), so that
 * one decoder gives kubectl's value of either.
 */
export interface GoNode {
  kind: GoNodeKind;
  /** Offsets of the node's text (its properties included) in the input. */
  start: number;
  end: number;
  /** Zero-based line of the node's start, for go-yaml's "line N" messages. */
  line: number;
  /** The full tag ('tag:yaml.org,2002:str', '!', '!local'), or '' without one. */
  tag: string;
  /** A scalar's value (after folding and escapes), or an alias's anchor name. */
  value: string;
  /** A scalar whose type is resolved from its text: plain and untagged, or tagged '!'. */
  implicit: boolean;
  style: ScalarStyle;
  /** A mapping's keys and values alternate. */
  children: GoNode[];
  /** The node an alias refers to. */
  alias: GoNode | null;
}

export interface ComposedDocument {
  /** The document's root, or null when the input has no document (only comments, or nothing). */
  root: GoNode | null;
  /** Where go-yaml stopped reading: past the document's end (the start of what follows it, or past a `...`). */
  end: number;
  /** The tokens go-yaml scanned (up to one past the document's end), and what it accepted that the `yaml` package would not. */
  tokens: Token[];
  notes: ScanNotes;
  /** How deep collections nest. */
  depth: number;
}

/**
 * go-yaml's `yaml.Unmarshal` up to the node tree: the first document of the
 * input, aliases resolved. Throws GoYamlError.
 */
export function composeFirstDocument(text: string, start = 0, end = text.length): ComposedDocument {
  const scanner = new Scanner(text, start, end);
  const parser = new Parser(scanner);
  const anchors = new Map<string, GoNode>();
  let event: Event | null = null;
  const peek = (): Event => (event ??= parser.next());
  const expect = (type: EventType): Event => {
    const e = peek();
    if (e.type === EventType.StreamEnd && type !== EventType.StreamEnd) {
      throw new GoYamlError('composer', 'attempted to go past the end of stream; corrupted value?', e.start);
    }
    if (e.type !== type) throw new GoYamlError('composer', `expected ${eventNames[type]} event but got ${eventNames[e.type]}`, e.start);
    event = null;
    return e;
  };
  const newNode = (kind: GoNodeKind, e: Event): GoNode => ({
    kind,
    start: e.start.offset,
    end: e.end.offset,
    line: e.start.line,
    tag: e.tag ?? '',
    value: e.value ?? '',
    implicit: e.implicit ?? false,
    style: e.style ?? ScalarStyle.Plain,
    children: [],
    alias: null,
  });
  // Iterative, with an explicit stack: go-yaml nests flow collections 10000 deep.
  let depth = 0;
  const parse = (): GoNode => {
    const open: GoNode[] = [];
    let result: GoNode | null = null;
    const attach = (n: GoNode) => {
      if (open.length === 0) result = n;
      else open[open.length - 1].children.push(n);
    };
    for (;;) {
      const e = peek();
      switch (e.type) {
        case EventType.Scalar: {
          const n = newNode('scalar', e);
          if (e.anchor !== undefined) anchors.set(e.anchor, n);
          expect(EventType.Scalar);
          attach(n);
          break;
        }
        case EventType.Alias: {
          const n = newNode('alias', e);
          n.value = e.anchor ?? '';
          const target = anchors.get(n.value);
          if (!target) throw new GoYamlError('composer', `unknown anchor '${n.value}' referenced`, e.start);
          n.alias = target;
          expect(EventType.Alias);
          attach(n);
          break;
        }
        case EventType.MappingStart:
        case EventType.SequenceStart: {
          const n = newNode(e.type === EventType.MappingStart ? 'mapping' : 'sequence', e);
          if (e.anchor !== undefined) anchors.set(e.anchor, n);
          expect(e.type);
          attach(n);
          open.push(n);
          if (open.length > depth) depth = open.length;
          break;
        }
        case EventType.MappingEnd:
        case EventType.SequenceEnd: {
          const n = open.pop();
          if (!n) throw new Error(`unexpected event ${eventNames[e.type]}`);
          n.end = expect(e.type).end.offset;
          break;
        }
        default:
          throw new Error(`unexpected event ${eventNames[e.type]}`);
      }
      if (open.length === 0 && result) return result;
    }
  };

  expect(EventType.StreamStart);
  const first = peek();
  if (first.type === EventType.StreamEnd) return { root: null, end: first.end.offset, tokens: scanner.tokens, notes: scanner.notes, depth: 0 };
  expect(EventType.DocumentStart);
  const root = parse();
  const documentEnd = expect(EventType.DocumentEnd);
  return { root, end: documentEnd.end.offset, tokens: scanner.tokens, notes: scanner.notes, depth };
}
