import type { Message } from 'vscode-jsonrpc';

/**
 * JSON that is written once and sent many times. A file of thousands of
 * objects has thousands of diagnostics and lenses; the protocol sends all of
 * them on every publish, and stringifying them again each time costs more
 * than the analysis of the edit. An array can carry the JSON of each of its
 * parts (cached per document, like the parts themselves), and the encoder
 * then only joins those strings.
 */

const fragments = Symbol('pod-lens.json-fragments');

type WithFragments = { [fragments]?: string[] };

/** `items`, carrying the JSON of its elements as pieces that join with commas (empty pieces are skipped). */
export function withJson<T>(items: T[], pieces: string[]): T[] {
  Object.defineProperty(items, fragments, { value: pieces, enumerable: false });
  return items;
}

const placeholder = '\u0000pod-lens-preserialized\u0000';
const quotedPlaceholder = JSON.stringify(placeholder);

function carried(value: unknown): string[] | null {
  return Array.isArray(value) ? ((value as WithFragments)[fragments] ?? null) : null;
}

/** A message as JSON text, splicing in the carried JSON of a publish's diagnostics or a response's result. */
export function encodeMessage(message: Message): string {
  const anyMessage = message as { params?: { diagnostics?: unknown }; result?: unknown };
  const params = anyMessage.params;
  const inDiagnostics = params && typeof params === 'object' ? carried(params.diagnostics) : null;
  const inResult = inDiagnostics ? null : carried(anyMessage.result);
  const pieces = inDiagnostics ?? inResult;
  if (!pieces) return JSON.stringify(message);
  const envelope = inDiagnostics ? { ...message, params: { ...params, diagnostics: placeholder } } : { ...message, result: placeholder };
  const text = JSON.stringify(envelope);
  const at = text.indexOf(quotedPlaceholder);
  let body = '';
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    body = body.length === 0 ? piece : `${body},${piece}`;
  }
  return `${text.slice(0, at)}[${body}]${text.slice(at + quotedPlaceholder.length)}`;
}

/** The content-type encoder of vscode-jsonrpc's writer, with `encodeMessage` instead of a plain `JSON.stringify`. */
export const contentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(encodeMessage(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
