/**
 * Typed access to the generated tables: the strategic-merge schema of the
 * built-in kinds and kustomize's default field specs.
 */
import { DEFAULT_FIELD_SPECS, KIND_TYPES, SCHEMA_TYPES } from './tables.generated';

/** One field of an OpenAPI type, reduced: r = referenced type, a = array, i = items, m = map values, s = patch strategy, k = merge keys. */
export interface SchemaField {
  r?: string;
  a?: number;
  i?: SchemaField;
  m?: SchemaField;
  s?: string;
  k?: string[];
}

export interface FieldSpec {
  path: string;
  group?: string;
  version?: string;
  kind?: string;
  create?: boolean;
}

export interface NameReferenceSpec {
  group?: string;
  version?: string;
  kind: string;
  fieldSpecs: FieldSpec[];
}

export interface FieldSpecConfig {
  commonAnnotations?: FieldSpec[];
  commonLabels?: FieldSpec[];
  templateLabels?: FieldSpec[];
  images?: FieldSpec[];
  namePrefix?: FieldSpec[];
  nameSuffix?: FieldSpec[];
  namespace?: FieldSpec[];
  replicas?: FieldSpec[];
  varReference?: FieldSpec[];
  nameReference?: NameReferenceSpec[];
}

/** A schema position: the field's own schema (strategy, keys, shape) and the type its values have. */
export interface Schema {
  field?: SchemaField;
  type?: string;
}

export function schemaForKind(apiVersion: string, kind: string): Schema | undefined {
  const type = KIND_TYPES[`${apiVersion}/${kind}`];
  return type ? { type } : undefined;
}

/** The schema of a map's field, or undefined where the schema says nothing. */
export function schemaField(schema: Schema | undefined, key: string): Schema | undefined {
  if (!schema) return undefined;
  let field: SchemaField | undefined;
  if (schema.field?.m) field = schema.field.m;
  else if (schema.type) {
    const fields = SCHEMA_TYPES[schema.type];
    field = fields?.[key] ?? fields?.['*'];
  }
  if (!field) return undefined;
  return { field, type: field.r };
}

/** The schema of a list's elements. */
export function schemaElements(schema: Schema | undefined): Schema | undefined {
  const items = schema?.field?.i;
  if (!items) return undefined;
  return { field: items, type: items.r };
}

export function patchStrategy(schema: Schema | undefined): { strategy: string; keys: string[] } {
  return { strategy: schema?.field?.s ?? '', keys: schema?.field?.k ?? [] };
}

export const DEFAULT_CONFIG: FieldSpecConfig = DEFAULT_FIELD_SPECS;
