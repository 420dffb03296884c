import { type CliIo, UsageError } from './io';
import { useEnvironmentSnapshot } from '../runtime/environment';

const usage = `usage: pod-lens lsp --stdio | --node-ipc

Runs the Pod Lens language server (hovers, CodeLens, diagnostics, quick fixes
for Kubernetes YAML) for any LSP client. See docs/lsp.md for the settings.
`;

/** `pod-lens lsp --stdio`: serves until the client closes the connection. */
export async function runLsp(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(usage);
    return 0;
  }
  const transport = args.includes('--node-ipc') ? 'node-ipc' : args.includes('--stdio') ? 'stdio' : null;
  if (transport === null) throw new UsageError(`choose a transport: --stdio or --node-ipc\n${usage}`);
  useEnvironmentSnapshot();
  // Loaded here so that `pod-lens analyze` never pays for the LSP libraries.
  const { createTransportConnection, startServer } = require('../lsp/server') as typeof import('../lsp/server');
  const connection = createTransportConnection(transport);
  // On stdio, standard output is the protocol: a stray console.log from any module would corrupt it.
  const toClient = (...parts: unknown[]) => connection.console.log(parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  console.log = toClient;
  console.info = toClient;
  console.warn = toClient;
  console.error = toClient;
  console.debug = toClient;
  // A bug in one handler must not cost the user the server: report it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`pod-lens: uncaught ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`pod-lens: unhandled rejection ${String(reason)}`));
  await startServer(connection);
  return 0;
}
