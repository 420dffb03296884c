/**
 * `.helmignore` as Helm reads it (pkg/ignore): one `path.Match` pattern a
 * line, `#` comments, `!` negation, a trailing `/` for directories only, a
 * leading `/` or an inner `/` to match the whole path instead of the base
 * name; `**` is refused. `templates/.?*` is always added last.
 */
import { compileGoPathPattern } from './glob';

interface Pattern {
  regex: RegExp;
  negate: boolean;
  mustDir: boolean;
  wholePath: boolean;
}

/** filepath.Base: the last element, trailing slashes removed. */
function goBase(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export class IgnoreRules {
  private readonly patterns: Pattern[] = [];

  /** Parses a `.helmignore` text; an error names the line Helm refuses. */
  static parse(text: string): { rules: IgnoreRules; error?: { message: string; line: number } } {
    const rules = new IgnoreRules();
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
      const error = rules.addRule(lines[index]);
      if (error) return { rules, error: { message: error, line: index } };
    }
    return { rules };
  }

  static empty(): IgnoreRules {
    return new IgnoreRules();
  }

  addDefaults(): void {
    this.addRule('templates/.?*');
  }

  /** Adds one rule; returns Helm's error text for a rule it refuses. */
  addRule(line: string): string | undefined {
    let rule = line.trim();
    if (rule === '' || rule.startsWith('#')) return undefined;
    if (rule.includes('**')) return 'double-star (**) syntax is not supported';
    if (!compileGoPathPattern(rule)) return 'syntax error in pattern';
    let negate = false;
    let mustDir = false;
    if (rule.startsWith('!')) {
      negate = true;
      rule = rule.slice(1);
    }
    if (rule.endsWith('/')) {
      mustDir = true;
      rule = rule.slice(0, -1);
    }
    let wholePath = false;
    if (rule.startsWith('/')) {
      wholePath = true;
      rule = rule.slice(1);
    } else if (rule.includes('/')) wholePath = true;
    const regex = compileGoPathPattern(rule) ?? /(?!)/;
    this.patterns.push({ regex, negate, mustDir, wholePath });
    return undefined;
  }

  /** Rules.Ignore: `path` is relative to the chart directory, with `/`. */
  ignores(path: string, isDirectory: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const pattern of this.patterns) {
      const subject = pattern.wholePath ? path : goBase(path);
      if (pattern.negate) {
        if (pattern.mustDir && !isDirectory) return true;
        if (!pattern.regex.test(subject)) return true;
        continue;
      }
      if (pattern.mustDir && !isDirectory) continue;
      if (pattern.regex.test(subject)) return true;
    }
    return false;
  }
}
