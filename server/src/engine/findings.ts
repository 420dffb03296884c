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
  /**
   * Several rules' findings about one thing, folded into this one (see `fold.ts`): `code`,
   * `severity`, `message` and `fixes` are computed from the parts, and each part keeps its own
   * code and severity, so that a setting that silences a code silences only its part.
   */
  fold?: Fold;
}

/** One rule's contribution to a folded finding. */
export interface FindingPart {
  code: string;
  severity: Severity;
  /** What the part says is missing, as "<noun> <qualifier>" (`memory request`), so that parts can be said together. */
  what: string;
  /** What follows from it, with the numbers. */
  effect: string;
  fixes?: Fix[];
}

export interface Fold {
  /** Findings with the same key (and span) fold into one. */
  key: string;
  /** Who the parts are about: `container app`. */
  about: string;
  /** What the parts together lead to (`so the pod is BestEffort`), said only while the parts of every code it `needs` are shown. */
  conclusion: { text: string; needs: string[] } | null;
  parts: FindingPart[];
}

export const severityRank: Record<Severity, number> = {
  error: 0,
  warning: 1,
  information: 2,
  hint: 3,
};
