/**
 * The language server under random request sequences (issue 7): the real
 * process (`node bin/pod-lens.js lsp --stdio`), spoken to with raw JSON-RPC
 * messages so that the fuzzer controls every id, every cancellation and every
 * malformed parameter, and sees every answer (vscode-jsonrpc's client would
 * check parameters and settle cancelled requests on its own).
 *
 * What must hold after any sequence of opens, edits (past the end, stale
 * versions, several per notification), closes, hovers, lenses, code actions,
 * simulations, cancellations, garbage settings, unknown methods and
 * malformed parameters:
 * - the process is alive;
 * - every request is answered (a result or a JSON-RPC error) within the
 *   request timeout; well-formed requests never get an internal error;
 * - every position in an answer lies inside the text the request was made on;
 * - once the hold-back of syntax errors is over, the diagnostics of every open
 *   file are exactly those of a fresh analysis of the text the client holds
 *   (`analyzeText`, converted by the service), and a closed file has none.
 *
 * One server serves a whole fuzz run (state left by earlier sequences is part
 * of what is tested); it is restarted when it dies, and the death counts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { Message, type RequestMessage, type ResponseMessage, type NotificationMessage, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { analyzeText } from '../../server/src/engine/analyze';
import { documentDiagnostics, readingDiagnostics } from '../../server/src/service/diagnostics';
import { currentView } from '../../server/src/service/document';
import { LineMap } from '../../server/src/service/positions';
import { readSettings } from '../../server/src/service/settings';
import * as g from './generators';
import { type Counters } from './properties';

const repoRoot = path.resolve(__dirname, '../../..');

export const serverLimits = {
  /** A request not answered within this is a timeout (a failure). */
  requestTimeoutMs: 5000,
  /** The server's hold-back of a syntax error near an edit (server default). */
  holdMs: 500,
  /** After the hold-back, how long diagnostics may take to settle before they count as wrong. */
  settleMs: 5000,
};

// ---------------------------------------------------------------- the process

type Answer = { result?: unknown; error?: { code: number; message: string; data?: unknown } };

interface Pending {
  method: string;
  sentAt: number;
  resolve(answer: Answer & { ms: number }): void;
}

export class ServerProcess {
  readonly publications: { uri: unknown; version?: unknown; diagnostics: Diagnostic[]; at: number }[] = [];
  /** What each `workspace/configuration` pull is answered with, in order; the current settings when empty. */
  readonly configurationAnswers: Answer[] = [];
  settings: unknown = {};
  stderr = '';
  exited: { code: number | null; signal: string | null } | null = null;
  private readonly pending = new Map<number | string, Pending>();
  private nextId = 1;
  private readonly writer: StreamMessageWriter;
  private readonly exitWaiters: (() => void)[] = [];

  private constructor(readonly child: ChildProcess) {
    this.writer = new StreamMessageWriter(child.stdin!);
    const reader = new StreamMessageReader(child.stdout!);
    reader.listen((message) => this.receive(message));
    child.stderr!.on('data', (chunk) => (this.stderr = (this.stderr + String(chunk)).slice(-20_000)));
    // Writes to a dead process fail; the exit itself is what is reported.
    child.stdin!.on('error', () => undefined);
    this.writer.onError(() => undefined);
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.resolve({ error: { code: -1, message: `server exited (${code ?? signal}) before answering` }, ms: Date.now() - pending.sentAt });
      }
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    });
  }

  static async start(): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['bin/pod-lens.js', 'lsp', '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new ServerProcess(child);
    const init = await server.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true },
          codeLens: { refreshSupport: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: {
          codeAction: { disabledSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } } },
        },
      },
    });
    if (init.error) throw new Error(`initialize failed: ${init.error.message}\n${server.stderr}`);
    server.notify('initialized', {});
    return server;
  }

  get alive(): boolean {
    return this.exited === null;
  }

  /** Sends a request; `id` is returned at once so that a cancellation can name it. */
  send(method: string, params: unknown): { id: number; answer: Promise<Answer & { ms: number }> } {
    const id = this.nextId++;
    const answer = new Promise<Answer & { ms: number }>((resolve) => {
      if (!this.alive) return resolve({ error: { code: -1, message: 'server is not running' }, ms: 0 });
      this.pending.set(id, { method, sentAt: Date.now(), resolve });
      if (process.env.FUZZ_TRACE) this.trace.push(`${Date.now()} -> [${id}] ${method} ${JSON.stringify(params)?.slice(0, 150)}`);
      const message: RequestMessage = { jsonrpc: '2.0', id, method, params: params as RequestMessage['params'] };
      void this.writer.write(message).catch(() => undefined);
    });
    return { id, answer };
  }

  request(method: string, params: unknown): Promise<Answer & { ms: number }> {
    return this.send(method, params).answer;
  }

  /** With FUZZ_TRACE=1, every message both ways (abridged), printed with a failure. */
  readonly trace: string[] = [];

  notify(method: string, params: unknown): void {
    if (process.env.FUZZ_TRACE) this.trace.push(`${Date.now()} -> ${method} ${JSON.stringify(params)?.slice(0, 150)}`);
    if (!this.alive) return;
    const message: NotificationMessage = { jsonrpc: '2.0', method, params: params as NotificationMessage['params'] };
    void this.writer.write(message).catch(() => undefined);
  }

  latest(uri: string): { version?: unknown; diagnostics: Diagnostic[] } | null {
    for (let i = this.publications.length - 1; i >= 0; i--) if (this.publications[i].uri === uri) return this.publications[i];
    return null;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    const shutdown = this.send('shutdown', null).answer;
    await Promise.race([shutdown, exited]);
    this.notify('exit', null);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the process and waits for it to be gone, so that nothing is sent to it afterwards. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  private receive(message: Message): void {
    if (process.env.FUZZ_TRACE) this.trace.push(`${Date.now()} <- ${JSON.stringify(message).slice(0, 200)}`);
    if (Message.isResponse(message)) {
      const response = message as ResponseMessage;
      const pending = response.id === null ? undefined : this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id!);
      pending.resolve({ result: response.result, error: response.error as Answer['error'], ms: Date.now() - pending.sentAt });
      return;
    }
    if (Message.isRequest(message)) {
      const request = message as RequestMessage;
      let answer: Answer = { result: null };
      if (request.method === 'workspace/configuration') {
        const items = (request.params as { items?: unknown[] } | undefined)?.items ?? [];
        const next = this.configurationAnswers.shift();
        answer = next ?? { result: items.map(() => this.settings) };
        if (next && next.error === undefined) answer = { result: items.map(() => next.result) };
      }
      const response: ResponseMessage = {
        jsonrpc: '2.0',
        id: request.id,
        ...(answer.error ? { error: answer.error } : { result: answer.result ?? null }),
      } as ResponseMessage;
      void this.writer.write(response).catch(() => undefined);
      return;
    }
    const notification = message as NotificationMessage;
    if (notification.method === 'textDocument/publishDiagnostics') {
      const params = notification.params as { uri: unknown; version?: unknown; diagnostics: Diagnostic[] };
      this.publications.push({ uri: params.uri, version: params.version, diagnostics: params.diagnostics, at: Date.now() });
      if (this.publications.length > 5000) this.publications.splice(0, 2500);
    }
  }
}

// One process for a whole run: `sharedServer()` restarts it after a death, which the caller counts.
let shared: ServerProcess | null = null;
let started = 0;

export async function sharedServer(counters: Counters): Promise<ServerProcess> {
  if (shared && shared.alive) return shared;
  if (shared) counters.serverCrashes++;
  shared = await ServerProcess.start();
  started++;
  return shared;
}

export async function stopSharedServer(): Promise<void> {
  const server = shared;
  shared = null;
  await server?.stop();
}

/** How many server processes this thread has started (1 in a run without crashes). */
export const serverStarts = () => started;

// ---------------------------------------------------------------- sequences

/** A position chosen against the text at the moment it is used. */
export type PositionChoice =
  | { kind: 'offset'; at: number }
  | { kind: 'past-line-end'; line: number; beyond: number }
  | { kind: 'past-end'; lines: number; character: number }
  | { kind: 'raw'; line: number; character: number };

export type VersionChoice = 'next' | 'same' | 'stale' | 'jump' | 'negative' | 'max';

export type ChangeChoice =
  { kind: 'edit'; edit: g.Edit } | { kind: 'range'; start: PositionChoice; end: PositionChoice; text: string } | { kind: 'full'; text: string };

export type Cancel = 'none' | 'at-once' | 'soon' | 'unknown-id';

export type Step =
  | { op: 'open'; doc: number; text: string; version: number }
  | { op: 'change'; doc: number; changes: ChangeChoice[]; version: VersionChoice }
  | { op: 'close'; doc: number }
  | { op: 'hover'; doc: number; position: PositionChoice; cancel: Cancel }
  | { op: 'codeLens'; doc: number; resolve: boolean; cancel: Cancel }
  | { op: 'resolve'; which: number; garbage: unknown | undefined; cancel: Cancel }
  | {
      op: 'codeAction';
      doc: number;
      start: PositionChoice;
      end: PositionChoice;
      diagnostics: 'none' | 'published' | 'garbage';
      only: string[] | null;
      cancel: Cancel;
    }
  | { op: 'simulate'; doc: number; document: number; scenario: unknown; until: unknown; cancel: Cancel }
  | { op: 'settings'; value: unknown; answer: 'ok' | 'error'; params: unknown }
  | { op: 'unknown'; method: string; params: unknown; notification: boolean }
  | { op: 'malformed-request'; method: string; doc: number; mutation: Mutation; cancel: Cancel }
  | { op: 'malformed-notification'; method: string; doc: number; mutation: Mutation }
  | { op: 'wait'; ms: number }
  | { op: 'sync' };

/** Replace (or delete) one part of well-formed parameters: `path` picks among the parts by fractions. */
export interface Mutation {
  pick: number;
  replace: unknown | undefined;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const DOCS = 3;
const doc = fc.integer({ min: 0, max: DOCS - 1 });

const hugeInts = fc.constantFrom(-1, -2, -(2 ** 31), 2 ** 31 - 1, 2 ** 31, 1e9, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER);
const positionChoice: fc.Arbitrary<PositionChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('offset' as const), at: fraction }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('past-line-end' as const), line: fraction, beyond: fc.integer({ min: 1, max: 200 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('past-end' as const), lines: fc.integer({ min: 0, max: 1000 }), character: fc.integer({ min: 0, max: 200 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      line: fc.oneof(hugeInts, fc.integer({ min: -5, max: 60 })),
      character: fc.oneof(hugeInts, fc.integer({ min: -5, max: 120 })),
    }),
  },
);

const versionChoice: fc.Arbitrary<VersionChoice> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('next' as const) },
  { weight: 1, arbitrary: fc.constantFrom('same' as const, 'stale' as const, 'jump' as const, 'negative' as const, 'max' as const) },
);

const typedText = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    ' ',
    '\n',
    ':',
    '-',
    '#',
    '\r\n',
    '\r',
    '\t',
    '"',
    '---\n',
    '\ud83d',
    '\ude00',
    '    cpu: 500m\n',
    'resources:\n  limits:\n    memory: 1Gi\n',
  ),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

const changeChoice: fc.Arbitrary<ChangeChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), edit: g.editArbitrary }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('range' as const), start: positionChoice, end: positionChoice, text: typedText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text: fc.oneof(g.realManifest, g.mutatedManifest, fc.constant('')) }) },
);

const cancel: fc.Arbitrary<Cancel> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('none' as const) },
  { weight: 1, arbitrary: fc.constantFrom('at-once' as const, 'soon' as const, 'unknown-id' as const) },
);

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1.5, 2 ** 53, '', 'x', true, [], {}, [null], { line: 'a' }, { uri: 42 }, '\u0000', 'file:///nowhere.yaml'),
  fc.jsonValue({ maxDepth: 3 }),
);

const settingsValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      node: fc.oneof(
        fc.record(
          { cpu: fc.constantFrom('8', '500m', '1e3', '-4', 'lots', '', 3, null), memory: fc.constantFrom('64Gi', '1Mi', '0', 'x', 16, null) },
          { requiredKeys: [] },
        ),
        garbage,
      ),
      cgroupDriver: fc.constantFrom('systemd', 'cgroupfs', 'SYSTEMD', 7, null),
      diagnostics: fc.oneof(
        fc.record({
          severity: fc.dictionary(
            fc.constantFrom('missing-cpu-limit', 'yaml-syntax', 'unschedulable', 'unknown-field', 'no-such-rule', '__proto__', 'constructor'),
            fc.constantFrom('off', 'error', 'hint', 'loud', 3, null),
          ),
        }),
        garbage,
      ),
      codeLens: fc.oneof(fc.record({ enabled: fc.constantFrom(true, false, 'no', 0) }), garbage),
    },
    { requiredKeys: [] },
  ),
  garbage,
);

const scenario: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.record(
    {
      exit: fc.constantFrom(
        undefined,
        1,
        'x',
        { app: 1 },
        [{ container: 'app', at: 5, code: 1 }],
        [{ container: null, afterSeconds: 5, exitCode: 1 }],
        [{ container: 'app', afterSeconds: 0, exitCode: 137 }],
      ),
      oom: fc.constantFrom(undefined, true, [{ container: 'app', at: 3 }], [{ container: null, afterSeconds: 30 }], 'oom'),
      livenessFails: fc.constantFrom(undefined, [{ container: null, at: 20 }], [{ container: 'nobody', at: 1 }]),
      delete: fc.constantFrom(undefined, [60], [-1], [1e300]),
    },
    { requiredKeys: [] },
  ),
  garbage,
);

const requestMethods = ['textDocument/hover', 'textDocument/codeLens', 'codeLens/resolve', 'textDocument/codeAction', 'podLens/simulate'];
const notificationMethods = ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'workspace/didChangeConfiguration'];

export interface SequenceOptions {
  /** Also open, now and then, a file over the worker pool's threshold (1 MB): slow, so not in the `npm test` slice. */
  big: boolean;
}

let bigText: string | null = null;
/** Real manifests repeated past 1 MB: opening it goes to the worker threads, and edits land while they run. */
export function bigFile(): string {
  if (bigText) return bigText;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < (1 << 20) + 50_000; i++) {
    const text = g.realManifests[i % g.realManifests.length].text;
    const part = text.endsWith('\n') ? text : text + '\n';
    parts.push(part);
    length += part.length + 4;
  }
  bigText = parts.join('---\n');
  return bigText;
}

function stepArbitrary(options: SequenceOptions): fc.Arbitrary<Step> {
  const openText = fc.oneof(
    { weight: 3, arbitrary: g.realManifest },
    { weight: 3, arbitrary: g.structuredFile },
    { weight: 3, arbitrary: g.mutatedManifest },
    { weight: 1, arbitrary: g.unstructuredText },
    ...(options.big ? [{ weight: 1, arbitrary: fc.constant('\u0000big') }] : []),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('open' as const), doc, text: openText, version: fc.constantFrom(0, 1, 7, -1) }) },
    {
      weight: 10,
      arbitrary: fc.record({
        op: fc.constant('change' as const),
        doc,
        changes: fc.array(changeChoice, { minLength: 1, maxLength: 4 }),
        version: versionChoice,
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('close' as const), doc }) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('hover' as const), doc, position: positionChoice, cancel }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('codeLens' as const), doc, resolve: fc.boolean(), cancel }) },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('resolve' as const), which: fc.nat(50), garbage: fc.option(garbage, { nil: undefined, freq: 3 }), cancel }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('codeAction' as const),
        doc,
        start: positionChoice,
        end: positionChoice,
        diagnostics: fc.constantFrom('none' as const, 'published' as const, 'published' as const, 'garbage' as const),
        only: fc.option(fc.subarray(['quickfix', 'refactor', 'refactor.rewrite', 'source', 'nonsense']), { nil: null }),
        cancel,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('simulate' as const),
        doc,
        document: fc.oneof(fc.integer({ min: -1, max: 3 }), hugeInts),
        scenario,
        until: fc.constantFrom(undefined, null, 60, 900, 86_400, 86_401, 0, -5, 1e12, 'x'),
        cancel,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('settings' as const),
        value: settingsValue,
        answer: fc.constantFrom('ok' as const, 'ok' as const, 'error' as const),
        params: fc.oneof(fc.constant({ settings: null }), garbage),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('unknown' as const),
        method: fc.constantFrom(
          'textDocument/definition',
          'workspace/executeCommand',
          'podLens/nothing',
          '$/nothing',
          'textDocument/completion',
          '',
          'textDocument/hover/',
        ),
        params: garbage,
        notification: fc.boolean(),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ op: fc.constant('malformed-request' as const), method: fc.constantFrom(...requestMethods), doc, mutation: mutation(), cancel }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ op: fc.constant('malformed-notification' as const), method: fc.constantFrom(...notificationMethods), doc, mutation: mutation() }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(300, 600)) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'sync' as const }) },
  );
}

function mutation(): fc.Arbitrary<Mutation> {
  return fc.record({ pick: fraction, replace: fc.option(garbage, { nil: undefined, freq: 4 }) });
}

/** A sequence starts by opening a file, so that most of it is about an open one. */
export function sequenceArbitrary(options: SequenceOptions): fc.Arbitrary<Step[]> {
  return fc
    .tuple(
      fc.record({
        op: fc.constant('open' as const),
        doc: fc.constant(0),
        text: fc.oneof(g.realManifest, g.structuredFile, g.mutatedManifest),
        version: fc.constant(1),
      }),
      // Long sequences: the settling at the end costs the hold-back once per sequence.
      fc.array(stepArbitrary(options), { minLength: 1, maxLength: 80, size: 'max' }),
    )
    .map(([first, rest]) => [first as Step, ...rest]);
}

// ---------------------------------------------------------------- running a sequence

interface ModelDocument {
  uri: string;
  /** The client's copy (null when closed), with LSP's rules for out-of-range positions. */
  doc: TextDocument | null;
  version: number;
  /** Every text sent for a version (versions repeat when the fuzzer sends stale ones). */
  sent: Map<number, string[]>;
  lastEditAt: number;
}

interface Outstanding {
  method: string;
  wellFormed: boolean;
  sentAt: number;
  answer: Promise<Answer & { ms: number }>;
  check(answer: Answer): void;
}

const json = (value: unknown) => JSON.stringify(value);

function resolvePosition(text: string, choice: PositionChoice): Position {
  const doc = TextDocument.create('x:', 'yaml', 0, text);
  switch (choice.kind) {
    case 'offset':
      return doc.positionAt(Math.floor(choice.at * (text.length + 1)));
    case 'past-line-end': {
      const line = Math.floor(choice.line * doc.lineCount);
      return { line, character: lineLength(text, line) + choice.beyond };
    }
    case 'past-end':
      return { line: doc.lineCount + choice.lines, character: choice.character };
    case 'raw':
      return { line: choice.line, character: choice.character };
  }
}

/** Characters of a line without its line break (LSP lines end at \n, \r\n or \r). */
function lineLength(text: string, line: number): number {
  return lineContents(text)[line]?.length ?? 0;
}

const lineCache = new Map<string, string[]>();
function lineContents(text: string): string[] {
  let lines = lineCache.get(text);
  if (lines) return lines;
  // A megabyte split once per answer of thousands of lenses would make this thread the bottleneck.
  lines = text.split(/\r\n|\r|\n/);
  if (lineCache.size >= 8) lineCache.delete(lineCache.keys().next().value!);
  lineCache.set(text, lines);
  return lines;
}

/** Whether a position names a place in the text: an existing line, at most at its end. */
function inside(lines: string[], position: unknown): boolean {
  const p = position as Position | undefined;
  return (
    !!p &&
    Number.isInteger(p.line) &&
    Number.isInteger(p.character) &&
    p.line >= 0 &&
    p.line < lines.length &&
    p.character >= 0 &&
    p.character <= lines[p.line].length
  );
}

function assertRange(text: string, range: unknown, what: string): void {
  const lines = lineContents(text);
  const r = range as Range | undefined;
  assert.ok(r && inside(lines, r.start) && inside(lines, r.end), `${what}: range ${json(range)} outside the text (${lines.length} lines)`);
  assert.ok(
    r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character),
    `${what}: range ${json(range)} ends before it starts`,
  );
}

/** What a fresh server shows for a text: every document analyzed anew, converted by the service. */
export function expectedDiagnostics(text: string, settingsValue: unknown): Diagnostic[] {
  const { settings } = readSettings(settingsValue);
  const file = analyzeText(text, { node: settings.node });
  const lines = new LineMap(text);
  const views = file.documents.map((document) => currentView(document));
  // What spans documents (an error that stops kubectl, the text it never applies) comes first, as the server publishes it.
  return [...readingDiagnostics(text, file.reading, views, lines, settings), ...views.flatMap((view) => documentDiagnostics(view, lines, settings))];
}

function mutate(params: unknown, m: Mutation): unknown {
  const copy = JSON.parse(JSON.stringify(params)) as unknown;
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
      slots.push({ parent: value as Record<string, unknown>, key });
      walk((value as Record<string | number, unknown>)[key]);
    }
  };
  walk(copy);
  if (slots.length === 0) return m.replace;
  const slot = slots[Math.floor(m.pick * slots.length)];
  if (m.replace === undefined && !Array.isArray(slot.parent)) delete (slot.parent as Record<string, unknown>)[slot.key as string];
  else (slot.parent as Record<string | number, unknown>)[slot.key] = m.replace ?? null;
  return copy;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let sequenceNumber = 0;

/** Runs one sequence against `server`; throws (an AssertionError) on the first property broken. */
export async function runSequence(server: ServerProcess, steps: Step[], counters: Counters): Promise<void> {
  const id = ++sequenceNumber;
  const docs: ModelDocument[] = Array.from({ length: DOCS }, (_, i) => ({
    uri: `file:///fuzz/s${id}/${i}.yaml`,
    doc: null,
    version: 0,
    sent: new Map(),
    lastEditAt: 0,
  }));
  const outstanding: Outstanding[] = [];
  let lenses: unknown[] = [];
  /** What the server's settings are once its pulls are answered: a failed pull keeps the previous ones. */
  let effectiveSettings: unknown = {};

  // Each sequence starts from the default settings, so that its seed replays it on a fresh server too.
  server.settings = {};
  server.configurationAnswers.splice(0, Infinity, { result: {} });
  server.notify('workspace/didChangeConfiguration', { settings: null });

  const record = (d: ModelDocument) => {
    const text = d.doc!.getText();
    const list = d.sent.get(d.version) ?? [];
    list.push(text);
    d.sent.set(d.version, list);
  };

  const request = (method: string, params: unknown, how: Cancel, wellFormed: boolean, check: (answer: Answer) => void) => {
    const sent = server.send(method, params);
    counters.requests++;
    if (how === 'at-once') server.notify('$/cancelRequest', { id: sent.id });
    else if (how === 'soon') setTimeout(() => server.notify('$/cancelRequest', { id: sent.id }), 1);
    else if (how === 'unknown-id') server.notify('$/cancelRequest', { id: sent.id + 1_000_000 });
    outstanding.push({ method, wellFormed, sentAt: Date.now(), answer: sent.answer, check });
    return sent.answer;
  };

  for (const step of steps) {
    assert.ok(server.alive, `the server died: ${json(server.exited)}\n${server.stderr.slice(-3000)}`);
    const d = 'doc' in step ? docs[step.doc] : null;
    switch (step.op) {
      case 'open': {
        const text = step.text === '\u0000big' ? bigFile() : step.text;
        d!.doc = TextDocument.create(d!.uri, 'yaml', step.version, text);
        d!.version = step.version;
        d!.lastEditAt = Date.now();
        record(d!);
        server.notify('textDocument/didOpen', { textDocument: { uri: d!.uri, languageId: 'yaml', version: step.version, text } });
        break;
      }
      case 'change': {
        const version = { next: d!.version + 1, same: d!.version, stale: d!.version - 3, jump: d!.version + 1000, negative: -7, max: 2 ** 31 - 1 }[
          step.version
        ];
        const contentChanges: unknown[] = [];
        // Each change is on the text the one before it left: ranges are resolved against the running text.
        let text = d!.doc?.getText() ?? '';
        const running = TextDocument.create(d!.uri, 'yaml', 0, text);
        for (const change of step.changes) {
          let event: { range?: Range; text: string };
          if (change.kind === 'full') event = { text: change.text };
          else if (change.kind === 'edit') {
            const start = Math.floor(change.edit.at * (text.length + 1));
            event = { range: { start: running.positionAt(start), end: running.positionAt(start + change.edit.deleteLength) }, text: change.edit.insert };
          } else {
            const a = resolvePosition(text, change.start);
            const b = resolvePosition(text, change.end);
            // A reversed range is not one an editor sends, and LSP does not say what it means.
            const [start, end] = running.offsetAt(a) <= running.offsetAt(b) ? [a, b] : [b, a];
            event = { range: { start, end }, text: change.text };
          }
          TextDocument.update(running, [event], 0);
          text = running.getText();
          contentChanges.push(event);
        }
        if (d!.doc) {
          TextDocument.update(d!.doc, contentChanges as { range: Range; text: string }[], version);
          d!.version = version;
          d!.lastEditAt = Date.now();
          record(d!);
          counters.serverEdits += contentChanges.length;
        }
        server.notify('textDocument/didChange', { textDocument: { uri: d!.uri, version }, contentChanges });
        break;
      }
      case 'close':
        d!.doc = null;
        server.notify('textDocument/didClose', { textDocument: { uri: d!.uri } });
        break;
      case 'hover': {
        const open = d!.doc !== null;
        const text = d!.doc?.getText() ?? '';
        const position = resolvePosition(text, step.position);
        void request('textDocument/hover', { textDocument: { uri: d!.uri }, position }, step.cancel, true, (answer) => {
          const hover = answer.result as { range?: Range; contents?: unknown } | null;
          if (!hover) return;
          assert.ok(open, 'a hover on a closed document');
          if (hover.range) assertRange(text, hover.range, 'hover');
        });
        break;
      }
      case 'codeLens': {
        const text = d!.doc ? d!.doc.getText() : null;
        const answer = request('textDocument/codeLens', { textDocument: { uri: d!.uri } }, step.cancel, true, (answer) => {
          const result = answer.result as { range: Range }[] | null;
          if (!Array.isArray(result)) return;
          assert.ok(text !== null || result.length === 0, 'lenses for a closed document');
          for (const lens of result) assertRange(text!, lens.range, 'codeLens');
        });
        if (step.resolve) {
          const answered = await answer;
          if (Array.isArray(answered.result)) lenses = answered.result;
        }
        break;
      }
      case 'resolve': {
        const lens =
          step.garbage !== undefined || lenses.length === 0
            ? (step.garbage ?? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: null })
            : lenses[step.which % lenses.length];
        const wellFormed = step.garbage === undefined;
        void request('codeLens/resolve', lens, step.cancel, wellFormed, (answer) => {
          if (!wellFormed || !answer.result) return;
          assert.deepEqual((answer.result as { range: Range }).range, (lens as { range: Range }).range, 'codeLens/resolve keeps the range');
        });
        break;
      }
      case 'codeAction': {
        const text = d!.doc?.getText() ?? '';
        const version = d!.version;
        const a = resolvePosition(text, step.start);
        const b = resolvePosition(text, step.end);
        const published = server.latest(d!.uri)?.diagnostics ?? [];
        const diagnostics =
          step.diagnostics === 'published'
            ? published
            : step.diagnostics === 'garbage'
              ? published.map((x) => ({ ...x, code: 'no-such-rule', range: { start: a, end: b } }))
              : [];
        const context = { diagnostics, ...(step.only ? { only: step.only } : {}) };
        const open = d!.doc !== null;
        void request('textDocument/codeAction', { textDocument: { uri: d!.uri }, range: { start: a, end: b }, context }, step.cancel, true, (answer) => {
          const actions = answer.result as
            { edit?: { documentChanges?: { textDocument: { uri: string; version: number }; edits: { range: Range }[] }[] } }[] | null;
          if (!Array.isArray(actions)) return;
          assert.ok(open || actions.length === 0, 'code actions for a closed document');
          for (const action of actions) {
            for (const change of action.edit?.documentChanges ?? []) {
              assert.equal(change.textDocument.uri, d!.uri);
              assert.equal(change.textDocument.version, version, 'a code action edits the version it was asked about');
              for (const edit of change.edits) assertRange(text, edit.range, 'code action edit');
            }
          }
        });
        break;
      }
      case 'simulate': {
        const params = {
          uri: d!.uri,
          document: step.document,
          ...(step.scenario === undefined ? {} : { scenario: step.scenario }),
          ...(step.until === undefined ? {} : { until: step.until }),
        };
        void request('podLens/simulate', params, step.cancel, true, (answer) => {
          if (answer.error) assert.ok([-32602, -32800].includes(answer.error.code), `podLens/simulate: error ${answer.error.code} ${answer.error.message}`);
        });
        break;
      }
      case 'settings': {
        if (step.answer === 'ok') {
          server.settings = step.value;
          effectiveSettings = step.value;
          server.configurationAnswers.push({ result: step.value });
        } else {
          server.configurationAnswers.push({ error: { code: -32603, message: 'the client failed to read its settings' } });
        }
        server.notify('workspace/didChangeConfiguration', step.params);
        break;
      }
      case 'unknown':
        if (step.notification) server.notify(step.method, step.params);
        else
          void request(step.method, step.params, 'none', false, (answer) => {
            assert.ok(answer.error, `${step.method} (not offered) answered with a result`);
          });
        break;
      case 'malformed-request': {
        const text = d!.doc?.getText() ?? '';
        const position = resolvePosition(text, { kind: 'offset', at: 0.5 });
        const range = { start: position, end: position };
        const template: Record<string, unknown> = {
          'textDocument/hover': { textDocument: { uri: d!.uri }, position },
          'textDocument/codeLens': { textDocument: { uri: d!.uri } },
          'codeLens/resolve': { range, data: { uri: d!.uri, document: 0, object: 0, lens: 0, version: d!.version } },
          'textDocument/codeAction': { textDocument: { uri: d!.uri }, range, context: { diagnostics: server.latest(d!.uri)?.diagnostics.slice(0, 2) ?? [] } },
          'podLens/simulate': { uri: d!.uri, document: 0, scenario: {}, until: 60 },
        };
        void request(step.method, mutate(template[step.method], step.mutation), step.cancel, false, () => undefined);
        break;
      }
      case 'malformed-notification': {
        const text = d!.doc?.getText() ?? '';
        const end = resolvePosition(text, { kind: 'offset', at: 0.7 });
        const template: Record<string, unknown> = {
          'textDocument/didOpen': { textDocument: { uri: d!.uri, languageId: 'yaml', version: d!.version + 1, text } },
          'textDocument/didChange': {
            textDocument: { uri: d!.uri, version: d!.version + 1 },
            contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text: 'a' }],
          },
          'textDocument/didClose': { textDocument: { uri: d!.uri } },
          'workspace/didChangeConfiguration': { settings: { podLens: {} } },
        };
        // What the server made of it is unknown: the client then states the truth again, as an editor's resync would.
        if (step.method === 'workspace/didChangeConfiguration') server.configurationAnswers.push({ result: effectiveSettings });
        server.notify(step.method, mutate(template[step.method], step.mutation));
        if (step.method === 'workspace/didChangeConfiguration') break;
        if (d!.doc) {
          // Not the garbage's version: what the server published for that is not checked against this text.
          d!.version += 2;
          d!.lastEditAt = Date.now();
          const full = d!.doc.getText();
          d!.doc = TextDocument.create(d!.uri, 'yaml', d!.version, full);
          record(d!);
          if (step.method === 'textDocument/didChange')
            server.notify('textDocument/didChange', { textDocument: { uri: d!.uri, version: d!.version }, contentChanges: [{ text: full }] });
          else server.notify('textDocument/didOpen', { textDocument: { uri: d!.uri, languageId: 'yaml', version: d!.version, text: full } });
        } else {
          server.notify('textDocument/didClose', { textDocument: { uri: d!.uri } });
        }
        break;
      }
      case 'wait':
        await sleep(step.ms);
        break;
      case 'sync':
        await Promise.all(outstanding.map((o) => o.answer));
        break;
    }
  }

  // Every request answered in time, and what each answer says holds.
  for (const o of outstanding) {
    const answer = await withTimeout(o, serverLimits.requestTimeoutMs);
    if (answer.ms > counters.slowestRequestMs) {
      counters.slowestRequestMs = answer.ms;
      counters.slowestRequest = o.method;
    }
    assert.ok(server.alive, `the server died: ${json(server.exited)}\n${server.stderr.slice(-3000)}`);
    if (answer.error) {
      assert.equal(typeof answer.error.code, 'number', `${o.method}: error without a code`);
      // A cancelled request may be answered either way; none may fail inside the server: malformed
      // parameters get InvalidParams, unknown methods MethodNotFound.
      assert.notEqual(
        answer.error.code,
        -32603,
        `${o.method}: internal error on ${o.wellFormed ? 'well-formed' : 'malformed'} parameters: ${answer.error.message}`,
      );
      continue;
    }
    o.check(answer);
  }

  // The server handles messages in order: once this is answered, every close sent before it has been handled.
  const synced = await server.request('textDocument/codeLens', { textDocument: { uri: 'file:///fuzz/sync.yaml' } });
  assert.ok(!synced.error && server.alive, `the server died: ${json(server.exited)}\n${server.stderr.slice(-3000)}`);
  // Diagnostics settle on a fresh analysis of what the client holds; closed files have none.
  for (const d of docs) {
    if (d.doc) {
      const text = d.doc.getText();
      const expected = expectedDiagnostics(text, effectiveSettings);
      const from = Math.max(Date.now(), d.lastEditAt + serverLimits.holdMs + 100);
      // A megabyte takes seconds to analyze on a loaded machine.
      const deadline = from + serverLimits.settleMs + text.length / 100;
      await sleep(from - Date.now());
      for (;;) {
        assert.ok(server.alive, `the server died: ${json(server.exited)}\n${server.stderr.slice(-3000)}`);
        const latest = server.latest(d.uri);
        if (latest && latest.version === d.version && isDeepStrictEqual(latest.diagnostics, expected)) break;
        if (Date.now() > deadline) {
          assert.deepEqual(
            { version: latest?.version, diagnostics: latest?.diagnostics },
            { version: d.version, diagnostics: expected },
            `diagnostics of ${d.uri} (${text.length} characters) differ from a fresh analysis of its text ${json(text.length > 2000 ? text.slice(0, 2000) + '…' : text)}`,
          );
        }
        await sleep(20);
      }
    } else if (d.sent.size > 0) {
      // A re-check timer of the closed file would fire within the hold-back.
      await sleep(Math.max(0, d.lastEditAt + serverLimits.holdMs + 100 - Date.now()));
      const latest = server.latest(d.uri);
      assert.ok(
        latest === null || latest.diagnostics.length === 0,
        `diagnostics published after ${d.uri} was closed: ${json(latest?.diagnostics.slice(0, 3))}; publications: ${json(server.publications.filter((p) => p.uri === d.uri).map((p) => [p.version, p.diagnostics.length, p.at]))}`,
      );
    }
  }
  // Intermediate publications too: every diagnostic lies inside a text sent with its version.
  for (const d of docs) {
    for (const publication of server.publications) {
      if (publication.uri !== d.uri || publication.diagnostics.length === 0) continue;
      // Versions the client never sent came with malformed notifications; the resync after them is what counts.
      const texts = d.sent.get(publication.version as number);
      if (!texts) continue;
      const fits = texts.some((text) => {
        const lines = lineContents(text);
        return publication.diagnostics.every((x) => inside(lines, x.range?.start) && inside(lines, x.range?.end));
      });
      assert.ok(
        fits,
        `diagnostics of ${d.uri} version ${json(publication.version)} lie outside every text sent with that version: ${json(publication.diagnostics.map((x) => x.range))}`,
      );
    }
  }

  for (const d of docs) if (d.doc) server.notify('textDocument/didClose', { textDocument: { uri: d.uri } });
  // Forget this sequence's publications: the next one checks its own.
  const uris = new Set(docs.map((d) => d.uri));
  for (let i = server.publications.length - 1; i >= 0; i--) if (uris.has(server.publications[i].uri as string)) server.publications.splice(i, 1);
  counters.sequences++;
}

async function withTimeout(o: Outstanding, ms: number): Promise<Answer & { ms: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Timers run before pending input is read: after a long synchronous stretch of this thread (a fresh
    // analysis of a big file) the answer may be waiting in the pipe. Read it first, then judge.
    const expire = () =>
      setImmediate(() => setTimeout(() => reject(new assert.AssertionError({ message: `${o.method}: no answer within ${ms} ms (timeout)` })), 20));
    timer = setTimeout(expire, Math.max(0, o.sentAt + ms - Date.now()));
  });
  try {
    return await Promise.race([o.answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The first failure of a case, before shrinking: a shrunk sequence replays on
 * a server that earlier attempts left in some state, so it may fail
 * differently (or, timing-dependent, not at all).
 */
let firstFailure: string | null = null;
export const resetFirstFailure = () => (firstFailure = null);
export const firstFailureOfCase = () => firstFailure;

/** The property: one sequence on the shared server (restarted first if an earlier sequence killed it). */
export async function checkServerSequence(steps: Step[], counters: Counters): Promise<void> {
  const server = await sharedServer(counters);
  try {
    await runSequence(server, steps, counters);
  } catch (error) {
    if (error instanceof Error && server.trace.length > 0) error.message += `\n\nlast messages:\n${server.trace.slice(-60).join('\n')}`;
    const timedOut = error instanceof assert.AssertionError && /\(timeout\)/.test(error.message);
    if (timedOut) counters.timeouts++;
    firstFailure ??= error instanceof Error ? error.message : String(error);
    // A server that stopped answering is no use to the next sequence.
    if (timedOut) await server.kill();
    throw error;
  }
}
