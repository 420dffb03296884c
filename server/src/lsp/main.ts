import { runLsp } from '../cli/lsp';
import { processIo } from '../cli/io';

/**
 * The language server's process entry: starts serving at once, the way
 * `pod-lens lsp` does (same console redirection and crash guards), over IPC
 * for VS Code or stdio for any other client. The bundle (`dist/server.js`)
 * and the extension's unbundled fallback both start here.
 */
const transport = process.argv.includes('--stdio') ? '--stdio' : '--node-ipc';
void runLsp([transport], processIo).then((code) => {
  process.exitCode = code;
});
