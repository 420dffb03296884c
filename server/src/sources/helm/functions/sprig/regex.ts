/** sprig's `regex.go` over Go's regexp semantics ({@link compileGoRegexp}). */
import { defineFunc, type FuncDef } from '../../template/funcs';
import { sliceOf, types } from '../../template/types';
import { goSlice } from '../../template/values';
import { compileGoRegexp, findAllString, findString, matchString, mustCompile, quoteMeta, RegexpError, replaceAllString, split } from './goregexp';
import { intArg } from './convert';

const S = types.string;
const I = types.int;
const B = types.bool;
const E = types.error;
const strings = sliceOf(S);

const stringList = (items: string[] | null) => goSlice(S, items);

export function regexFunctions(): Record<string, FuncDef> {
  return {
    regexMatch: defineFunc({ params: [S, S], results: [B] }, ([re, s]) => {
      try {
        return matchString(compileGoRegexp(re as string), s as string);
      } catch (error) {
        if (error instanceof RegexpError) return false;
        throw error;
      }
    }),
    mustRegexMatch: defineFunc({ params: [S, S], results: [B, E] }, ([re, s]) => matchString(compileGoRegexp(re as string), s as string)),
    regexFindAll: defineFunc({ params: [S, S, I], results: [strings] }, ([re, s, n]) =>
      stringList(findAllString(mustCompile(re as string), s as string, intArg(n))),
    ),
    mustRegexFindAll: defineFunc({ params: [S, S, I], results: [strings, E] }, ([re, s, n]) =>
      stringList(findAllString(compileGoRegexp(re as string), s as string, intArg(n))),
    ),
    regexFind: defineFunc({ params: [S, S], results: [S] }, ([re, s]) => findString(mustCompile(re as string), s as string)),
    mustRegexFind: defineFunc({ params: [S, S], results: [S, E] }, ([re, s]) => findString(compileGoRegexp(re as string), s as string)),
    regexReplaceAll: defineFunc({ params: [S, S, S], results: [S] }, ([re, s, repl]) =>
      replaceAllString(mustCompile(re as string), s as string, repl as string, false),
    ),
    mustRegexReplaceAll: defineFunc({ params: [S, S, S], results: [S, E] }, ([re, s, repl]) =>
      replaceAllString(compileGoRegexp(re as string), s as string, repl as string, false),
    ),
    regexReplaceAllLiteral: defineFunc({ params: [S, S, S], results: [S] }, ([re, s, repl]) =>
      replaceAllString(mustCompile(re as string), s as string, repl as string, true),
    ),
    mustRegexReplaceAllLiteral: defineFunc({ params: [S, S, S], results: [S, E] }, ([re, s, repl]) =>
      replaceAllString(compileGoRegexp(re as string), s as string, repl as string, true),
    ),
    regexSplit: defineFunc({ params: [S, S, I], results: [strings] }, ([re, s, n]) => stringList(split(mustCompile(re as string), s as string, intArg(n)))),
    mustRegexSplit: defineFunc({ params: [S, S, I], results: [strings, E] }, ([re, s, n]) =>
      stringList(split(compileGoRegexp(re as string), s as string, intArg(n))),
    ),
    regexQuoteMeta: defineFunc({ params: [S], results: [S] }, ([s]) => quoteMeta(s as string)),
  };
}
