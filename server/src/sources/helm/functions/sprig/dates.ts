/**
 * sprig's `date.go`: `now`, `date`, `dateInZone`, `dateModify`, `ago`,
 * `duration`, `durationRound`, `toDate`, `unixEpoch`… over {@link Instant}.
 *
 * "Now" is the render's clock (see `SprigOptions.now`), never the wall
 * clock, and Local is UTC unless `SprigOptions.localTimeZone` names a zone:
 * the same chart renders the same text everywhere. The argument types are
 * Go's, quirks included: `date` of a values-file number (float64) formats
 * now, as sprig's type switch knows only time.Time, int, int32 and int64;
 * `duration` of an int is 0s.
 */
import { defineFunc, type CallContext, type FuncDef } from '../../template/funcs';
import { types } from '../../template/types';
import { GoScalar, type GoValue } from '../../template/values';
import type { SprigEnvironment } from '../index';
import {
  durationString,
  formatTime,
  goTimeTypes,
  Instant,
  instantOf,
  loadLocation,
  parseDuration,
  parseTime,
  roundDuration,
  SECOND,
  subInstants,
  timeValue,
  UTC,
  zeroInstant,
  type Location,
} from './gotime';
import { parseGoInt, type Arg } from './convert';

const S = types.string;
const A = types.any;
const E = types.error;

/** The time.Time of sprig's type switches: Time, *Time (dateInZone only), int64, int, int32 (Unix seconds); anything else is now. */
function timeArg(v: Arg, now: Instant, local: Location, pointers: boolean, int32s: boolean): Instant {
  if (v instanceof GoScalar) {
    const t = v.type;
    if (t === types.int64 || t === types.int || (int32s && t === types.int32)) return new Instant(Number(v.value as bigint), 0, local, local);
    return now;
  }
  const instant = instantOf(v as GoValue);
  if (instant && (pointers || !(v && typeof v === 'object' && 'target' in v))) return instant;
  return now;
}

export function dateFunctions(env: SprigEnvironment, local: Location): Record<string, FuncDef> {
  const { time } = goTimeTypes();
  const now = (ctx: CallContext) => Instant.fromMillis(env.now(ctx.scratch), local).withLocal(local);
  const inZone = (ctx: CallContext, layout: string, date: Arg, zone: string) => {
    const t = timeArg(date, now(ctx), local, true, true);
    const loc = loadLocation(zone, local) ?? UTC;
    return formatTime(t.in(loc), layout);
  };
  const dateModify = (layout: string, date: Arg, must: boolean) => {
    const t = instantOf(date as GoValue) ?? zeroInstant;
    let d: bigint;
    try {
      d = parseDuration(layout);
    } catch (error) {
      if (must) throw error;
      return timeValue(t);
    }
    return timeValue(t.add(d));
  };
  const toDate = (layout: string, value: string, must: boolean) => {
    try {
      return timeValue(parseTime(layout, value, local));
    } catch (error) {
      if (must) throw error;
      return timeValue(zeroInstant);
    }
  };
  const dateInZone = defineFunc({ params: [S, A, S], results: [S] }, ([layout, date, zone], ctx) => inZone(ctx, layout as string, date, zone as string));
  const dateModifyFn = defineFunc({ params: [S, time], results: [time] }, ([layout, date]) => dateModify(layout as string, date, false));
  const mustDateModify = defineFunc({ params: [S, time], results: [time, E] }, ([layout, date]) => dateModify(layout as string, date, true));
  return {
    now: defineFunc({ params: [], results: [time] }, (_, ctx) => timeValue(now(ctx))),
    date: defineFunc({ params: [S, A], results: [S] }, ([layout, date], ctx) => inZone(ctx, layout as string, date, 'Local')),
    date_in_zone: dateInZone,
    dateInZone,
    htmlDate: defineFunc({ params: [A], results: [S] }, ([date], ctx) => inZone(ctx, '2006-01-02', date, 'Local')),
    htmlDateInZone: defineFunc({ params: [A, S], results: [S] }, ([date, zone], ctx) => inZone(ctx, '2006-01-02', date, zone as string)),
    date_modify: dateModifyFn,
    dateModify: dateModifyFn,
    must_date_modify: mustDateModify,
    mustDateModify,
    ago: defineFunc({ params: [A], results: [S] }, ([date], ctx) => {
      const current = now(ctx);
      const t = timeArg(date, current, local, false, false);
      return durationString(roundDuration(subInstants(current, t), SECOND));
    }),
    duration: defineFunc({ params: [A], results: [S] }, ([sec]) => {
      let n = 0n;
      if (typeof sec === 'string') n = parseGoInt(sec, 10) ?? 0n;
      else if (sec instanceof GoScalar && sec.type === types.int64) n = sec.value as bigint;
      return durationString(BigInt.asIntN(64, n * SECOND));
    }),
    durationRound: defineFunc({ params: [A], results: [S] }, ([value], ctx) => {
      let d = 0n;
      if (typeof value === 'string') {
        try {
          d = parseDuration(value);
        } catch {
          d = 0n;
        }
      } else if (value instanceof GoScalar && value.type === types.int64) d = value.value as bigint;
      else {
        const t = instantOf(value as GoValue);
        if (t && !(value && typeof value === 'object' && 'target' in value)) d = subInstants(now(ctx), t);
      }
      return durationRoundString(d);
    }),
    toDate: defineFunc({ params: [S, S], results: [time] }, ([layout, value]) => toDate(layout as string, value as string, false)),
    mustToDate: defineFunc({ params: [S, S], results: [time, E] }, ([layout, value]) => toDate(layout as string, value as string, true)),
    unixEpoch: defineFunc({ params: [time], results: [S] }, ([date]) => String((instantOf(date as GoValue) ?? zeroInstant).sec)),
  };
}

/** sprig's `durationRound`: the largest whole unit, years of 365 days and months of 30. */
export function durationRoundString(d: bigint): string {
  let u = BigInt.asUintN(64, d);
  if (d < 0n) u = BigInt.asUintN(64, -u);
  const hour = 3600n * SECOND;
  const steps: [bigint, string][] = [
    [hour * 24n * 365n, 'y'],
    [hour * 24n * 30n, 'mo'],
    [hour * 24n, 'd'],
    [hour, 'h'],
    [60n * SECOND, 'm'],
    [SECOND, 's'],
  ];
  for (const [unit, suffix] of steps) if (u > unit) return String(u / unit) + suffix;
  return '0s';
}
