/**
 * sprig v3's template functions, as Helm registers them: the map of
 * `sprig.TxtFuncMap()` minus `env` and `expandenv` (Helm deletes both), over
 * the engine's Go value model. Helm's own functions (`include`, `tpl`,
 * `toYaml`, `toJson`, `fromJson`, `required`, `lookup`…) are added on top by
 * the chart pipeline and replace sprig's entries of the same name.
 *
 * Rendering stays deterministic where Helm's is not: "now" comes from the
 * `now` option (or, per execution, from the call context's scratch under
 * {@link SPRIG_NOW}); random functions draw from the `random` option.
 */
import { createHash, randomBytes as cryptoRandomBytes, randomInt as cryptoRandomInt } from 'node:crypto';
import { defineFunc, GoError, type FuncDef, type FuncMap } from '../template/funcs';
import { types } from '../template/types';
import { defaultFunctions } from './sprig/defaults';
import { dictFunctions } from './sprig/dicts';
import { encodingFunctions } from './sprig/encoding';
import { listFunctions } from './sprig/lists';
import { mathFunctions } from './sprig/math';
import { pathFunctions, reflectFunctions } from './sprig/reflect';
import { regexFunctions } from './sprig/regex';
import { semverFunctions } from './sprig/semver';
import { dateFunctions } from './sprig/dates';
import { cryptoFunctions } from './sprig/crypto';
import { LOCAL_UTC, loadLocation, type Location } from './sprig/gotime';
import { stringFunctions } from './sprig/strings';
import { urlFunctions } from './sprig/url';

/** A source of randomness: uniform integers in [0, n) and random bytes. */
export interface RandomSource {
  int(n: number): number;
  bytes(count: number): Uint8Array;
}

export interface SprigOptions {
  /**
   * "Now" for `now`, `date`, `ago`, `genCA`…: milliseconds since the Unix
   * epoch (a Date, or a function read at each call). Default: the fixed
   * instant 2024-01-01T00:00:00Z, so that renders are reproducible.
   */
  readonly now?: number | Date | (() => number | Date);
  /** The IANA zone Go's Local stands for (Helm uses the machine's zone). Default: UTC, for reproducible output. */
  readonly localTimeZone?: string;
  /** Where random functions draw from. Default: node's crypto (cryptographically random, as sprig). */
  readonly random?: RandomSource;
  /** Generated private keys to reuse across renders (see `StableRendering`); default: a new key at every call, as sprig. */
  readonly keys?: GeneratedKeys;
}

/** Reuses generated keys: the n-th key of a kind in a render is the n-th of the first render that made one. */
export interface GeneratedKeys {
  reuse<T>(kind: string, make: () => T): T;
}

/**
 * Renders that come out the same every time, for an editor that renders on
 * every keystroke: the random stream restarts at each render (seeded), and
 * keys are made once and reused by kind and order. Call `beginRender` before
 * each render of the chart.
 */
export class StableRendering implements RandomSource, GeneratedKeys {
  private stream: RandomSource;
  private readonly keys = new Map<string, unknown>();
  private readonly order = new Map<string, number>();

  constructor(private readonly seed: string) {
    this.stream = seededRandom(seed);
  }

  beginRender(): void {
    this.stream = seededRandom(this.seed);
    this.order.clear();
  }

  int(n: number): number {
    return this.stream.int(n);
  }

  bytes(count: number): Uint8Array {
    return this.stream.bytes(count);
  }

  reuse<T>(kind: string, make: () => T): T {
    const n = (this.order.get(kind) ?? 0) + 1;
    this.order.set(kind, n);
    const key = `${kind}#${n}`;
    if (!this.keys.has(key)) this.keys.set(key, make());
    return this.keys.get(key) as T;
  }
}

/** The scratch key under which a render may put its own "now" (milliseconds since the epoch), read before the option. */
export const SPRIG_NOW = Symbol('sprig.now');

/** The default fixed "now": 2024-01-01T00:00:00Z. */
export const DEFAULT_NOW = Date.UTC(2024, 0, 1);

export const cryptoRandom: RandomSource = {
  int: (n) => (n <= 1 ? 0 : n <= 0xffffffffffff ? cryptoRandomInt(n) : Math.floor(Math.random() * n)),
  bytes: (count) => new Uint8Array(cryptoRandomBytes(count)),
};

/**
 * A deterministic random source: SHA-256 in counter mode over `seed`. With a
 * fresh one per render, `randAlphaNum`, `uuidv4`, certificates' serials…
 * come out the same on every keystroke (RSA and EC keys stay random: node
 * generates them).
 */
export function seededRandom(seed: string | number): RandomSource {
  let counter = 0;
  let pool = new Uint8Array(0);
  let at = 0;
  const next = (count: number): Uint8Array => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      if (at >= pool.length) {
        pool = new Uint8Array(createHash('sha256').update(`${seed}:${counter++}`).digest());
        at = 0;
      }
      out[i] = pool[at++];
    }
    return out;
  };
  return {
    bytes: next,
    int(n) {
      if (n <= 1) return 0;
      // Rejection sampling over 48 bits keeps the draw uniform.
      const limit = Math.floor(2 ** 48 / n) * n;
      for (;;) {
        const b = next(6);
        const v = ((b[0] * 256 + b[1]) * 256 + b[2]) * 2 ** 24 + ((b[3] << 16) | (b[4] << 8) | b[5]);
        if (v < limit) return v % n;
      }
    },
  };
}

/** The options as the function modules read them. */
export interface SprigEnvironment {
  readonly random: RandomSource;
  readonly keys?: GeneratedKeys;
  /** Now in milliseconds since the epoch, for one call (scratch first, then the option). */
  now(scratch: Map<unknown, unknown>): number;
}

function environment(options: SprigOptions): SprigEnvironment {
  const option = options.now;
  const fixed = typeof option === 'function' ? undefined : option === undefined ? DEFAULT_NOW : +option;
  return {
    random: options.random ?? cryptoRandom,
    keys: options.keys,
    now(scratch) {
      const own = scratch.get(SPRIG_NOW);
      if (typeof own === 'number') return own;
      if (own instanceof Date) return +own;
      return fixed ?? +(option as () => number | Date)();
    },
  };
}

function localLocation(name: string | undefined): Location {
  if (name === undefined || name === 'UTC') return LOCAL_UTC;
  const zone = loadLocation(name, LOCAL_UTC);
  if (!zone) throw new Error(`unknown time zone ${name}`);
  return { name: 'Local', lookup: zone.lookup };
}

function build(options: SprigOptions): FuncMap {
  const env = environment(options);
  const local = localLocation(options.localTimeZone);
  const map: Record<string, FuncDef> = {
    hello: defineFunc({ params: [], results: [types.string] }, () => 'Hello!'),
    ...stringFunctions((n) => env.random.int(n)),
    ...mathFunctions((n) => env.random.int(n)),
    ...defaultFunctions(),
    ...listFunctions(),
    ...dictFunctions(),
    ...reflectFunctions(),
    ...pathFunctions(),
    ...encodingFunctions(),
    ...urlFunctions(),
    ...regexFunctions(),
    ...semverFunctions(),
    ...dateFunctions(env, local),
    ...cryptoFunctions(env),
    // Helm resolves the name with the machine's resolver; the engine does no I/O.
    getHostByName: defineFunc({ params: [types.string], results: [types.string] }, ([name]) => {
      throw new GoError(`getHostByName ${JSON.stringify(name)}: DNS lookups are not performed when rendering in Pod Lens`);
    }),
  };
  return Object.freeze(map);
}

let shared: FuncMap | undefined;

/**
 * sprig's `TxtFuncMap()` minus `env` and `expandenv`. Without options the
 * same frozen map is returned every time (the template engine caches parses
 * per function map).
 */
export function sprigFunctions(options?: SprigOptions): FuncMap {
  if (options === undefined) return (shared ??= build({}));
  return build(options);
}
