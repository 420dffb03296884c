/**
 * The block-composer property: on random documents of the block style (and
 * the suite's real, structured and mutated manifests), the fast composer
 * either declines or builds exactly the `yaml` package's parse.
 */
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { composeBlockDocument } from '../../server/src/engine/reading/block-composer';
import { YAML_PARSE_OPTIONS } from '../../server/src/engine/reading/careful';
import { frameKubectlFile } from '../../server/src/engine/reading/reader';
import { parseDifference } from '../engine/reading/same-parse';
import * as g from './generators';
import type { Counters } from './properties';

const scalarText = fc.constantFrom(
  ...['a', 'web-1', '100m', '1Gi', '0', '-1', '007', '0o17', '0x1F', '1e3', '1.50', '.inf', '.NaN', '~', 'null', 'Null', 'true', 'False', 'yes', '1_000'],
  ...['"1"', "'x''y'", '""', "''", '"a: b"', "'# c'", 'a:b', 'x,y', '[]', '{}', '[ ]', '[1]', '{a: 1}', 'a # c', '#c', '*a', '&a x', '!!str 1', '|', '>-'],
  ...['-x', '- x', '? x', ': x', 'a: b', 'http://h:80/p', '0 */6 * * *', 'größe', '"\\t"', '%x', '@x', '`x', 'a\tb', 'x  ', ''],
);
const keyText = fc.constantFrom('a', 'name', 'cpu', '1', 'true', '~', '"q"', "'s'", 'a b', 'a : ', '- a', '? a', 'k'.repeat(1030), '#k', '&k x');
const blank = fc.constantFrom('', '', '', '\n', '  \n', '# c\n', '  # c\n');

type Shape = { kind: 'scalar'; text: string } | { kind: 'map'; entries: [string, Shape][] } | { kind: 'seq'; items: Shape[] };

const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('scalar' as const), text: scalarText }),
    fc.record({ kind: fc.constant('map' as const), entries: fc.array(fc.tuple(keyText, tie('node')), { minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('seq' as const), items: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
  ),
})).node;

/** Writes a shape in block style, with random indentation of sequences, blank lines and comments between entries. */
function write(node: Shape, indent: number, compactSeq: boolean, gaps: string[]): string {
  const pad = ' '.repeat(indent);
  const gap = () => gaps[(gaps.length + indent) % gaps.length] ?? '';
  if (node.kind === 'scalar') return `${node.text}\n`;
  if (node.kind === 'map') {
    return node.entries
      .map(([key, value], i) => {
        const head = `${i === 0 ? '' : pad}${key}:`;
        if (value.kind === 'scalar') return `${i === 0 ? '' : gap()}${head}${value.text === '' ? '' : ' '}${value.text}\n`;
        const childIndent = value.kind === 'seq' && compactSeq ? indent : indent + 2;
        return `${i === 0 ? '' : gap()}${head}\n${' '.repeat(childIndent)}${write(value, childIndent, compactSeq, gaps)}`;
      })
      .join('');
  }
  return node.items
    .map((item, i) => {
      const lead = i === 0 ? '- ' : `${gap()}${pad}- `;
      return `${lead}${write(item, indent + 2, compactSeq, gaps)}`;
    })
    .join('');
}

export const blockDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\n', '--- \n', '---\n\n', '---\n# Source: x\n', '---\n# a\n\n#b\n', '\n'),
    shape,
    fc.boolean(),
    fc.array(blank, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('', '\n', '  ', '\n\n'),
  )
  .map(([marker, node, compactSeq, gaps, tail]) => {
    const body = write(node.kind === 'scalar' ? { kind: 'map', entries: [['a', node]] } : node, 0, compactSeq, gaps);
    return marker + (tail === '' ? body : body.replace(/\n$/, '') + tail);
  });

export function checkBlockComposer(text: string, counters: Counters): void {
  for (const document of frameKubectlFile(text).documents) {
    counters.documents++;
    const ours = composeBlockDocument(document.text);
    if (!ours) continue;
    const difference = parseDifference(ours, parseDocument(document.text, YAML_PARSE_OPTIONS));
    if (difference) throw new Error(`the block composer differs from the yaml package on ${JSON.stringify(document.text)}: ${difference}`);
  }
}

export const blockComposerProperty = {
  name: 'block-composer',
  what: 'random block-style documents and mutated manifests: the block composer builds exactly the yaml package parse, or declines',
  arbitrary: fc.oneof({ weight: 4, arbitrary: blockDocument }, { weight: 1, arbitrary: g.structuredFile }, { weight: 1, arbitrary: g.mutatedManifest }),
  check: (text: string, counters: Counters) => checkBlockComposer(text, counters),
  testRuns: 400,
  weight: 2,
};
