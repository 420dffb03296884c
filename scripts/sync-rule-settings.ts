import * as fs from 'node:fs';
import * as path from 'node:path';
import { type RuleInfo, ruleCatalog } from '../server/src/engine/rules/catalog';

/**
 * One documented entry per diagnostic code in the `podLens.diagnostics.severity`
 * setting of package.json, from the rule catalog, so that the settings editor
 * offers every code with its rationale. test/engine/rules/catalog.test.ts fails
 * when package.json and the catalog drift apart.
 *
 * `npm run sync:settings` (builds, then runs out/scripts/sync-rule-settings.js).
 */

export const severitySetting = 'podLens.diagnostics.severity';

export interface SeverityProperty {
  type: 'string';
  enum: string[];
  description: string;
}

export function severityProperties(catalog: Iterable<RuleInfo>): Record<string, SeverityProperty> {
  const properties: Record<string, SeverityProperty> = {};
  for (const info of catalog) {
    properties[info.id] = {
      type: 'string',
      enum: ['error', 'warning', 'information', 'hint', 'off'],
      description: `${info.rationale} Default: ${info.severity}.`,
    };
  }
  return properties;
}

/** package.json with the setting's properties written from the catalog, as the file's text. */
export function syncedManifest(manifestText: string): string {
  const manifest = JSON.parse(manifestText);
  manifest.contributes.configuration.properties[severitySetting].properties = severityProperties(ruleCatalog().values());
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

if (require.main === module) {
  const file = path.resolve(__dirname, '../../package.json');
  const before = fs.readFileSync(file, 'utf8');
  const after = syncedManifest(before);
  if (after !== before) fs.writeFileSync(file, after);
  process.stdout.write(`${severitySetting}: ${ruleCatalog().size} codes${after === before ? ', unchanged' : ', package.json updated'}\n`);
}
