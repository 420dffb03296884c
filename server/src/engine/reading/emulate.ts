/**
 * kubectl's reading of a file, modelled end to end on go-yaml's own rules
 * (this module's scanner and parser), not on the `yaml` package: the objects
 * `kubectl apply -f` sends and the errors it prints. The reader checks its
 * rewrites against it; the tests check it against kubectl.
 */
import { decodeGoNode, goJsonText, type JsonObject, type JsonValue } from './decode';
import { composeFirstDocument } from './goyaml/parser';
import { GoYamlError } from './goyaml/scanner';
import { parseJsonValue } from './json-stream';
import { type KubectlError, kubectlObjects } from './objects';
import { frameKubectlStream, kubectlChunkText, trimGoSpace } from './stream';

export interface EmulatedRead {
  objects: JsonObject[];
  errors: KubectlError[];
}

/** What kubectl decodes from one YAML piece (go-yaml's first document, as JSON); throws GoYamlError. */
export function decodeYamlChunk(text: string): JsonValue {
  return decodeGoNode(composeFirstDocument(text).root);
}

export function emulateKubectl(text: string, source = 'FILE'): EmulatedRead {
  const stream = frameKubectlStream(text);
  const objects: JsonObject[] = [];
  const errors: KubectlError[] = [];
  for (const chunk of stream.chunks) {
    let value: JsonValue;
    let raw: () => string;
    if (stream.syntax === 'json') {
      value = parseJsonValue(text, chunk.start, chunk.end);
      raw = () => trimGoSpace(text, chunk.start, chunk.end);
    } else {
      try {
        value = decodeYamlChunk(kubectlChunkText(text, chunk).text);
      } catch (e) {
        if (!(e instanceof GoYamlError)) throw e;
        errors.push({ message: `error parsing ${source}: error converting YAML to JSON: ${e.goMessage}` });
        return { objects, errors };
      }
      const decoded = value;
      raw = () => goJsonText(decoded);
    }
    const result = kubectlObjects(value, raw, source);
    objects.push(...result.objects.map((o) => o.value));
    errors.push(...result.errors);
  }
  if (stream.error) errors.push({ message: `error parsing ${source}: ${stream.error.message}` });
  return { objects, errors };
}
