import * as path from 'node:path';
import { type Report } from '../engine/report';
import { ruleCatalog } from '../engine/rules/catalog';
import { packageVersion } from '../version';

/** SARIF 2.1.0 for code-scanning UIs: one run, one result per finding (a folded one lists its parts' codes in `properties.parts`), 1-based regions. */
export function toSarif(report: Report): unknown {
  const results = [];
  const used = new Set<string>();
  for (const file of report.files) {
    const uri = file.path.replace(/\\/g, '/');
    const diagnostics = [...file.diagnostics, ...file.objects.flatMap((o) => o.diagnostics)];
    for (const d of diagnostics) {
      used.add(d.code);
      for (const part of d.parts ?? []) used.add(part.code);
      const at = d.path === undefined ? uri : path.posix.join(uri, d.path);
      results.push({
        ruleId: d.code,
        level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: at },
              region: { startLine: d.line + 1, startColumn: d.character + 1, endLine: d.endLine + 1, endColumn: d.endCharacter + 1 },
            },
          },
        ],
        // A folded finding (a container's missing requests and limits) names every code it carries.
        ...(d.parts ? { properties: { parts: d.parts } } : {}),
      });
    }
  }
  const catalog = ruleCatalog();
  const rules = [...used].sort().map((id) => ({
    id,
    shortDescription: { text: catalog.get(id)?.rationale ?? id },
    defaultConfiguration: { level: sarifLevel(catalog.get(id)?.severity) },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Pod Lens',
            informationUri: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
            version: packageVersion(),
            rules,
          },
        },
        results,
      },
    ],
  };
}

function sarifLevel(severity: string | undefined): string {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
