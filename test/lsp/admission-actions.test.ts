import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { analyzeText, type AnalyzeOptions, defaultNode } from '../../server/src/engine/analyze';
import { readClusterObjects } from '../../server/src/engine/admission';
import { codeActions } from '../../server/src/service/codeActions';
import { analyzedFile } from '../../server/src/service/document';
import { LineMap } from '../../server/src/service/positions';
import { defaultSettings } from '../../server/src/service/settings';
import { find } from './client';

/**
 * Make Guaranteed starts from the admitted pod the hovers show: values a
 * LimitRange fills in count as set and are not written again.
 */

const limitRange = `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: shop
spec:
  limits:
    - type: Container
      default: { cpu: 500m, memory: 256Mi }
      defaultRequest: { cpu: 100m, memory: 128Mi }
`;

const deployment = (namespace: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: nginx:1.27
        - name: cache
          image: redis:7.4
          resources:
            limits:
              memory: 512Mi
`;

/** The text after applying the Make Guaranteed refactoring at the workload's kind, or its disabled reason. */
function makeGuaranteed(text: string, options: AnalyzeOptions): string {
  const file = analyzedFile('file:///web.yaml', 1, analyzeText(text, options), options);
  const at = find(text, 'kind: Deployment');
  const actions = codeActions(file, { start: at, end: at }, { diagnostics: [], only: ['refactor'] }, defaultSettings);
  const action = actions.find((a) => a.title === 'Make Guaranteed');
  assert.ok(action, 'no Make Guaranteed action');
  if (action.disabled) return `disabled: ${action.disabled.reason}`;
  const edits = ((action.edit as WorkspaceEdit).documentChanges![0] as { edits: TextEdit[] }).edits;
  const lines = new LineMap(text);
  let result = text;
  for (const edit of [...edits].sort((a, b) => lines.offsetAt(b.range.start)! - lines.offsetAt(a.range.start)!)) {
    result = result.slice(0, lines.offsetAt(edit.range.start)!) + edit.newText + result.slice(lines.offsetAt(edit.range.end)!);
  }
  return result;
}

const withCluster = (text: string): AnalyzeOptions => ({ node: defaultNode, cluster: { objects: readClusterObjects(`${limitRange}---\n${text}`) } });

test("Make Guaranteed writes only the requests that must equal the LimitRange's default limits", () => {
  const text = deployment('shop');
  const fixed = makeGuaranteed(text, withCluster(text));
  // app: limits 500m / 256Mi come from the LimitRange, so only requests equal to them are written;
  // cache: its cpu limit 500m comes from the LimitRange; its memory request is copied from its written limit, as without a LimitRange.
  assert.equal(
    fixed,
    text
      .replace(
        '          image: nginx:1.27\n',
        '          image: nginx:1.27\n          resources:\n            requests:\n              cpu: 500m\n              memory: 256Mi\n',
      )
      .replace(
        '          resources:\n            limits:\n              memory: 512Mi\n',
        '          resources:\n            limits:\n              memory: 512Mi\n            requests:\n              cpu: 500m\n              memory: 512Mi\n',
      ),
  );
  const after = analyzeText(fixed, withCluster(fixed));
  assert.equal(after.documents[0].objects[0].analysis?.qos.qosClass, 'Guaranteed');
});

test('without a LimitRange for its namespace, the same workload cannot be made Guaranteed by guessing', () => {
  const text = deployment('staging');
  assert.equal(
    makeGuaranteed(text, withCluster(text)),
    'disabled: container app sets no cpu request or limit: Guaranteed needs one, and only its author knows how much cpu it needs. ' +
      'container app sets no memory request or limit: Guaranteed needs one, and only its author knows how much memory it needs. ' +
      'container cache sets no cpu request or limit: Guaranteed needs one, and only its author knows how much cpu it needs.',
  );
});
