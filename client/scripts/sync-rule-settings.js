#!/usr/bin/env node
// Writes one documented entry per diagnostic code into the
// `podLens.diagnostics.severity` setting of package.json, from the engine's
// rule catalog, so that the settings editor offers every code with its
// rationale. test/client/settings.test.ts fails when the two drift apart.
// Run after `npm run build`:  node client/scripts/sync-rule-settings.js
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const { ruleCatalog } = require(path.join(root, 'out/server/src/engine/rules/catalog.js'));

const file = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
const setting = pkg.contributes.configuration.properties['podLens.diagnostics.severity'];
const properties = {};
for (const info of ruleCatalog().values()) {
  properties[info.id] = {
    type: 'string',
    enum: ['error', 'warning', 'information', 'hint', 'off'],
    description: `${info.rationale} Default: ${info.severity}.`,
  };
}
setting.properties = properties;
fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
process.stdout.write(`podLens.diagnostics.severity: ${Object.keys(properties).length} codes\n`);
