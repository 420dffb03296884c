/**
 * The kubelet's crash-loop back-off for one container (`docs/kubernetes/lifecycle.md` a):
 * a client-go `flowcontrol.Backoff` built with 10 s initial, 300 s max, no jitter,
 * and an expiry of a fixed 600 s since the entry's last update, consulted by
 * `doBackOff` against the newest exited instance of the container.
 */

export const INITIAL_CRASH_LOOP_BACKOFF_SECONDS = 10;
export const MAX_CRASH_LOOP_BACKOFF_SECONDS = 300;
/** `HasExpiredFunc`: an entry older than this since its last `Next` is forgotten (also by `GC()`). */
export const BACKOFF_EXPIRY_SECONDS = 600;

export interface BackoffEntry {
  backoffSeconds: number;
  /** When `Next` last ran: the restart decision, not the exit. */
  lastUpdate: number;
}

export interface RestartDecision {
  restartAt: number;
  /** The entry after the decision (null when the kubelet made none). */
  entry: BackoffEntry | null;
}

/**
 * A sync refused by the back-off is requeued at min(time left, 60 s) (v1.34+,
 * #133066, without its jitter): the syncs at which an expired entry is found gone.
 */
export const BACKOFF_REQUEUE_SECONDS = 60;

/** Housekeeping `GC()` runs every 2 s; with zero latency an entry is gone as soon as it expires. */
function liveEntry(entry: BackoffEntry | null, now: number): BackoffEntry | null {
  return entry !== null && now - entry.lastUpdate > BACKOFF_EXPIRY_SECONDS ? null : entry;
}

/** `Backoff.Next`: a fresh entry when there is none, else the doubled one, capped. */
function next(entry: BackoffEntry | null, now: number): BackoffEntry {
  if (entry === null) return { backoffSeconds: INITIAL_CRASH_LOOP_BACKOFF_SECONDS, lastUpdate: now };
  return { backoffSeconds: Math.min(2 * entry.backoffSeconds, MAX_CRASH_LOOP_BACKOFF_SECONDS), lastUpdate: now };
}

/**
 * A container exited at `exitAt` and the kubelet will restart it; `now` is the
 * sync that first considers the restart (the exit's own, unless the restart
 * was held back until then). The restart waits while
 * `IsInBackOffSince(FinishedAt)` holds, i.e. until exit + backoff (a restart at
 * exactly that time is allowed), unless the entry expires first: then `GC()`
 * drops it and the next requeued sync restarts with a fresh 10 s entry. No
 * entry at all (the first exit) means no wait: issue #133472, still open in v1.36.
 */
export function decideRestartAfterExit(entry: BackoffEntry | null, exitAt: number, now: number = exitAt): RestartDecision {
  const current = liveEntry(entry, now);
  if (current === null) return { restartAt: now, entry: next(null, now) };
  const heldUntil = exitAt + current.backoffSeconds;
  if (heldUntil <= now) return { restartAt: now, entry: next(current, now) };
  const expiresAt = current.lastUpdate + BACKOFF_EXPIRY_SECONDS;
  if (heldUntil <= expiresAt) return { restartAt: heldUntil, entry: next(current, heldUntil) };
  // GC() drops the entry once it is older than 600 s, but that is no sync: the first requeued
  // sync after it finds no entry and restarts the container with a fresh one.
  let sync = now;
  do sync += Math.min(heldUntil - sync, BACKOFF_REQUEUE_SECONDS);
  while (sync <= expiresAt);
  return { restartAt: sync, entry: next(null, sync) };
}

/**
 * A liveness or startup probe failure: `SyncPod` kills the container and starts
 * it again in the same sync with the pod status read before the kill, so
 * `doBackOff` judges the previous exited instance (issue #22240, lifecycle a.5).
 * No previous instance: restart at once without touching the entry. A previous
 * instance older than the backoff: restart at once and `Next`. Otherwise the
 * start is refused and the next sync sees this kill's exit, as after any exit.
 */
export function decideRestartAfterProbeKill(entry: BackoffEntry | null, previousExitAt: number | null, killExitAt: number): RestartDecision {
  if (previousExitAt === null) return { restartAt: killExitAt, entry };
  const current = liveEntry(entry, killExitAt);
  if (current === null || killExitAt - previousExitAt >= current.backoffSeconds) {
    return { restartAt: killExitAt, entry: next(current, killExitAt) };
  }
  return decideRestartAfterExit(current, killExitAt);
}
