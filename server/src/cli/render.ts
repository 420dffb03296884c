import { renderSource } from '../sources';
import { type HelmOptions } from '../sources/helm/chart';
import { diskFileSystem } from '../runtime/disk';
import { readInput, sourceAt } from './input';
import { type CliIo, UsageError } from './io';
import { cliFunctions, helmFlagsHelp, splitFlag, takeHelmFlag, valueReader } from './source-args';

const help = `usage: pod-lens render [options] PATH

Prints what Kubernetes would be sent: the YAML stream \`helm template\` prints for a
chart directory (each document after its "# Source:" line), the one \`kustomize build\`
prints for a kustomization directory, or a file as it is.

${helmFlagsHelp}
Exit status: 0 rendered, 2 bad usage or a chart or overlay that cannot be rendered
(Helm's or kustomize's message on standard error).
`;

/** `pod-lens render PATH`: the rendered chart or built overlay, as its own tool prints it. */
export async function runRender(args: string[], io: CliIo): Promise<number> {
  const helm: HelmOptions = {};
  const paths: string[] = [];
  const at = { i: 0 };
  for (; at.i < args.length; at.i++) {
    const arg = args[at.i];
    const [flag, inline] = splitFlag(arg);
    if (flag === '--help' || flag === '-h') {
      io.stdout(help);
      return 0;
    }
    if (takeHelmFlag(flag, valueReader(args, at, flag, inline), helm)) continue;
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}' (see --help)`);
    paths.push(arg);
  }
  if (paths.length !== 1) throw new UsageError(paths.length === 0 ? 'which chart or overlay? usage: pod-lens render [options] PATH' : 'give one PATH');
  const target = paths[0];
  const source = target === '-' ? null : sourceAt(target, io);
  if (!source) {
    io.stdout(await readInput(target, io, 'render'));
    return 0;
  }
  const rendered = renderSource(diskFileSystem, source.dir, source.kind, { helm: { ...helm, baseDir: io.cwd, functions: cliFunctions() } });
  if (rendered.failure !== null) {
    io.stderr(`${rendered.failure}\n`);
    return 2;
  }
  // kubectl prints kustomize's warnings ("# Warning: …") as they are.
  for (const problem of rendered.problems) if (problem.severity === 'warning') io.stderr(`${problem.message}\n`);
  io.stdout(rendered.text);
  return 0;
}
