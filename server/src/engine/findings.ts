/**
 * A finding is what every check produces: a stable code, a severity and a
 * message, anchored at a span of the YAML document it was found in, with the
 * fixes that would resolve it.
 *
 * Offsets are relative to the start of the YAML document (not the file), so
 * that the results of an unchanged document stay valid when an edit in an
 * earlier document moves it: only the document's base offset changes.
 */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Replace `[start, end)` of the document's text with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a person would most likely want (VS Code's preferred quick fix). */
  preferred?: boolean;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  /** Start offset in the document's text (UTF-16 code units). */
  start: number;
  /** End offset (exclusive) in the document's text. */
  end: number;
  fixes?: Fix[];
  /** For findings about one field by name (strict field checks): the field's key as written. */
  field?: string;
}

export const severityRank: Record<Severity, number> = {
  error: 0,
  warning: 1,
  information: 2,
  hint: 3,
};
