import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lexer } from 'yaml';
import { type Finding, type Fix } from '../../../server/src/engine/findings';
import { ruleCatalog } from '../../../server/src/engine/rules/catalog';
import { carriesCode } from '../../../server/src/engine/fold';
import { caseFindings, isNegative, isPositive, parseCaseFile, readCaseFiles, type RuleCase } from '../../../scripts/rule-cases';
import { renderRulesDoc, rulesDocPath } from '../../../scripts/rules-doc';
import { severitySetting, syncedManifest } from '../../../scripts/sync-rule-settings';

/**
 * Every code of the rule catalog against its case file,
 * test/data/rules/<id>.yaml (see scripts/rule-cases.ts for the directives):
 * each document is analyzed alone, each expectation checked exactly (a
 * folded finding counts for each code it carries), every
 * error a document gets must be expected (a near miss must really be a near
 * miss, not an object refused for another reason), and every `# fix:` is
 * applied and the result analyzed again. Then the generated files:
 * docs/rules.md and package.json's severity setting.
 */

const root = path.resolve(__dirname, '../../../..');
const catalog = ruleCatalog();
const caseFiles = readCaseFiles(root);

/** Codes no manifest may produce, with why: they have near misses only. */
const withoutPositiveCase = new Map([['internal-error', 'reported only when Pod Lens itself fails on a document']]);

function where(ruleCase: RuleCase): string {
  return `${ruleCase.file}:${ruleCase.line}`;
}

function describe(text: string, findings: Finding[]): string {
  if (findings.length === 0) return '  (no findings)';
  return findings.map((f) => `  ${f.severity} ${f.code} at ${JSON.stringify(text.slice(f.start, f.end))}: ${f.message}`).join('\n');
}

/** Applies a fix's edits as an editor does: all against the original text, none overlapping. */
function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.start - a.start || b.end - a.end);
  edits.forEach((edit, i) => {
    assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `edit [${edit.start}, ${edit.end}) outside the text`);
    if (i > 0) assert.ok(edit.end <= edits[i - 1].start, `fix "${fix.title}" has overlapping edits`);
  });
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The comments of a YAML text with their offsets (lexer tokens; the lexer's one-character control tokens are not source). */
function comments(text: string): { offset: number; text: string }[] {
  const found: { offset: number; text: string }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (token.startsWith('#') && text.startsWith(token, offset)) found.push({ offset, text: token });
    offset += token.length;
  }
  return found;
}

function checkCase(ruleCase: RuleCase): void {
  const { findings, documents } = caseFindings(ruleCase.text, ruleCase.node, ruleCase.cluster);
  assert.equal(documents, 1, `${where(ruleCase)}: the manifest must be one YAML document`);
  const report = () => `${where(ruleCase)} reports:\n${describe(ruleCase.text, findings)}`;
  for (const expectation of ruleCase.expectations) {
    assert.ok(catalog.has(expectation.code), `${where(ruleCase)}: '${expectation.code}' is not in the rule catalog`);
    const count = findings.filter((f) => carriesCode(f, expectation.code)).length;
    assert.equal(count, expectation.count, `${where(ruleCase)}: expected ${expectation.count} × ${expectation.code}, got ${count}\n${report()}`);
  }
  const expected = new Set(ruleCase.expectations.map((e) => e.code));
  const unexpected = findings.filter((f) => f.severity === 'error' && ![...expected].some((code) => carriesCode(f, code)));
  assert.deepEqual(
    unexpected.map((f) => f.code),
    [],
    `${where(ruleCase)}: errors no directive expects (add '# expect: <id> <count>' or make the manifest valid)\n${report()}`,
  );

  for (const expectation of ruleCase.expectations) {
    if (!expectation.fix) continue;
    const target = findings.find((f) => carriesCode(f, expectation.code))!;
    const fix = target.fixes?.find((f) => f.title === expectation.fix);
    const offered = (target.fixes ?? []).map((f) => JSON.stringify(f.title)).join(', ') || 'none';
    assert.ok(fix, `${where(ruleCase)}: no fix "${expectation.fix}" on the first ${expectation.code} (offered: ${offered})`);
    const fixed = applyFix(ruleCase.text, fix);
    const after = caseFindings(fixed, ruleCase.node, ruleCase.cluster).findings;
    const same = (list: Finding[]) => list.filter((f) => f.code === target.code && f.message === target.message).length;
    assert.ok(same(after) < same(findings), `${where(ruleCase)}: after "${fix.title}" the finding is still there:\n${fixed}\n${describe(fixed, after)}`);
    assert.deepEqual(
      after.filter((f) => f.code === 'yaml-syntax').map((f) => f.message),
      [],
      `${where(ruleCase)}: "${fix.title}" breaks the YAML:\n${fixed}`,
    );
    // Fixes are text edits: every comment outside the edited ranges survives.
    const untouched = comments(ruleCase.text).filter(
      (comment) => !fix.edits.some((edit) => comment.offset < edit.end && comment.offset + comment.text.length > edit.start),
    );
    const left = new Set(comments(fixed).map((comment) => comment.text));
    for (const comment of untouched) assert.ok(left.has(comment.text), `${where(ruleCase)}: "${fix.title}" drops the comment ${comment.text}`);
  }
}

test('case files are well-formed and named after catalog ids', () => {
  assert.ok(caseFiles.length > 0, 'no case files found');
  assert.deepEqual(
    caseFiles.flatMap((file) => file.problems),
    [],
  );
  const strangers = caseFiles.filter((file) => !catalog.has(file.id)).map((file) => file.file);
  assert.deepEqual(strangers, [], 'case files named after no catalog id');
  const unknown = caseFiles.flatMap((file) =>
    file.cases.flatMap((c) => c.expectations.filter((e) => !catalog.has(e.code)).map((e) => `${where(c)}: ${e.code}`)),
  );
  assert.deepEqual(unknown, [], 'directives naming ids that are not in the catalog');
});

test('every catalog id has a case file with a case that reports it and a near miss', () => {
  const files = new Map(caseFiles.map((file) => [file.id, file]));
  const missing: string[] = [];
  for (const [id, info] of catalog) {
    // A chart's or an overlay's own errors come from rendering them, not from one manifest: test/sources has their cases.
    if (info.phase === 'source') continue;
    const cases = files.get(id)?.cases ?? [];
    if (!files.has(id)) missing.push(`${id}: no test/data/rules/${id}.yaml`);
    else {
      const positive = cases.some((c) => isPositive(c, id));
      if (!positive && !withoutPositiveCase.has(id)) missing.push(`${id}: no '# expect: ${id} <count>' case`);
      if (positive && withoutPositiveCase.has(id)) missing.push(`${id}: has a case, yet is listed as ${withoutPositiveCase.get(id)}`);
      if (!cases.some((c) => isNegative(c, id))) missing.push(`${id}: no '# expect-none: ${id}' case`);
    }
  }
  assert.deepEqual(missing, []);
});

for (const file of caseFiles) {
  test(`cases of ${file.id}`, () => {
    for (const ruleCase of file.cases) checkCase(ruleCase);
  });
}

test('docs/rules.md is what `npm run docs:rules` writes', () => {
  const written = fs.existsSync(path.join(root, rulesDocPath)) ? fs.readFileSync(path.join(root, rulesDocPath), 'utf8') : '';
  const expected = renderRulesDoc(root);
  assert.ok(written === expected, `${rulesDocPath} is out of date with the rule catalog or the case files: run \`npm run docs:rules\``);
});

test("package.json's severity setting lists the catalog, as `npm run sync:settings` writes it", () => {
  const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const synced = syncedManifest(manifest);
  const setting = (text: string) => JSON.parse(text).contributes.configuration.properties[severitySetting].properties;
  assert.deepEqual(Object.keys(setting(manifest)), Object.keys(setting(synced)), 'package.json and the rule catalog differ: run `npm run sync:settings`');
  assert.ok(manifest === synced, 'package.json and the rule catalog differ: run `npm run sync:settings`');
});

test("'# cluster:' documents are the inputs of the cases after them, up to the next run of them", () => {
  const source = [
    '# cluster: a',
    'kind: LimitRange',
    '---',
    '# cluster: b',
    'kind: PriorityClass',
    '---',
    '# expect-none: x',
    'kind: Pod',
    '---',
    '# expect-none: y',
    'kind: Pod',
    '---',
    '# cluster: c',
    'kind: RuntimeClass',
    '---',
    '# expect-none: z',
    'kind: Pod',
    '---',
    '# cluster: d',
    '# expect-none: w',
    'kind: Pod',
  ].join('\n');
  const parsed = parseCaseFile('x.yaml', source);
  assert.deepEqual(
    parsed.cases.map((c) => [c.expectations[0].code, c.cluster]),
    [
      ['x', ['kind: LimitRange\n', 'kind: PriorityClass\n']],
      ['y', ['kind: LimitRange\n', 'kind: PriorityClass\n']],
      ['z', ['kind: RuntimeClass\n']],
    ],
  );
  assert.deepEqual(parsed.problems, ["x.yaml:19: a '# cluster:' document is no case: it takes no other directive"]);
});
