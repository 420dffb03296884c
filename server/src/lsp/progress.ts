import {
  type Connection,
  type ProgressToken,
  WorkDoneProgress,
  type WorkDoneProgressBegin,
  WorkDoneProgressCreateRequest,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';

/**
 * Work-done progress for long work (the analysis of a big file; later the
 * rendering of a chart or an overlay), the way LSP specifies it when the
 * server starts the work itself: `window/workDoneProgress/create`, then
 * `$/progress` with `begin`, `report`s and `end` on the token the client
 * accepted. VS Code shows it in the status bar.
 *
 * Short work shows nothing. Whether work is short is decided by the clock,
 * not up front from its size: a task begins to report only once it has
 * lasted `delayMilliseconds` (500 ms), so a machine fast enough to finish a
 * big file in less shows nothing either, and a slow one shows progress for
 * a file of any size. Reports are sent when the whole percentage changes, so
 * a task sends at most about a hundred.
 */

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Where progress goes: the connection to the client (or a recorder, in tests). */
export interface ProgressChannel {
  /** Asks the client to create `token`; resolves once it has (rejects when it refuses). */
  create(token: ProgressToken): Promise<void>;
  notify(token: ProgressToken, value: ProgressValue): void;
}

export function connectionChannel(connection: Connection): ProgressChannel {
  return {
    create: async (token) => {
      await connection.sendRequest(WorkDoneProgressCreateRequest.type, { token });
    },
    notify: (token, value) => void connection.sendProgress(WorkDoneProgress.type, token, value).catch(() => undefined),
  };
}

export interface ProgressOptions {
  /** How long a task runs before it is shown (default 500 ms). */
  delayMilliseconds?: number;
}

/** One piece of work being reported; `report` and `end` may be called whether or not it is shown yet. */
export interface ProgressTask {
  /** `done` of `total` units (documents) are finished. */
  report(done: number, total: number): void;
  end(): void;
}

type Phase = 'waiting' | 'creating' | 'shown' | 'ended';

export class Progress {
  private nextToken = 0;
  private readonly delayMilliseconds: number;

  /** `supported` tells whether the client advertised `window.workDoneProgress` (known only after `initialize`). */
  constructor(
    private readonly channel: ProgressChannel,
    private readonly supported: () => boolean,
    options: ProgressOptions = {},
  ) {
    this.delayMilliseconds = options.delayMilliseconds ?? 500;
  }

  /** Starts the clock on a task titled `title`, counted in `unit` ("documents"). */
  start(title: string, unit: string): ProgressTask {
    if (!this.supported()) return { report: () => undefined, end: () => undefined };
    const token = `pod-lens/${process.pid}/${this.nextToken++}`;
    const channel = this.channel;
    let phase: Phase = 'waiting';
    let done = 0;
    let total = 0;
    let shownPercentage = -1;
    const state = () => ({ percentage: total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0, message: `${done} of ${total} ${unit}` });

    const show = () => {
      phase = 'creating';
      channel.create(token).then(
        () => {
          // Ended while the client was creating the token: an `end` alone releases it without a flash in the status bar.
          if (phase === 'ended') return channel.notify(token, { kind: 'end' });
          phase = 'shown';
          const { percentage, message } = state();
          shownPercentage = percentage;
          channel.notify(token, { kind: 'begin', title, cancellable: false, percentage, message });
        },
        () => {
          // A client that refuses the token gets no progress for this task.
          phase = 'ended';
        },
      );
    };
    const timer = setTimeout(show, this.delayMilliseconds);
    timer.unref?.();

    return {
      report(nextDone, nextTotal) {
        total = Math.max(0, nextTotal);
        // Percentages only grow: work added during a run (an edit) makes the rest slower, not the past undone.
        done = Math.max(0, Math.min(nextDone, total));
        if (phase !== 'shown') return;
        const { percentage, message } = state();
        if (percentage <= shownPercentage) return;
        shownPercentage = percentage;
        channel.notify(token, { kind: 'report', percentage, message });
      },
      end() {
        clearTimeout(timer);
        const was = phase;
        phase = 'ended';
        if (was === 'shown') channel.notify(token, { kind: 'end' });
      },
    };
  }
}
