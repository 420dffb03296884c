import { test } from 'node:test';
import { checkFixes } from './properties';

/**
 * Counterexamples the fuzzer found, kept as plain cases: each failed before
 * its fix and must keep passing.
 */

const pod = (...lines: string[]) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    'spec:',
    '  containers:',
    '  - name: app0',
    '    image: "registry.example.com/app:1.0"',
    ...lines,
    '',
  ].join('\n');

test('canonical quantity: a plain value YAML reads as a float is written so that it stays canonical (11e-9, not a second fix to 1.1e-8)', () => {
  checkFixes(pod('    resources:', '      requests:', '        cpu: 10.9999999999999e-9'));
});

test('non-integer resource: no "round up" fix when the whole number still fails the check (MilliValue wraps past int64)', () => {
  checkFixes(pod('    resources:', '      requests:', '        example.com/foo: 9223372036854775.0'));
  checkFixes(['apiVersion: v1', 'kind: Pod', 'spec:', '  overhead:', '    example.com/foo: 9223372036854776', '  containers: []', ''].join('\n'));
});

test('canonical quantity: no rewrite of a null value (`cpu:  # comment` became `cpu:  0# comment`, a broken document)', () => {
  checkFixes(pod('    resources:', '      requests:', '        cpu:  # TODO: tune'));
  checkFixes(pod('    resources:', '      limits:', '        cpu: null', '        memory:'));
});

test('missing memory limit: no "set the limit to the request" fix when the request is null or zero (the limit would still be unset)', () => {
  checkFixes(pod('    resources:', '      requests:', '        memory: ~'));
  checkFixes(pod('    resources:', '      requests:', '        memory: 0'));
});

test('make Guaranteed: a container listed twice through an alias is edited once (the same insert twice broke the flow map)', () => {
  checkFixes(
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  containers:',
      '  - &base',
      '    name: app0',
      '    image: x',
      '    resources:',
      '      requests:',
      '        cpu: 500m',
      '        memory: ".1"',
      '      limits: {}',
      '  - *base',
      '',
    ].join('\n'),
  );
});
