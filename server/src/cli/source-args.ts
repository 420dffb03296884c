import { type HelmOptions } from '../sources/helm/chart';
import { type FuncMap } from '../sources/helm/template';
import { UsageError } from './io';
import { renderers } from './renderers';

/** `helm template`'s flags, as `pod-lens analyze` and `pod-lens render` take them for a chart directory. */
export const helmFlagsHelp = `Helm (a chart directory):
  -f, --values FILE          values files, merged after the chart's values.yaml, later wins (repeatable; comma-separated as Helm)
  --set K=V, --set-string K=V, --set-json K=JSON, --set-file K=FILE     Helm's syntax (repeatable)
  --release-name NAME        .Release.Name (default "release-name", as helm template)
  --namespace NS             .Release.Namespace (default "default")
  --kube-version V           .Capabilities.KubeVersion (default v1.36.0)
  --api-versions G/V[/KIND]  added to .Capabilities.APIVersions (repeatable)
  --show-only PATH           render only this template (repeatable; globs as Helm)
  --include-crds, --skip-tests, --no-hooks, --name-template TPL       as helm template
`;

/**
 * Takes one Helm flag into `helm` when `flag` is one; `value` reads the
 * flag's value (inline `--flag=value` or the next argument). Returns whether
 * it was a Helm flag.
 */
export function takeHelmFlag(flag: string, value: () => string, helm: HelmOptions): boolean {
  const push = (key: 'values' | 'set' | 'setString' | 'setJson' | 'setFile' | 'apiVersions' | 'showOnly', items: string[]) => {
    const list = (helm[key] ??= []) as string[];
    list.push(...items);
  };
  switch (flag) {
    case '-f':
    case '--values':
      // A string slice in Helm: commas separate files.
      push(
        'values',
        value()
          .split(',')
          .filter((file) => file !== ''),
      );
      return true;
    case '--set':
      push('set', [value()]);
      return true;
    case '--set-string':
      push('setString', [value()]);
      return true;
    case '--set-json':
      push('setJson', [value()]);
      return true;
    case '--set-file':
      push('setFile', [value()]);
      return true;
    case '--api-versions':
    case '-a':
      push(
        'apiVersions',
        value()
          .split(',')
          .filter((version) => version !== ''),
      );
      return true;
    case '--show-only':
    case '-s':
      push('showOnly', [value()]);
      return true;
    case '--release-name':
      helm.releaseName = value();
      return true;
    case '--namespace':
    case '-n':
      helm.namespace = value();
      return true;
    case '--kube-version':
      helm.kubeVersion = value();
      return true;
    case '--name-template':
      helm.nameTemplate = value();
      return true;
    case '--include-crds':
      helm.includeCrds = true;
      return true;
    case '--skip-tests':
      helm.skipTests = true;
      return true;
    case '--no-hooks':
      helm.noHooks = true;
      return true;
    default:
      return false;
  }
}

/** Splits `--flag=value` into its flag and value. */
export function splitFlag(arg: string): [string, string | undefined] {
  if (!arg.startsWith('--') || !arg.includes('=')) return [arg, undefined];
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}

export function valueReader(args: readonly string[], index: { i: number }, flag: string, inline: string | undefined): () => string {
  return () => {
    if (inline !== undefined) return inline;
    const next = args[++index.i];
    if (next === undefined) throw new UsageError(`${flag} needs a value`);
    return next;
  };
}

let functions: FuncMap | null = null;

/** Sprig as `helm template` runs it: the real clock (read once, so every template of a run agrees) and real randomness. */
export function cliFunctions(): FuncMap {
  functions ??= renderers().functions.sprigFunctions({ now: Date.now() });
  return functions;
}
