/**
 * Reading a file the way `kubectl apply -f` reads it, into documents the
 * `yaml` package parses to the same objects.
 *
 * Two steps, so that the common case costs next to nothing:
 * - `frameKubectlFile` cuts the file into kubectl's documents (one indexOf
 *   pass); each is the file's own slice with an identity map.
 * - `readKubectlDocument` settles one document right before its parse: a YAML
 *   document the `yaml` package reads like go-yaml (no suspect character, and
 *   its parse has no error) is parsed once and kept as is; any other is read
 *   by go-yaml's rules (`careful.ts`), rewritten where needed, or given
 *   kubectl's error.
 * `readKubectlFile` does both for every document.
 */
import { type Document, parseDocument } from 'yaml';
import type { SourceMap } from '../../sources/source-map';
import { composeBlockDocument } from './block-composer';
import { type CopiedRun, readYamlCarefully, YAML_PARSE_OPTIONS } from './careful';
import { MAX_NESTING } from './decode';
import { composedNeedsCarefulReading, needsCarefulReading } from './prefilter';
import { frameKubectlStream, type Syntax } from './stream';

export interface ReadOptions {
  /** The file's name in kubectl's messages ("error parsing NAME: …"); FILE by default. */
  source?: string;
  /** The file name in the source maps' segments; '' by default. */
  file?: string;
}

export interface ReadError {
  /** What failed, in the words of go-yaml, encoding/json or kubectl: "yaml: line 4: did not find expected key". */
  message: string;
  /** The line kubectl prints: "error parsing FILE: error converting YAML to JSON: yaml: line 4: did not find expected key". */
  kubectl: string;
  /** Offsets in the file. */
  start: number;
  end: number;
  /** kubectl stops reading the file here: the documents after it are never applied. */
  fatal: boolean;
  /** 'kubectl': kubectl refuses the text. 'reader': kubectl reads it, Pod Lens cannot follow (the document is not analyzed). */
  origin: 'kubectl' | 'reader';
  /** An error of one item of a List: kubectl prints the errors of a List's items together, as one. */
  listItem?: boolean;
}

export interface ReadDocument {
  /** Position among the file's documents. */
  index: number;
  syntax: Syntax;
  /** kubectl's document in the file: a YAML piece between `---` lines (the first of them included), or one JSON value. */
  start: number;
  end: number;
  /** What to parse with the `yaml` package: the file's own slice unless kubectl reads it differently. */
  text: string;
  /** From offsets in `text` to offsets in the file: the identity (shifted by `start`) unless rewritten. */
  map: SourceMap;
  rewritten: boolean;
  /** Settled by `readKubectlDocument` (the frame alone only cuts the file). */
  settled: boolean;
  /** Read by go-yaml's own rules (not only trusted to the `yaml` package). */
  checked: boolean;
  /** kubectl refuses the document; or the reader cannot follow it. */
  error: ReadError | null;
  /** Text inside the document kubectl never reads (after the first YAML document of a piece). */
  ignored: { start: number; end: number } | null;
  /** kubectl never reaches this document: an earlier error stopped it (a bad `---` line). */
  unread: boolean;
  /** A JSON value's nesting depth. */
  depth?: number;
}

export interface KubectlFile {
  syntax: Syntax;
  documents: ReadDocument[];
  /** The error that stops kubectl reading the file between documents: a bad `---` line, a JSON syntax error. */
  error: ReadError | null;
}

function identityMap(file: string, start: number, end: number): SourceMap {
  return { segments: [{ outStart: 0, outEnd: end - start, file, srcStart: start, srcEnd: end, origin: 'text' }] };
}

function runsMap(file: string, runs: CopiedRun[]): SourceMap {
  return {
    segments: runs.map((r) => ({
      outStart: r.outStart,
      outEnd: r.outEnd,
      file,
      srcStart: r.srcStart,
      srcEnd: r.srcEnd,
      origin: r.origin,
    })),
  };
}

function yamlError(source: string, message: string, start: number, end: number): ReadError {
  return { message, kubectl: `error parsing ${source}: error converting YAML to JSON: ${message}`, start, end, fatal: true, origin: 'kubectl' };
}

/** kubectl's documents of a file, unsettled: each the file's slice with an identity map. Never throws. */
export function frameKubectlFile(text: string, options: ReadOptions = {}): KubectlFile {
  try {
    return frame(text, options);
  } catch (e) {
    // A bug of the reader must not take the editor down: the whole file is one document it cannot read.
    const message = `Pod Lens failed to read this file: ${e instanceof Error ? e.message : String(e)}`;
    const error: ReadError = { message, kubectl: '', start: 0, end: text.length, fatal: true, origin: 'reader' };
    return { syntax: 'yaml', documents: [], error };
  }
}

function frame(text: string, options: ReadOptions): KubectlFile {
  const source = options.source ?? 'FILE';
  const file = options.file ?? '';
  const documents: ReadDocument[] = [];
  const add = (syntax: Syntax, start: number, end: number, unread: boolean, depth?: number) =>
    documents.push({
      index: documents.length,
      syntax,
      start,
      end,
      text: text.slice(start, end),
      map: identityMap(file, start, end),
      rewritten: false,
      settled: false,
      checked: false,
      error: null,
      ignored: null,
      unread,
      depth,
    });
  let stream = frameKubectlStream(text);
  let error: ReadError | null = null;
  let unread = false;
  for (;;) {
    for (const chunk of stream.chunks) add(stream.syntax, chunk.start, chunk.end, unread, chunk.depth);
    if (stream.error && !error) {
      error = {
        message: stream.error.message,
        kubectl: `error parsing ${source}: ${stream.error.message}`,
        start: stream.error.start,
        end: stream.error.end,
        fatal: true,
        origin: 'kubectl',
      };
    }
    if (stream.discarded) {
      // The piece kubectl had read when the bad separator stopped it: never decoded.
      add('yaml', stream.discarded.start, stream.discarded.end, true);
    }
    if (stream.rest === null) break;
    // Past a bad separator kubectl reads nothing; the rest is still cut, for an editor to show.
    unread = true;
    stream = frameKubectlStream(text, stream.rest);
  }
  return { syntax: documents[0]?.syntax ?? (stream.syntax as Syntax), documents, error };
}

export interface SettledDocument {
  document: ReadDocument;
  /** The `yaml` package's parse of `document.text`; null when the document has an error. */
  parsed: Document.Parsed | null;
}

/**
 * Settles one document of `frameKubectlFile` and parses it: the document as
 * kubectl reads it (possibly rewritten, or with kubectl's error) and the
 * parse of its text. Never throws.
 */
export function readKubectlDocument(text: string, document: ReadDocument, options: ReadOptions = {}): SettledDocument {
  const source = options.source ?? 'FILE';
  const file = options.file ?? '';
  if (document.settled && document.error) return { document, parsed: null };
  try {
    if (document.syntax === 'yaml') {
      // The block composer's subset is read alike by both parsers, so the prefilter's longer look is spared.
      const composed = composeBlockDocument(document.text);
      if (composed && !composedNeedsCarefulReading(text, document.start, document.end)) return { document: { ...document, settled: true }, parsed: composed };
      if (!needsCarefulReading(text, document.start, document.end)) {
        const parsed = composed ?? parseDocument(document.text, YAML_PARSE_OPTIONS);
        if (parsed.errors.length === 0) return { document: { ...document, settled: true }, parsed };
      }
    }
    if (document.syntax === 'json') return settleJson(document);
    const careful = readYamlCarefully(text, document);
    const settled: ReadDocument = {
      ...document,
      text: careful.text,
      map: careful.rewritten ? runsMap(file, careful.runs) : document.map,
      rewritten: careful.rewritten,
      settled: true,
      checked: true,
      ignored: careful.ignored,
      error: careful.error
        ? yamlError(source, careful.error.message, careful.error.start, careful.error.end)
        : careful.unfollowed
          ? { message: careful.unfollowed, kubectl: '', start: document.start, end: document.end, fatal: false, origin: 'reader' }
          : null,
    };
    return { document: settled, parsed: careful.parsed };
  } catch (e) {
    // A bug of the reader must not take the editor down: say so on the document.
    const message = `Pod Lens failed to read this document: ${e instanceof Error ? e.message : String(e)}`;
    return {
      document: { ...document, settled: true, error: { message, kubectl: '', start: document.start, end: document.end, fatal: false, origin: 'reader' } },
      parsed: null,
    };
  }
}

/**
 * A JSON value is YAML too, but for two spellings of white space: a lone CR
 * (which becomes LF) and tabs where the `yaml` package wants indentation
 * (which become spaces). Neither can be inside a string, and the map stays the
 * identity.
 */
function settleJson(document: ReadDocument): SettledDocument {
  if ((document.depth ?? 0) > MAX_NESTING) {
    const message = `kubectl reads this document, but it is nested too deeply for Pod Lens to follow (${document.depth} levels)`;
    return {
      document: { ...document, settled: true, error: { message, kubectl: '', start: document.start, end: document.end, fatal: false, origin: 'reader' } },
      parsed: null,
    };
  }
  // JSON's white space outside strings (the only place it can be): a lone CR is a line break to the `yaml` package only as LF.
  const input = document.text.includes('\r') ? document.text.replace(/\r(?!\n)/g, '\n') : document.text;
  let parsed = parseDocument(input, YAML_PARSE_OPTIONS);
  if (parsed.errors.length === 0) {
    return { document: { ...document, text: input, rewritten: input !== document.text, settled: true }, parsed };
  }
  if (input.includes('\t')) {
    // Outside strings a tab is white space; inside a string encoding/json refuses it, so there is none.
    const text = input.replace(/\t/g, ' ');
    const retry = parseDocument(text, YAML_PARSE_OPTIONS);
    if (retry.errors.length === 0) {
      return { document: { ...document, text, map: document.map, rewritten: true, settled: true }, parsed: retry };
    }
    parsed = retry;
  }
  const message = `kubectl reads this document, but Pod Lens cannot: ${parsed.errors[0].message.split('\n')[0]}`;
  return {
    document: { ...document, settled: true, error: { message, kubectl: '', start: document.start, end: document.end, fatal: false, origin: 'reader' } },
    parsed: null,
  };
}

/** Every document of a file, settled and parsed. Never throws. */
export function readKubectlFile(text: string, options: ReadOptions = {}): { file: KubectlFile; parsed: (Document.Parsed | null)[] } {
  const framed = frameKubectlFile(text, options);
  const parsed: (Document.Parsed | null)[] = [];
  const documents = framed.documents.map((d) => {
    const settled = readKubectlDocument(text, d, options);
    parsed.push(settled.parsed);
    return settled.document;
  });
  return { file: { ...framed, documents }, parsed };
}
