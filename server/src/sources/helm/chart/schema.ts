/**
 * `values.schema.json` validation (chartutil.ValidateAgainstSchema): each
 * chart's schema against its section of the coalesced values, subcharts
 * included, with the wording of Helm's validator (santhosh-tekuri/jsonschema
 * v6: `- at '/age': minimum: got -5, want 0`). Validation itself is ajv's.
 * Schemas that reference documents by URL cannot be fetched here and are
 * not checked.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { type ChartFile, decodeText, type LoadedChart } from './chart';
import { type ChartError } from './loader';
import { goQuote } from './functions';
import { type HelmMap, type HelmValue, isNil, toPlain } from './values';
import { layoutG } from './yaml-decode';

const validators = new Map<string, ValidateFunction | Error>();

function compile(schemaText: string): ValidateFunction | Error {
  const cached = validators.get(schemaText);
  if (cached) return cached;
  let result: ValidateFunction | Error;
  try {
    const schema = JSON.parse(schemaText) as unknown;
    const draft = typeof schema === 'object' && schema !== null ? String((schema as Record<string, unknown>).$schema ?? '') : '';
    const options = { allErrors: true, strict: false, validateFormats: false, validateSchema: false } as const;
    const ajv = /draft-04/.test(draft)
      ? new AjvDraft04(options)
      : /draft-0[67]/.test(draft)
        ? new Ajv(options)
        : /2019-09/.test(draft)
          ? new Ajv2019(options)
          : new Ajv2020(options);
    result = ajv.compile(typeof schema === 'boolean' ? schema : (schema as object));
  } catch (error) {
    result = error as Error;
  }
  if (validators.size > 100) validators.clear();
  validators.set(schemaText, result);
  return result;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value;
}

/** jsonschema's quote: Go's %q with `"` unescaped and `'` escaped, in single quotes. */
function quote(text: string): string {
  return "'" + goQuote(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'";
}

/** Go's %v of a float64. */
function goNumber(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e');
  return (n < 0 ? '-' : '') + layoutG(mantissa.replace('.', ''), Number(exponent), 21);
}

/** jsonschema's display of a primitive. */
function display(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value !== null && typeof value === 'object') return 'value';
  if (typeof value === 'number') return goNumber(value);
  return String(value);
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** One v6-style line per failing place, from ajv's errors. */
function describe(errors: ErrorObject[], data: unknown): { path: string; message: string }[] {
  const missing = new Map<string, string[]>();
  const additional = new Map<string, string[]>();
  const lines: { path: string; message: string }[] = [];
  for (const error of errors) {
    const path = error.instancePath;
    const params = error.params as Record<string, unknown>;
    const value = valueAt(data, path);
    switch (error.keyword) {
      case 'required': {
        const list = missing.get(path) ?? [];
        if (list.length === 0) lines.push({ path, message: '\0required' });
        list.push(String(params.missingProperty));
        missing.set(path, list);
        break;
      }
      case 'additionalProperties': {
        const list = additional.get(path) ?? [];
        if (list.length === 0) lines.push({ path, message: '\0additional' });
        list.push(String(params.additionalProperty));
        additional.set(path, list);
        break;
      }
      case 'type': {
        const want = Array.isArray(params.type) ? (params.type as string[]).join(' or ') : String(params.type);
        lines.push({ path, message: `got ${jsonType(value)}, want ${want}` });
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        lines.push({ path, message: `${error.keyword}: got ${goNumber(value)}, want ${goNumber(params.limit)}` });
        break;
      case 'minLength':
      case 'maxLength':
        lines.push({ path, message: `${error.keyword}: got ${[...String(value)].length}, want ${JSON.stringify(params.limit)}` });
        break;
      case 'minItems':
      case 'maxItems':
        lines.push({ path, message: `${error.keyword}: got ${Array.isArray(value) ? value.length : 0}, want ${JSON.stringify(params.limit)}` });
        break;
      case 'minProperties':
      case 'maxProperties':
        lines.push({
          path,
          message: `${error.keyword}: got ${value && typeof value === 'object' ? Object.keys(value).length : 0}, want ${JSON.stringify(params.limit)}`,
        });
        break;
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]) ?? [];
        lines.push({
          path,
          message: allowed.length === 1 ? `value must be ${display(allowed[0])}` : `value must be one of ${allowed.map(display).join(', ')}`,
        });
        break;
      }
      case 'const':
        lines.push({ path, message: `value must be ${display(params.allowedValue)}` });
        break;
      case 'pattern':
        lines.push({ path, message: `'${String(value)}' does not match pattern '${String(params.pattern)}'` });
        break;
      case 'format':
        lines.push({ path, message: `'${String(value)}' is not valid ${String(params.format)}` });
        break;
      case 'multipleOf':
        lines.push({ path, message: `${JSON.stringify(value)} not multipleOf ${JSON.stringify(params.multipleOf)}` });
        break;
      case 'uniqueItems':
        lines.push({ path, message: `items at ${String(params.j)} and ${String(params.i)} are equal` });
        break;
      case 'contains':
        lines.push({ path, message: 'no items match contains schema' });
        break;
      case 'anyOf':
        lines.push({ path, message: 'anyOf failed' });
        break;
      case 'oneOf':
        lines.push({
          path,
          message: params.passingSchemas ? `oneOf failed, subschemas ${(params.passingSchemas as number[]).join(', ')} matched` : 'oneOf failed, none matched',
        });
        break;
      case 'not':
        lines.push({ path, message: 'not failed' });
        break;
      case 'false schema':
        lines.push({ path, message: 'false schema' });
        break;
      case 'if':
        break;
      default:
        lines.push({ path, message: error.message ?? error.keyword });
    }
  }
  const quoted = (names: string[]): string => names.map(quote).join(', ');
  for (const line of lines) {
    if (line.message === '\0required') {
      const names = missing.get(line.path) ?? [];
      line.message = names.length === 1 ? `missing property ${quoted(names)}` : `missing properties ${quoted(names)}`;
    } else if (line.message === '\0additional') line.message = `additional properties ${quoted(additional.get(line.path) ?? [])} not allowed`;
  }
  // A type (or const, enum) failure ends the validation of that value: nothing else is said about it.
  const decisive = new Set(lines.filter((line) => /^got |^value must be |^enum failed|^const failed/.test(line.message)).map((line) => line.path));
  const kept = lines.filter((line) => !decisive.has(line.path) || /^got |^value must be |^enum failed|^const failed/.test(line.message));
  // Helm's validator walks an object's properties in Go's map order; sorted by place here.
  return kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where a JSON pointer into the values was written; the nearest written ancestor when it was not. */
function placeOf(values: HelmMap, pointer: string, schema: ChartFile): { file: string; start: number; end: number } {
  let current: HelmValue = values;
  let best = current.origin;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    let next: HelmValue | undefined;
    if (current.kind === 'map') next = current.entries.get(key);
    else if (current.kind === 'list') next = current.items[Number(key)];
    if (!next) break;
    current = next;
    if (current.origin) best = current.origin;
  }
  if (best) return { file: best.file, start: best.start, end: best.end };
  return { file: schema.sourcePath, start: 0, end: 0 };
}

/** The schema failures of a chart tree: Helm's whole message, and one error per failing value for the editor. */
export function validateValuesAgainstSchemas(chart: LoadedChart, values: HelmMap): ChartError | undefined {
  const report: string[] = [];
  let firstPlace: { file: string; start: number; end: number } | undefined;
  const visit = (current: LoadedChart, section: HelmMap): void => {
    if (current.schema) {
      const validate = compile(decodeText(current.schema.data));
      const data = toPlain(section);
      if (validate instanceof SyntaxError) {
        // Not JSON: Helm's validator fails to read it (a schema that only references unreachable documents is skipped instead).
        report.push(`${current.metadata.name}:\n${validate.message}`);
        if (!firstPlace) firstPlace = { file: current.schema.sourcePath, start: 0, end: 0 };
      } else if (typeof validate === 'function' && !validate(data)) {
        const lines = describe(validate.errors ?? [], data);
        report.push(`${current.metadata.name}:\n` + lines.map((line) => `- at '${line.path}': ${line.message}\n`).join(''));
        if (!firstPlace && lines[0]) firstPlace = placeOf(section, lines[0].path, current.schema);
      }
    }
    for (const dependency of current.dependencies) {
      const raw = section.entries.get(dependency.metadata.name);
      if (raw === undefined || isNil(raw)) continue;
      if (raw.kind !== 'map') {
        const goType = raw.kind === 'list' ? '[]interface {}' : typeof raw.value === 'string' ? 'string' : typeof raw.value === 'boolean' ? 'bool' : 'float64';
        report.push(`${dependency.metadata.name}:\ninvalid type for values: expected object (map), got ${goType}\n`);
        continue;
      }
      visit(dependency, raw);
    }
  };
  visit(chart, values);
  if (report.length === 0) return undefined;
  const place = firstPlace ?? { file: chart.schema?.sourcePath ?? chart.chartFile, start: 0, end: 0 };
  return { message: `values don't meet the specifications of the schema(s) in the following chart(s):\n${report.join('')}`, ...place };
}
