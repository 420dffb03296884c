import { type CliIo, processIo, UsageError } from './io';
import { packageVersion } from '../version';
import { useEnvironmentSnapshot } from '../runtime/environment';

const usage = `usage: pod-lens <command> [options]

commands:
  analyze [options] PATH...   what Kubernetes computes for each workload (QoS, requests, cgroups, OOM score, findings)
                              of YAML files, Helm charts and kustomize overlays
  render [options] PATH       the YAML a chart renders to or an overlay builds, as helm template / kustomize build print it
  simulate FILE [options]     the pod's lifecycle as the kubelet would play it out
  lsp --stdio                 run the language server (for any LSP editor)

Run 'pod-lens <command> --help' for a command's options.
`;

type Command = (args: string[], io: CliIo) => Promise<number>;

// Commands load lazily: `pod-lens analyze` in CI should not pay for the language server's modules.
const commands: Record<string, () => Command> = {
  analyze: () => require('./analyze').runAnalyze as Command,
  simulate: () => require('./simulate').runSimulate as Command,
  render: () => require('./render').runRender as Command,
  lsp: () => require('./lsp').runLsp as Command,
};

export async function main(args: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  const load = commands[name];
  useEnvironmentSnapshot();
  if (!load) {
    io.stderr(`pod-lens: unknown command '${name}'\n${usage}`);
    return 2;
  }
  try {
    return await load()(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`pod-lens ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
