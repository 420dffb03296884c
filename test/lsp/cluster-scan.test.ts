import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { WorkspaceCluster } from '../../server/src/lsp/cluster';
import { type DirectoryEntry, type ReadonlyFileSystem } from '../../server/src/sources/files';

/**
 * The workspace scan reads the YAML files that may hold LimitRanges, quotas
 * and classes, up to two million characters each; a file the disk says is
 * larger than that, whatever its encoding, is not even read.
 */

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
spec:
  limits:
  - type: Container
    defaultRequest:
      cpu: 100m
`;

function workspace(files: Record<string, { text: string; bytes?: number }>): ReadonlyFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readText(path) {
      reads.push(path);
      return files[path]?.text;
    },
    readBytes: () => undefined,
    list(path): DirectoryEntry[] | undefined {
      if (path !== '/w') return undefined;
      return Object.keys(files).map((file) => ({ name: file.slice('/w/'.length), isDirectory: false }));
    },
    byteSize: (path) => files[path]?.bytes ?? files[path]?.text.length,
  };
}

test('a file the disk says holds more characters than the scan takes is not read', () => {
  const fs = workspace({
    '/w/limits.yaml': { text: limitRange },
    // Six million bytes and one: more than two million characters whatever the encoding.
    '/w/huge.yaml': { text: limitRange, bytes: 6_000_001 },
    // Six million bytes may be two million three-byte characters: read, and taken.
    '/w/wide.yaml': { text: limitRange.replace('defaults', 'wide'), bytes: 6_000_000 },
  });
  const cluster = new WorkspaceCluster(['/w'], fs);
  const context = cluster.context();
  assert.deepEqual(fs.reads.sort(), ['/w/limits.yaml', '/w/wide.yaml']);
  assert.deepEqual(context?.objects.limitRanges.map((l) => l.name).sort(), ['defaults', 'wide']);
});
