import { type Connection } from 'vscode-languageserver';
import { readSettings, type ServiceSettings } from '../service/settings';

/**
 * Where settings come from: `workspace/configuration` (section `podLens`)
 * when the client offers it, else what it pushes with
 * `workspace/didChangeConfiguration` or passes as initialization options.
 */
export class SettingsSource {
  canPull = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  read(section: unknown): ServiceSettings {
    const { settings, problems } = readSettings(section);
    for (const problem of problems) this.log(`settings: ${problem}`);
    return settings;
  }

  /** The `podLens` section of a pushed settings object (`{ podLens: {...} }`), or the object itself. */
  static section(pushed: unknown): unknown {
    if (typeof pushed === 'object' && pushed !== null && 'podLens' in pushed) return (pushed as { podLens: unknown }).podLens;
    return pushed;
  }

  async pull(): Promise<ServiceSettings | null> {
    if (!this.canPull) return null;
    try {
      const section = await this.connection.workspace.getConfiguration('podLens');
      return this.read(section);
    } catch (error) {
      this.log(`settings: workspace/configuration failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
