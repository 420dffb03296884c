import { test } from 'node:test';
import { analyzeText, defaultNode } from '../../server/src/engine/analyze';
import { checkRedetail } from '../fuzz/properties';
import { realManifests } from '../fuzz/generators';

/**
 * Hovers and refactorings rebuild a document's tree from its compact result
 * (`redetailDocument`) instead of analyzing it again; what they read must be
 * what a fresh analysis gives, for every kind of document.
 */
const edgeCases: { name: string; text: string }[] = [
  { name: 'syntax error', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: [\n' },
  { name: 'not a Kubernetes object', text: 'just: a map\nof: things\n' },
  { name: 'workload without a pod spec', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' },
  {
    name: 'object the API server refuses (no analysis)',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n    resources:\n      requests:\n        cpu: 2\n      limits:\n        cpu: 1\n',
  },
  {
    name: 'misindented resources (a fix on an unknown field)',
    text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n    env:\n    - name: A\n      value: b\n      resources:\n        limits:\n          memory: 1Gi\n',
  },
  { name: 'empty text', text: '' },
];

test('a detail rebuilt from a compact result equals a fresh one: real manifests and edge cases', () => {
  for (const { text } of [...realManifests, ...edgeCases]) checkRedetail(analyzeText(text, { node: defaultNode }));
});
