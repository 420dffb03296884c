/**
 * The `yaml` package's node classes, made without their constructors.
 *
 * Each constructor marks its node with `Object.defineProperty` (the node
 * type, and a collection's schema), which V8 does not make cheap: it was about
 * a quarter of the block composer's time. The package tells nodes apart by
 * reading that mark (`node[Symbol.for('yaml.node.type')]`, in `isScalar`,
 * `isMap`, …), so a node whose prototype carries it is the same node to the
 * package and to the engine: its prototype chain holds the package's class
 * (`instanceof`, the methods), `constructor` is that class, and its own
 * enumerable properties are the ones the constructor and the composer set.
 *
 * A collection's schema sits on the prototype as well. The composer builds
 * every document with the same options, so every schema it would hand a
 * collection is the same schema; the first one is kept.
 *
 * `nodeFactory()` checks this against the package once and returns null if
 * the package's nodes are not what this module expects (a future version):
 * the composer then uses the constructors.
 */
import { isMap, isPair, isScalar, isSeq, Pair, Scalar, type Schema, YAMLMap, YAMLSeq } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');

export interface NodeFactory {
  scalar(value: unknown): Scalar;
  map(): YAMLMap;
  seq(): YAMLSeq;
  pair(key: Scalar, value: unknown): Pair;
}

function prototypeOf(base: object, type: symbol, constructor: unknown, schema: Schema | null): object {
  const prototype = Object.create(base) as object;
  Object.defineProperty(prototype, NODE_TYPE, { value: type });
  Object.defineProperty(prototype, 'constructor', { value: constructor, writable: true, configurable: true });
  if (schema) Object.defineProperty(prototype, 'schema', { value: schema, writable: true, configurable: true });
  return prototype;
}

function makeFactory(schema: Schema): NodeFactory {
  // Plain constructor functions, with the prototypes above: a `new` on them is a plain allocation.
  const ComposedScalar = function (this: { value: unknown }, value: unknown) {
    this.value = value;
  } as unknown as new (value: unknown) => Scalar;
  const ComposedMap = function (this: { items: unknown[] }) {
    this.items = [];
  } as unknown as new () => YAMLMap;
  const ComposedSeq = function (this: { items: unknown[] }) {
    this.items = [];
  } as unknown as new () => YAMLSeq;
  const ComposedPair = function (this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
    this.key = key;
    this.value = value;
  } as unknown as new (key: unknown, value: unknown) => Pair;
  ComposedScalar.prototype = prototypeOf(Scalar.prototype, Symbol.for('yaml.scalar'), Scalar, null) as Scalar;
  ComposedMap.prototype = prototypeOf(YAMLMap.prototype, Symbol.for('yaml.map'), YAMLMap, schema) as YAMLMap;
  ComposedSeq.prototype = prototypeOf(YAMLSeq.prototype, Symbol.for('yaml.seq'), YAMLSeq, schema) as YAMLSeq;
  ComposedPair.prototype = prototypeOf(Pair.prototype, Symbol.for('yaml.pair'), Pair, null) as Pair;
  return {
    scalar: (value) => new ComposedScalar(value),
    map: () => new ComposedMap(),
    seq: () => new ComposedSeq(),
    pair: (key, value) => new ComposedPair(key, value),
  };
}

/** Whether the factory's nodes are what the constructors make, as far as the package and the engine can tell. */
function sameAsConstructed(factory: NodeFactory, schema: Schema): boolean {
  const scalar = factory.scalar('x');
  const map = factory.map();
  const seq = factory.seq();
  const pair = factory.pair(scalar, seq);
  const constructed = [new Scalar('x'), new YAMLMap(schema), new YAMLSeq(schema), new Pair(scalar, seq)];
  const made = [scalar, map, seq, pair];
  return (
    isScalar(scalar) &&
    isMap(map) &&
    isSeq(seq) &&
    isPair(pair) &&
    !isMap(scalar) &&
    !isScalar(pair) &&
    scalar instanceof Scalar &&
    map instanceof YAMLMap &&
    seq instanceof YAMLSeq &&
    pair instanceof Pair &&
    map.schema === schema &&
    seq.schema === schema &&
    made.every((node, i) => {
      const reference = constructed[i] as object;
      return (
        node.constructor === reference.constructor &&
        Object.keys(node).join() === Object.keys(reference).join() &&
        (reference as Record<symbol, unknown>)[NODE_TYPE] === (node as unknown as Record<symbol, unknown>)[NODE_TYPE]
      );
    })
  );
}

let factory: NodeFactory | null | undefined;

/** The factory for the composer's documents (whose schema is `schema`), or null when the package's nodes are not as expected. */
export function nodeFactory(schema: Schema): NodeFactory | null {
  if (factory === undefined) {
    try {
      const candidate = makeFactory(schema);
      factory = sameAsConstructed(candidate, schema) ? candidate : null;
    } catch {
      factory = null;
    }
  }
  return factory;
}

/** The constructors themselves, for a package this module does not know. */
export function constructingFactory(schema: Schema): NodeFactory {
  return {
    scalar: (value) => new Scalar(value),
    map: () => new YAMLMap(schema),
    seq: () => new YAMLSeq(schema),
    pair: (key, value) => new Pair(key, value),
  };
}
