/**
 * A small schema language for the messages that cross the webview boundary.
 * Both sides run it: the extension host on what the page posts (the page runs
 * whatever a workspace file put into it, so nothing it says is trusted), and
 * the page on what the host posts (so that a server bug cannot make the page
 * build markup from a shape it does not expect). Free of `vscode` and of the
 * DOM so that it runs in both places and under node:test.
 *
 * Objects are closed (an unknown key is an error): a message with extra fields
 * is not the message we think it is.
 */

export type Check<T> = (value: unknown, path: string) => T;

export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path || 'message'}: expected ${expected}`);
  }
}

function describeRange(min: number, max: number): string {
  return `${min} to ${max}`;
}

export function num(options: { min?: number; max?: number; integer?: boolean } = {}): Check<number> {
  const min = options.min ?? -Number.MAX_VALUE;
  const max = options.max ?? Number.MAX_VALUE;
  const what = `${options.integer ? 'a whole number' : 'a number'} from ${describeRange(min, max)}`;
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) throw new SchemaError(path, what);
    if (options.integer && !Number.isInteger(value)) throw new SchemaError(path, what);
    return value;
  };
}

export function str(options: { maxLength?: number; minLength?: number; pattern?: RegExp } = {}): Check<string> {
  const maxLength = options.maxLength ?? 10_000;
  const minLength = options.minLength ?? 0;
  return (value, path) => {
    if (typeof value !== 'string' || value.length < minLength || value.length > maxLength) {
      throw new SchemaError(path, `a string of ${minLength} to ${maxLength} characters`);
    }
    if (options.pattern && !options.pattern.test(value)) throw new SchemaError(path, `a string matching ${options.pattern}`);
    return value;
  };
}

export const bool: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') throw new SchemaError(path, 'true or false');
  return value;
};

export function literal<const T extends string | number | boolean>(...allowed: T[]): Check<T> {
  return (value, path) => {
    if (!(allowed as unknown[]).includes(value)) throw new SchemaError(path, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return value as T;
  };
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path) => (value === null ? null : check(value, path));
}

export function array<T>(item: Check<T>, options: { maxLength?: number } = {}): Check<T[]> {
  const maxLength = options.maxLength ?? 10_000;
  return (value, path) => {
    if (!Array.isArray(value) || value.length > maxLength) throw new SchemaError(path, `a list of at most ${maxLength} items`);
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

type Shape = Record<string, Check<unknown>>;
type Optional<T> = Check<T> & { optional: true };
type Out<S extends Shape> = {
  [K in keyof S as S[K] extends Optional<unknown> ? never : K]: S[K] extends Check<infer T> ? T : never;
} & {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Check<infer T> ? T : never;
};

/** A field that may be left out (but not set to undefined explicitly in JSON, which cannot happen). */
export function optional<T>(check: Check<T>): Optional<T> {
  const wrapped = ((value: unknown, path: string) => check(value, path)) as Optional<T>;
  wrapped.optional = true;
  return wrapped;
}

/**
 * `strip` drops unknown fields instead of refusing them: for what the language
 * server sends, whose simulator may grow fields this client does not draw.
 * Never for what the page sends.
 */
export function object<S extends Shape>(shape: S, options: { strip?: boolean } = {}): Check<Out<S>> {
  const keys = Object.keys(shape);
  return (value, path) => {
    if (!isPlainObject(value)) throw new SchemaError(path, 'an object');
    if (!options.strip)
      for (const key of Object.keys(value)) {
        if (!Object.prototype.hasOwnProperty.call(shape, key)) throw new SchemaError(path ? `${path}.${key}` : key, 'no such field');
      }
    // A fresh object: nothing of the input (prototype tricks, getters) survives into what we use.
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const check = shape[key] as Check<unknown> & { optional?: boolean };
      const fieldPath = path ? `${path}.${key}` : key;
      if (!Object.prototype.hasOwnProperty.call(value, key) || value[key] === undefined) {
        if (check.optional) continue;
        throw new SchemaError(fieldPath, 'a value');
      }
      out[key] = check(value[key], fieldPath);
    }
    return out as Out<S>;
  };
}

/** A map with free keys (a container name → facts), bounded in size. */
export function record<T>(key: Check<string>, item: Check<T>, options: { maxSize?: number } = {}): Check<Record<string, T>> {
  const maxSize = options.maxSize ?? 1_000;
  return (value, path) => {
    if (!isPlainObject(value)) throw new SchemaError(path, 'an object');
    const entries = Object.keys(value);
    if (entries.length > maxSize) throw new SchemaError(path, `at most ${maxSize} entries`);
    // No prototype: a container named `__proto__` or `constructor` is just a key.
    const out: Record<string, T> = Object.create(null);
    for (const name of entries) {
      key(name, `${path}[${JSON.stringify(name)}]`);
      out[name] = item(value[name], `${path}[${JSON.stringify(name)}]`);
    }
    return out;
  };
}

/** Whether a value is an object whose tag names one of the variants. */
export function hasTag(value: unknown, tag: string, variants: Record<string, unknown>): boolean {
  return isPlainObject(value) && typeof value[tag] === 'string' && Object.prototype.hasOwnProperty.call(variants, value[tag] as string);
}

/** Tagged unions: the tag picks the one schema the value must satisfy. */
export function union<T>(tag: string, variants: Record<string, Check<T>>): Check<T> {
  return (value, path) => {
    if (!isPlainObject(value)) throw new SchemaError(path, 'an object');
    const kind = value[tag];
    if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(variants, kind)) {
      throw new SchemaError(path ? `${path}.${tag}` : tag, `one of ${Object.keys(variants).join(', ')}`);
    }
    return variants[kind](value, path);
  };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseWith<T>(check: Check<T>, value: unknown): Parsed<T> {
  try {
    return { ok: true, value: check(value, '') };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, error: error.message };
    return { ok: false, error: 'message could not be read' };
  }
}
