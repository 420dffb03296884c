/**
 * The part of Go's `time` package that sprig's date functions and templates
 * reach: instants with a location (UTC, Local, IANA zones through Intl),
 * `Format` and `Parse` with Go's reference-time layouts and error texts,
 * `Duration` with its `String` and `ParseDuration`, and `time.Time`,
 * `time.Duration`, `time.Month`, `time.Weekday` as Go values with their
 * methods.
 *
 * Zone abbreviations come from Intl: tzdata's letters where Intl knows them
 * ("EST", "CET"), else Go's numeric form ("+04"); a few zones print
 * differently from Go's tzdata (Intl has no "JST").
 */
import { GoError, type CallContext } from '../../template/funcs';
import { quote } from '../../template/strconv';
import { namedType, pointerTo, structType, types, type GoMethod, type GoType, type Signature } from '../../template/types';
import { goInt, goInt64, GoPointer, type GoScalar, GoStruct, typedScalar, type GoValue } from '../../template/values';
import { jsonMarshaler, jsonString } from './json';

// Calendar arithmetic (proleptic Gregorian, as Go).

const SECONDS_PER_DAY = 86400;

/** Days since 1970-01-01 of a civil date (month 1–12; out-of-range months and days normalize). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: m <= 2 ? y + 1 : y, month: m, day: d };
}

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysIn = (m: number, y: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]);

// Locations.

export interface Location {
  /** `Location.String()`: "UTC", "Local", "America/New_York", or a fixed zone's name. */
  readonly name: string;
  /** The offset east of UTC in seconds and the zone abbreviation in effect at a Unix second. */
  lookup(unixSec: number): { offset: number; abbrev: string };
}

export const UTC: Location = { name: 'UTC', lookup: () => ({ offset: 0, abbrev: 'UTC' }) };

export function fixedZone(name: string, offset: number): Location {
  return { name, lookup: () => ({ offset, abbrev: name }) };
}

const intlZones = new Map<string, Location | null>();

function offsetAbbrev(offset: number): string {
  // tzdata's numeric abbreviations: "+04", "+0530".
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return sign + String(h).padStart(2, '0') + (m ? String(m).padStart(2, '0') : '');
}

function intlZone(name: string): Location | null {
  if (intlZones.has(name)) return intlZones.get(name) as Location | null;
  let parts: Intl.DateTimeFormat;
  const abbrevs: Intl.DateTimeFormat[] = [];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    for (const locale of ['en-US', 'en-GB', 'en-IN', 'en-AU']) abbrevs.push(new Intl.DateTimeFormat(locale, { timeZone: name, timeZoneName: 'short' }));
  } catch {
    intlZones.set(name, null);
    return null;
  }
  const cache = new Map<number, { offset: number; abbrev: string }>();
  const zone: Location = {
    name,
    lookup(unixSec) {
      // Offsets change on whole hours at most every few months: cache per hour.
      const hour = Math.floor(unixSec / 3600);
      const hit = cache.get(hour);
      if (hit) return hit;
      const ms = Math.max(Math.min(unixSec * 1000, 8.64e15), -8.64e15);
      const p: Record<string, string> = {};
      for (const part of parts.formatToParts(ms)) p[part.type] = part.value;
      let year = Number(p.year);
      if (p.era === 'BC' || p.era === 'B') year = 1 - year;
      const local = daysFromCivil(year, Number(p.month), Number(p.day)) * SECONDS_PER_DAY + Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second);
      const offset = local - Math.floor(ms / 1000);
      let abbrev = offsetAbbrev(offset);
      for (const f of abbrevs) {
        const tz = f.formatToParts(ms).find((x) => x.type === 'timeZoneName')?.value ?? '';
        if (/^[A-Z]{3,5}$/.test(tz) && tz !== 'GMT') {
          abbrev = tz;
          break;
        }
        if (tz === 'GMT' || tz === 'UTC') {
          abbrev = offset === 0 && /^(Etc\/)?(UTC|UCT|Zulu|Universal)$/.test(name) ? 'UTC' : offset === 0 ? 'GMT' : abbrev;
          break;
        }
      }
      const result = { offset, abbrev };
      if (cache.size > 4096) cache.clear();
      cache.set(hour, result);
      return result;
    },
  };
  intlZones.set(name, zone);
  return zone;
}

/** `time.LoadLocation`: "" and "UTC" are UTC, "Local" is `local`; null for an unknown zone. */
export function loadLocation(name: string, local: Location): Location | null {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return local;
  if (name.includes('..') || name.startsWith('/')) return null;
  return intlZone(name);
}

/** Go's Local when the machine runs in UTC: named "Local", abbreviated "UTC". */
export const LOCAL_UTC: Location = { name: 'Local', lookup: () => ({ offset: 0, abbrev: 'UTC' }) };

// Instants.

/** A `time.Time`: Unix seconds, nanoseconds, location. */
export class Instant {
  declare readonly sec: number;
  declare readonly nsec: number;
  declare readonly loc: Location;
  /** What `Local` means for this instant's `.Local` method: the zone of the function map that made it. */
  declare readonly local: Location;

  constructor(sec: number, nsec: number, loc: Location, local?: Location) {
    const carry = Math.floor(nsec / 1e9);
    this.sec = sec + carry;
    this.nsec = nsec - carry * 1e9;
    this.loc = loc;
    this.local = local ?? (loc.name === 'Local' ? loc : LOCAL_UTC);
  }

  withLocal(local: Location): Instant {
    return new Instant(this.sec, this.nsec, this.loc, local);
  }

  static fromMillis(ms: number, loc: Location): Instant {
    const sec = Math.floor(ms / 1000);
    return new Instant(sec, Math.round((ms - sec * 1000) * 1e6), loc);
  }

  in(loc: Location): Instant {
    return new Instant(this.sec, this.nsec, loc, this.local);
  }

  get zone(): { offset: number; abbrev: string } {
    return this.loc.lookup(this.sec);
  }

  /** Civil fields in the instant's location. */
  fields(): {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    weekday: number;
    yday: number;
    offset: number;
    abbrev: string;
  } {
    const { offset, abbrev } = this.zone;
    const local = this.sec + offset;
    const days = Math.floor(local / SECONDS_PER_DAY);
    const secOfDay = local - days * SECONDS_PER_DAY;
    const { year, month, day } = civilFromDays(days);
    const weekday = (((days + 4) % 7) + 7) % 7;
    const yday = days - daysFromCivil(year, 1, 1) + 1;
    return {
      year,
      month,
      day,
      hour: Math.floor(secOfDay / 3600),
      minute: Math.floor((secOfDay % 3600) / 60),
      second: secOfDay % 60,
      weekday,
      yday,
      offset,
      abbrev,
    };
  }

  /** Nanoseconds since the epoch as a bigint. */
  unixNano(): bigint {
    return BigInt(this.sec) * 1_000_000_000n + BigInt(this.nsec);
  }

  add(d: bigint): Instant {
    const total = this.unixNano() + d;
    const sec = total / 1_000_000_000n - (total % 1_000_000_000n < 0n ? 1n : 0n);
    return new Instant(Number(sec), Number(total - sec * 1_000_000_000n), this.loc, this.local);
  }

  isZero(): boolean {
    return this.sec === ZERO_UNIX && this.nsec === 0;
  }
}

/** Unix seconds of Go's zero time, January 1, year 1, 00:00:00 UTC. */
export const ZERO_UNIX = -62135596800;
export const zeroInstant = new Instant(ZERO_UNIX, 0, UTC);

/** `time.Date`: civil fields in a location (normalizing overflowing fields, as Go). */
export function dateOf(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Location): Instant {
  // Normalize the month into the year first, then everything else through seconds.
  const m0 = month - 1;
  year += Math.floor(m0 / 12);
  month = (((m0 % 12) + 12) % 12) + 1;
  const local = daysFromCivil(year, month, 1) * SECONDS_PER_DAY + (day - 1) * SECONDS_PER_DAY + hour * 3600 + min * 60 + sec;
  // Go's rule: use the offset in effect at (local - offset), trying the offsets around the instant.
  let unix = local - loc.lookup(local).offset;
  const offset = loc.lookup(unix).offset;
  if (local - offset !== unix) {
    const other = local - offset;
    if (loc.lookup(other).offset === offset) unix = other;
  }
  return new Instant(unix, nsec, loc);
}

// Format.

const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const longMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

type Std = { kind: 'literal'; text: string } | { kind: 'std'; code: string; frac?: { digits: number; trim: boolean; sep: string } };

function startsWithLower(s: string): boolean {
  return s.length > 0 && s[0] >= 'a' && s[0] <= 'z';
}

const isDigitAt = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';

/** Go's `nextStdChunk` over the whole layout: literals and std elements. */
export function layoutChunks(layout: string): Std[] {
  const out: Std[] = [];
  let lit = '';
  const flush = () => {
    if (lit) out.push({ kind: 'literal', text: lit });
    lit = '';
  };
  const std = (code: string, len: number, i: number): number => {
    flush();
    out.push({ kind: 'std', code });
    return i + len;
  };
  for (let i = 0; i < layout.length;) {
    const c = layout[i];
    const rest = layout.slice(i);
    switch (c) {
      case 'J':
        if (rest.startsWith('Jan')) {
          if (rest.startsWith('January')) {
            i = std('January', 7, i);
            continue;
          }
          if (!startsWithLower(rest.slice(3))) {
            i = std('Jan', 3, i);
            continue;
          }
        }
        break;
      case 'M':
        if (rest.startsWith('Mon')) {
          if (rest.startsWith('Monday')) {
            i = std('Monday', 6, i);
            continue;
          }
          if (!startsWithLower(rest.slice(3))) {
            i = std('Mon', 3, i);
            continue;
          }
        }
        if (rest.startsWith('MST')) {
          i = std('MST', 3, i);
          continue;
        }
        break;
      case '0':
        if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6') {
          i = std(rest.slice(0, 2), 2, i);
          continue;
        }
        if (rest.startsWith('002')) {
          i = std('002', 3, i);
          continue;
        }
        break;
      case '1':
        if (rest.startsWith('15')) {
          i = std('15', 2, i);
          continue;
        }
        i = std('1', 1, i);
        continue;
      case '2':
        if (rest.startsWith('2006')) {
          i = std('2006', 4, i);
          continue;
        }
        i = std('2', 1, i);
        continue;
      case '_':
        if (rest.length >= 2 && rest[1] === '2') {
          if (rest.startsWith('_2006')) {
            lit += '_';
            i = std('2006', 4, i + 1);
            continue;
          }
          i = std('_2', 2, i);
          continue;
        }
        if (rest.startsWith('__2')) {
          i = std('__2', 3, i);
          continue;
        }
        break;
      case '3':
      case '4':
      case '5':
        i = std(c, 1, i);
        continue;
      case 'P':
        if (rest.startsWith('PM')) {
          i = std('PM', 2, i);
          continue;
        }
        break;
      case 'p':
        if (rest.startsWith('pm')) {
          i = std('pm', 2, i);
          continue;
        }
        break;
      case '-':
      case 'Z': {
        const found = ['070000', '07:00:00', '0700', '07:00', '07'].find((s) => rest.startsWith(c + s));
        if (found) {
          i = std(c + found, found.length + 1, i);
          continue;
        }
        break;
      }
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            flush();
            out.push({ kind: 'std', code: 'frac', frac: { digits: j - (i + 1), trim: ch === '9', sep: c } });
            i = j;
            continue;
          }
        }
        break;
    }
    lit += c;
    i++;
  }
  flush();
  return out;
}

const pad = (n: number, width: number): string => {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
};

function formatNano(nsec: number, digits: number, trim: boolean, sep: string): string {
  let s = String(nsec).padStart(9, '0');
  if (digits < 9) s = s.slice(0, digits);
  if (trim) {
    s = s.replace(/0+$/, '');
    if (s === '') return '';
  }
  return sep + s;
}

const layoutCache = new Map<string, Std[]>();

function chunksOf(layout: string): Std[] {
  let chunks = layoutCache.get(layout);
  if (!chunks) {
    chunks = layoutChunks(layout);
    if (layoutCache.size > 256) layoutCache.clear();
    layoutCache.set(layout, chunks);
  }
  return chunks;
}

/** `Time.Format`. */
export function formatTime(t: Instant, layout: string): string {
  const f = t.fields();
  let out = '';
  for (const chunk of chunksOf(layout)) {
    if (chunk.kind === 'literal') {
      out += chunk.text;
      continue;
    }
    switch (chunk.code) {
      case '06':
        out += pad(((f.year % 100) + 100) % 100, 2);
        break;
      case '2006':
        out += pad(f.year, 4);
        break;
      case 'Jan':
        out += longMonths[f.month - 1].slice(0, 3);
        break;
      case 'January':
        out += longMonths[f.month - 1];
        break;
      case '1':
        out += f.month;
        break;
      case '01':
        out += pad(f.month, 2);
        break;
      case 'Mon':
        out += longDays[f.weekday].slice(0, 3);
        break;
      case 'Monday':
        out += longDays[f.weekday];
        break;
      case '2':
        out += f.day;
        break;
      case '_2':
        out += f.day < 10 ? ' ' + f.day : String(f.day);
        break;
      case '02':
        out += pad(f.day, 2);
        break;
      case '__2':
        out += String(f.yday).padStart(3, ' ');
        break;
      case '002':
        out += pad(f.yday, 3);
        break;
      case '15':
        out += pad(f.hour, 2);
        break;
      case '3':
        out += f.hour % 12 === 0 ? 12 : f.hour % 12;
        break;
      case '03':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case '4':
        out += f.minute;
        break;
      case '04':
        out += pad(f.minute, 2);
        break;
      case '5':
        out += f.second;
        break;
      case '05':
        out += pad(f.second, 2);
        break;
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        if (f.abbrev !== '') out += f.abbrev;
        else {
          const zone = Math.trunc(f.offset / 60);
          out += (zone < 0 ? '-' : '+') + pad(Math.floor(Math.abs(zone) / 60), 2) + pad(Math.abs(zone) % 60, 2);
        }
        break;
      case 'frac': {
        const { digits, trim, sep } = chunk.frac as { digits: number; trim: boolean; sep: string };
        out += formatNano(t.nsec, digits, trim, sep);
        break;
      }
      default: {
        // Numeric zones; the Z forms print Z for UTC.
        const code = chunk.code;
        if (f.offset === 0 && code[0] === 'Z') {
          out += 'Z';
          break;
        }
        let zone = Math.trunc(f.offset / 60);
        let abs = f.offset;
        if (zone < 0) {
          out += '-';
          zone = -zone;
          abs = -abs;
        } else out += '+';
        out += pad(Math.floor(zone / 60), 2);
        const body = code.slice(1);
        if (body === '07:00' || body === '07:00:00') out += ':';
        if (body !== '07') out += pad(zone % 60, 2);
        if (body === '070000' || body === '07:00:00') {
          if (body === '07:00:00') out += ':';
          out += pad(abs % 60, 2);
        }
      }
    }
  }
  return out;
}

/** `Time.String()`. */
export function timeString(t: Instant): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

// Parse.

class ParseError extends GoError {}

function parseErr(value: string, layout: string, valueElem: string, layoutElem: string, message = ''): ParseError {
  if (message) return new ParseError(`parsing time ${quote(value)}${message}`);
  return new ParseError(`parsing time ${quote(value)} as ${quote(layout)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`);
}

function getNum(s: string, fixed: boolean): [number, string] | null {
  if (!isDigitAt(s, 0)) return null;
  if (!isDigitAt(s, 1)) {
    if (fixed) return null;
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getNum3(s: string, fixed: boolean): [number, string] | null {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) return null;
  return [n, s.slice(i)];
}

function lookupName(names: string[], s: string): [number, string] | null {
  for (let i = 0; i < names.length; i++) {
    const v = names[i];
    if (s.length >= v.length && s.slice(0, v.length).toLowerCase() === v.toLowerCase()) return [i, s.slice(v.length)];
  }
  return null;
}

function parseTimeZone(s: string): number {
  if (s.length < 3) return 0;
  if (s.startsWith('ChST') || s.startsWith('MeST')) return 4;
  if (s.startsWith('GMT')) {
    let n = 3;
    const sign = s[3];
    if (sign === '+' || sign === '-') {
      let j = 4;
      while (isDigitAt(s, j)) j++;
      const num = Number(s.slice(4, j));
      if (j === 4 || num > 23) return 3;
      n = j;
    }
    return n;
  }
  if (s[0] === '+' || s[0] === '-') {
    if (/^[+-]\d\d(\d\d)?/.test(s)) return /^[+-]\d{4}/.test(s) ? 5 : 3;
    return 0;
  }
  let n = 0;
  while (n < s.length && s[n] >= 'A' && s[n] <= 'Z') n++;
  if (n === 3 || n === 4 || n === 5) {
    if (n === 4 && s[3] !== 'T' && s.slice(0, 4) !== 'WITA') return 0;
    if (n === 5 && s[4] !== 'T') return 0;
    return n;
  }
  return 0;
}

/** `time.ParseInLocation` with Go's layouts and errors. */
export function parseTime(layout: string, value: string, local: Location): Instant {
  return parseInLocation(layout, value, local).withLocal(local);
}

function parseInLocation(layout: string, value: string, local: Location): Instant {
  const alayout = layout;
  const avalue = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pmSet = false;
  let amSet = false;
  let zoneOffset = -1;
  let zoneName = '';
  let z: Location | undefined;
  const chunks = chunksOf(layout);
  for (let ci = 0; ci < chunks.length; ci++) {
    const chunk = chunks[ci];
    if (chunk.kind === 'literal') {
      // Go skips spaces leniently where the layout has them.
      let lit = chunk.text;
      while (lit.length > 0) {
        if (lit[0] === ' ') {
          if (value.length > 0 && value[0] !== ' ') throw parseErr(avalue, alayout, value, lit);
          lit = lit.replace(/^ +/, '');
          value = value.replace(/^ +/, '');
          continue;
        }
        if (value.length === 0 || value[0] !== lit[0]) throw parseErr(avalue, alayout, value, lit);
        lit = lit.slice(1);
        value = value.slice(1);
      }
      continue;
    }
    const code = chunk.code;
    const before = value;
    const stdstr = code === 'frac' ? (chunk.frac as { sep: string }).sep + (chunk.frac?.trim ? '9' : '0').repeat(chunk.frac?.digits ?? 0) : code;
    const fail = (): never => {
      throw parseErr(avalue, alayout, before, stdstr);
    };
    const range = (what: string): never => {
      throw parseErr(avalue, alayout, before, stdstr, `: ${what} out of range`);
    };
    let r: [number, string] | null;
    switch (code) {
      case '06':
        if (!/^\d\d/.test(value)) fail();
        year = Number(value.slice(0, 2));
        year += year >= 69 ? 1900 : 2000;
        value = value.slice(2);
        break;
      case '2006':
        if (!/^\d{4}/.test(value)) fail();
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case 'Jan':
        r = lookupName(
          longMonths.map((m) => m.slice(0, 3)),
          value,
        );
        if (!r) fail();
        [month, value] = [(r as [number, string])[0] + 1, (r as [number, string])[1]];
        break;
      case 'January':
        r = lookupName(longMonths, value);
        if (!r) fail();
        [month, value] = [(r as [number, string])[0] + 1, (r as [number, string])[1]];
        break;
      case '1':
      case '01':
        r = getNum(value, code === '01');
        if (!r) fail();
        [month, value] = r as [number, string];
        if (month <= 0 || month > 12) range('month');
        break;
      case 'Mon':
        r = lookupName(
          longDays.map((d) => d.slice(0, 3)),
          value,
        );
        if (!r) fail();
        value = (r as [number, string])[1];
        break;
      case 'Monday':
        r = lookupName(longDays, value);
        if (!r) fail();
        value = (r as [number, string])[1];
        break;
      case '2':
      case '_2':
      case '02':
        if (code === '_2' && value.length > 0 && value[0] === ' ') value = value.slice(1);
        r = getNum(value, code === '02');
        if (!r) fail();
        [day, value] = r as [number, string];
        break;
      case '__2':
      case '002':
        if (code === '__2') value = value.replace(/^ {1,2}/, '');
        r = getNum3(value, code === '002');
        if (!r) fail();
        [yday, value] = r as [number, string];
        if (yday < 1 || yday > 366) range('day-of-year');
        break;
      case '15':
        r = getNum(value, false);
        if (!r) fail();
        [hour, value] = r as [number, string];
        if (hour < 0 || hour >= 24) range('hour');
        break;
      case '3':
      case '03':
        r = getNum(value, code === '03');
        if (!r) fail();
        [hour, value] = r as [number, string];
        if (hour < 0 || hour > 12) range('hour');
        break;
      case '4':
      case '04':
        r = getNum(value, code === '04');
        if (!r) fail();
        [min, value] = r as [number, string];
        if (min < 0 || min >= 60) range('minute');
        break;
      case '5':
      case '05': {
        r = getNum(value, code === '05');
        if (!r) fail();
        [sec, value] = r as [number, string];
        if (sec < 0 || sec >= 60) range('second');
        // A fractional second after seconds is accepted even when the layout has none.
        const next = chunks.slice(ci + 1).find((x) => x.kind === 'std');
        if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1) && next?.code !== 'frac') {
          let j = 1;
          while (isDigitAt(value, j)) j++;
          nsec = nanos(value.slice(1, j));
          value = value.slice(j);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        if (value.length < 2) fail();
        const p = value.slice(0, 2);
        if (p === (code === 'PM' ? 'PM' : 'pm')) pmSet = true;
        else if (p === (code === 'PM' ? 'AM' : 'am')) amSet = true;
        else fail();
        value = value.slice(2);
        break;
      }
      case 'MST': {
        if (value.length >= 3 && value.slice(0, 3) === 'UTC') {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === 0) fail();
        zoneName = value.slice(0, n);
        value = value.slice(n);
        break;
      }
      case 'frac': {
        const { digits } = chunk.frac as { digits: number };
        if (value.length < 1 || (value[0] !== '.' && value[0] !== ',')) {
          if (chunk.frac?.trim) break;
          fail();
        }
        let j = 1;
        while (isDigitAt(value, j)) j++;
        if (!chunk.frac?.trim && j - 1 !== digits) fail();
        nsec = nanos(value.slice(1, j));
        value = value.slice(j);
        break;
      }
      default: {
        // Numeric zones.
        if (code[0] === 'Z' && value.length >= 1 && value[0] === 'Z') {
          value = value.slice(1);
          z = UTC;
          break;
        }
        const body = code.slice(1);
        const m =
          body === '07:00:00'
            ? /^([+-])(\d\d):(\d\d):(\d\d)/.exec(value)
            : body === '07:00'
              ? /^([+-])(\d\d):(\d\d)()/.exec(value)
              : body === '070000'
                ? /^([+-])(\d\d)(\d\d)(\d\d)/.exec(value)
                : body === '0700'
                  ? /^([+-])(\d\d)(\d\d)()/.exec(value)
                  : /^([+-])(\d\d)()()/.exec(value);
        if (!m) fail();
        const [all, sign, hh, mm, ss] = m as RegExpExecArray;
        const h = Number(hh);
        const mi = Number(mm || '0');
        const se = Number(ss || '0');
        if (h > 24 || mi > 60 || se > 60) range('time zone offset');
        zoneOffset = (h * 60 + mi) * 60 + se;
        if (sign === '-') zoneOffset = -zoneOffset;
        value = value.slice(all.length);
      }
    }
  }
  if (value.length > 0) throw new ParseError(`parsing time ${quote(avalue)}: extra text: ${quote(value)}`);
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d: number;
    let m: number;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else {
        const y = yday > 31 + 29 ? yday - 1 : yday;
        ({ m, d } = fromYday(y));
      }
    } else ({ m, d } = fromYday(yday));
    if (yday > (isLeap(year) ? 366 : 365)) throw new ParseError(`parsing time ${quote(avalue)}: day-of-year out of range`);
    if (month >= 0 && month !== m) throw new ParseError(`parsing time ${quote(avalue)}: day-of-year does not match month`);
    month = m;
    if (day >= 0 && day !== d) throw new ParseError(`parsing time ${quote(avalue)}: day-of-year does not match day`);
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw new ParseError(`parsing time ${quote(avalue)}: day out of range`);
  if (z) return dateOf(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const unix = t.sec - zoneOffset;
    if (local.lookup(unix).offset === zoneOffset) return new Instant(unix, nsec, local);
    return new Instant(unix, nsec, fixedZone('', zoneOffset));
  }
  if (zoneName !== '') {
    const t = dateOf(year, month, day, hour, min, sec, nsec, UTC);
    const probe = local.lookup(t.sec);
    if (probe.abbrev === zoneName) return new Instant(t.sec - probe.offset, nsec, local);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = Number(zoneName.slice(3)) * 3600;
    return new Instant(t.sec - offset, nsec, fixedZone(zoneName, offset));
  }
  return dateOf(year, month, day, hour, min, sec, nsec, local);
}

/** Go's parseNanoseconds: the first nine digits of a fraction. */
function nanos(digits: string): number {
  return Number((digits + '000000000').slice(0, 9));
}

function fromYday(yday: number): { m: number; d: number } {
  let m = 1;
  let d = yday;
  for (; m <= 12 && d > daysIn(m, 2001); m++) d -= daysIn(m, 2001);
  return { m, d };
}

// Durations.

const NANOSECOND = 1n;
const MICROSECOND = 1000n * NANOSECOND;
const MILLISECOND = 1000n * MICROSECOND;
export const SECOND = 1000n * MILLISECOND;
const MINUTE = 60n * SECOND;
const HOUR = 60n * MINUTE;
const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let out = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) out = String(digit) + out;
    v /= 10n;
  }
  if (print) out = '.' + out;
  return [out, v];
}

/** `Duration.String()`. */
export function durationString(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  if (u < SECOND) {
    let prec: number;
    let unit: string;
    if (u < MICROSECOND) {
      return (neg ? '-' : '') + String(u) + 'ns';
    } else if (u < MILLISECOND) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fmtFrac(u, prec);
    return (neg ? '-' : '') + String(rest) + frac + unit;
  }
  const [frac, rest] = fmtFrac(u, 9);
  u = rest;
  let out = String(u % 60n) + frac + 's';
  u /= 60n;
  if (u > 0n) {
    out = String(u % 60n) + 'm' + out;
    u /= 60n;
    if (u > 0n) out = String(u) + 'h' + out;
  }
  return (neg ? '-' : '') + out;
}

const units: Record<string, bigint> = { ns: NANOSECOND, us: MICROSECOND, µs: MICROSECOND, μs: MICROSECOND, ms: MILLISECOND, s: SECOND, m: MINUTE, h: HOUR };

/** `time.ParseDuration`. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const invalid = () => new GoError(`time: invalid duration ${quote(orig)}`);
  let d = 0n;
  let neg = false;
  if (s !== '') {
    const c = s[0];
    if (c === '-' || c === '+') {
      neg = c === '-';
      s = s.slice(1);
    }
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) throw invalid();
    const m = /^(\d*)(\.(\d*))?/.exec(s) as RegExpExecArray;
    const intPart = m[1];
    const fracPart = m[3] ?? '';
    if (intPart === '' && fracPart === '') throw invalid();
    s = s.slice(m[0].length);
    let i = 0;
    while (i < s.length && s[i] !== '.' && !(s[i] >= '0' && s[i] <= '9')) i++;
    if (i === 0) throw new GoError(`time: missing unit in duration ${quote(orig)}`);
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = units[u];
    if (unit === undefined) throw new GoError(`time: unknown unit ${quote(u)} in duration ${quote(orig)}`);
    let v = BigInt(intPart || '0');
    if (v > MAX_INT64 / unit) throw invalid();
    v *= unit;
    if (fracPart !== '') {
      // Go scales the fraction with float64 arithmetic and truncates.
      let f = 0n;
      let scale = 1;
      for (const ch of fracPart) {
        if (f > (1n << 63n) / 10n) break;
        f = f * 10n + BigInt(Number(ch));
        scale *= 10;
      }
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v < 0n) throw invalid();
    }
    d += v;
    if (d > MAX_INT64 + (neg ? 1n : 0n)) throw invalid();
  }
  return neg ? -d : d;
}

/** `Duration.Round(m)`. */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 < d ? d1 : MIN_INT64;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 > d ? d1 : MAX_INT64;
}

export function truncateDuration(d: bigint, m: bigint): bigint {
  return m <= 0n ? d : d - (d % m);
}

/** `t.Sub(u)`, saturating as Go's. */
export function subInstants(t: Instant, u: Instant): bigint {
  const d = t.unixNano() - u.unixNano();
  if (d > MAX_INT64) return MAX_INT64;
  if (d < MIN_INT64) return MIN_INT64;
  return d;
}

// Go values.

const timeData = new WeakMap<GoStruct, Instant>();

export interface TimeTypes {
  readonly time: GoType;
  readonly timePointer: GoType;
  readonly duration: GoType;
  readonly month: GoType;
  readonly weekday: GoType;
}

let timeTypes: TimeTypes | undefined;

/** The `time.Time` held by a value (a Time, or a non-nil *Time), or undefined. */
export function instantOf(v: GoValue | undefined): Instant | undefined {
  const s = v instanceof GoPointer ? v.target : v;
  return s instanceof GoStruct ? timeData.get(s) : undefined;
}

export function timeValue(t: Instant): GoStruct {
  // Go's unexported fields, so that reflect.DeepEqual (deepEqual, uniq, has) tells instants and locations apart.
  const s = new GoStruct(goTimeTypes().time, { wall: typedScalar(types.uint64, t.nsec), ext: typedScalar(types.int64, t.sec), loc: t.loc.name });
  timeData.set(s, t);
  return s;
}

export function durationValue(d: bigint): GoScalar {
  return typedScalar(goTimeTypes().duration, d) as GoScalar;
}

function durationOf(v: GoValue | undefined): bigint {
  return (v as GoScalar).value as bigint;
}

export function goTimeTypes(): TimeTypes {
  if (timeTypes) return timeTypes;
  const int = types.int;
  const i64 = types.int64;
  const f64 = types.float64;
  const month = namedType('time.Month', int, {
    String: { signature: { params: [], results: [types.string] }, call: (r) => monthString(Number((r as GoScalar).value)) },
  });
  const weekday = namedType('time.Weekday', int, {
    String: { signature: { params: [], results: [types.string] }, call: (r) => weekdayString(Number((r as GoScalar).value)) },
  });
  const duration = namedType('time.Duration', i64, {});
  const time = structType(
    'time.Time',
    [
      { name: 'wall', type: types.uint64 },
      { name: 'ext', type: types.int64 },
      { name: 'loc', type: types.string },
    ],
    {},
  );
  const timePointer = pointerTo(time);
  timeTypes = { time, timePointer, duration, month, weekday };

  const dm = (results: GoType[], call: (d: bigint, args: (GoValue | undefined)[]) => GoValue, params: GoType[] = []): GoMethod => ({
    signature: { params, results },
    call: (r, args) => call(durationOf(r), args),
  });
  const durationMethods: Record<string, GoMethod> = {
    String: dm([types.string], (d) => durationString(d)),
    Hours: dm([f64], (d) => Number(d / HOUR) + Number(d % HOUR) / 3.6e12),
    Minutes: dm([f64], (d) => Number(d / MINUTE) + Number(d % MINUTE) / 6e10),
    Seconds: dm([f64], (d) => Number(d / SECOND) + Number(d % SECOND) / 1e9),
    Milliseconds: dm([i64], (d) => goInt64(d / MILLISECOND)),
    Microseconds: dm([i64], (d) => goInt64(d / MICROSECOND)),
    Nanoseconds: dm([i64], (d) => goInt64(d)),
    Round: dm([duration], (d, [m]) => durationValue(roundDuration(d, durationOf(m))), [duration]),
    Truncate: dm([duration], (d, [m]) => durationValue(truncateDuration(d, durationOf(m))), [duration]),
    Abs: dm([duration], (d) => durationValue(d >= 0n ? d : d === MIN_INT64 ? MAX_INT64 : -d)),
  };
  setMethods(duration, durationMethods);

  const tm = (results: GoType[], call: (t: Instant, args: (GoValue | undefined)[], ctx: CallContext) => GoValue, params: GoType[] = []): GoMethod => ({
    signature: { params, results } as Signature,
    call: (r, args, ctx) => {
      const t = instantOf(r);
      if (!t) throw new GoError('runtime error: invalid memory address or nil pointer dereference');
      return call(t, args, ctx);
    },
  });
  const other = (v: GoValue | undefined) => instantOf(v) ?? zeroInstant;
  const timeMethods: Record<string, GoMethod> = {
    String: tm([types.string], (t) => timeString(t)),
    Format: tm([types.string], (t, [layout]) => formatTime(t, layout as string), [types.string]),
    Unix: tm([i64], (t) => goInt64(t.sec)),
    UnixMilli: tm([i64], (t) => goInt64(t.unixNano() / 1_000_000n)),
    UnixMicro: tm([i64], (t) => goInt64(t.unixNano() / 1000n)),
    UnixNano: tm([i64], (t) => goInt64(BigInt.asIntN(64, t.unixNano()))),
    Year: tm([int], (t) => goInt(t.fields().year)),
    Month: tm([month], (t) => typedScalar(month, t.fields().month)),
    Day: tm([int], (t) => goInt(t.fields().day)),
    Hour: tm([int], (t) => goInt(t.fields().hour)),
    Minute: tm([int], (t) => goInt(t.fields().minute)),
    Second: tm([int], (t) => goInt(t.fields().second)),
    Nanosecond: tm([int], (t) => goInt(t.nsec)),
    Weekday: tm([weekday], (t) => typedScalar(weekday, t.fields().weekday)),
    YearDay: tm([int], (t) => goInt(t.fields().yday)),
    UTC: tm([time], (t) => timeValue(t.in(UTC))),
    Local: tm([time], (t) => timeValue(t.in(t.local))),
    Add: tm([time], (t, [d]) => timeValue(t.add(durationOf(d))), [duration]),
    AddDate: tm(
      [time],
      (t, [y, m, d]) => {
        const f = t.fields();
        const n = (v: GoValue | undefined) => Number((v as GoScalar).value);
        return timeValue(dateOf(f.year + n(y), f.month + n(m), f.day + n(d), f.hour, f.minute, f.second, t.nsec, t.loc));
      },
      [int, int, int],
    ),
    Sub: tm([duration], (t, [u]) => durationValue(subInstants(t, other(u))), [time]),
    Before: tm([types.bool], (t, [u]) => t.unixNano() < other(u).unixNano(), [time]),
    After: tm([types.bool], (t, [u]) => t.unixNano() > other(u).unixNano(), [time]),
    Equal: tm([types.bool], (t, [u]) => t.unixNano() === other(u).unixNano(), [time]),
    Compare: tm([int], (t, [u]) => goInt(Math.sign(Number(t.unixNano() - other(u).unixNano()))), [time]),
    IsZero: tm([types.bool], (t) => t.isZero()),
    Truncate: tm(
      [time],
      (t, [d]) => {
        const m = durationOf(d);
        if (m <= 0n) return timeValue(t);
        const sinceZero = t.unixNano() - BigInt(ZERO_UNIX) * SECOND;
        return timeValue(t.add(-(((sinceZero % m) + m) % m)));
      },
      [duration],
    ),
    Round: tm(
      [time],
      (t, [d]) => {
        const m = durationOf(d);
        if (m <= 0n) return timeValue(t);
        const sinceZero = t.unixNano() - BigInt(ZERO_UNIX) * SECOND;
        const r = ((sinceZero % m) + m) % m;
        return timeValue(r + r < m ? t.add(-r) : t.add(m - r));
      },
      [duration],
    ),
  };
  setMethods(time, timeMethods);
  const marshal = (v: GoValue) => jsonString(formatTime(instantOf(v) as Instant, '2006-01-02T15:04:05.999999999Z07:00'), true);
  Object.defineProperty(time, jsonMarshaler, { value: marshal });
  Object.defineProperty(timePointer, jsonMarshaler, { value: marshal });
  return timeTypes;
}

function setMethods(type: GoType, methods: Record<string, GoMethod>): void {
  const table = type.methods as Map<string, GoMethod>;
  for (const [name, m] of Object.entries(methods)) table.set(name, m);
}

function monthString(m: number): string {
  return m >= 1 && m <= 12 ? longMonths[m - 1] : `%!Month(${m})`;
}

function weekdayString(d: number): string {
  return d >= 0 && d <= 6 ? longDays[d] : `%!Weekday(${d})`;
}
