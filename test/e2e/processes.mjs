// Starting and stopping the harness's own processes. Each one is started in a
// process group of its own and ended through that group, so that its
// children (code-server's extension host, file watcher and the Pod Lens
// server; Chromium's renderers) go with it. Every child also inherits a
// marker variable, and a last sweep ends whatever still carries it: a child
// that made a session of its own (setsid) would otherwise outlive the group.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

export const MARKER = 'POD_LENS_E2E_RUN';

const groups = new Set();

/** Spawns `command` in a new process group, output to `logStream`. */
export function startGroup(command, args, { env, cwd, logStream, name }) {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const entry = { pid: child.pid, name, child, exited: false };
  child.on('exit', () => (entry.exited = true));
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  groups.add(entry);
  return entry;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the group, SIGKILL after `graceMs` if anything in it is left. */
export async function stopGroup(entry, graceMs = 5000) {
  if (!entry) return;
  signalGroup(entry.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(entry.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(entry.pid)) signalGroup(entry.pid, 'SIGKILL');
  groups.delete(entry);
}

/** Processes (other than this one) whose environment carries the marker of this run. */
export function markedProcesses(runId) {
  const needle = `${MARKER}=${runId}`;
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`, 'latin1');
      if (!environ.split('\0').includes(needle)) continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'latin1').replace(/\0/g, ' ').trim();
      found.push({ pid: Number(name), cmdline });
    } catch {
      // Exited while we looked, or not ours to read.
    }
  }
  return found;
}

/** Synchronous last resort (exit and signal handlers): SIGKILL every group and every marked process. */
export function killEverythingNow(runId) {
  for (const entry of groups) signalGroup(entry.pid, 'SIGKILL');
  groups.clear();
  for (const { pid } of markedProcesses(runId)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone.
    }
  }
}

/** A port on the loopback interface that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
