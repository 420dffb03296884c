/**
 * What `kubectl apply -f` reads from a file, as documents the `yaml` package
 * parses to the same objects. See `reader.ts` for the two steps (frame the
 * file, settle each document before its parse) and `objects-of.ts` for the
 * objects kubectl applies from a document (a List's items one by one).
 */
export { frameKubectlFile, readKubectlDocument, readKubectlFile } from './reader';
export type { KubectlFile, ReadDocument, ReadError, ReadOptions, SettledDocument } from './reader';
export { kubectlDocumentObjects } from './objects-of';
export type { DocumentObjects, ReadObject } from './objects-of';
export { kubectlValue } from './value';
export type { ValueResult } from './value';
export { goParseFloat, goParseInt, resolvePlain, resolveScalar } from './resolve';
export type { GoScalar } from './resolve';
export { isJsonObject, JsonNumber, kubectlScalarValue, mapKeyString } from './decode';
export type { JsonObject, JsonValue } from './decode';
export { decodeKubectlBytes } from './stream';
export type { Syntax } from './stream';
export { YAML_PARSE_OPTIONS } from './careful';
