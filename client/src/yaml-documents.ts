/**
 * Which YAML document of a multi-document file an offset is in, so that
 * "Pod Lens: Simulate" from the command palette simulates the workload under
 * the cursor, as the CodeLens does. Free of `vscode` so that it runs under
 * node:test.
 *
 * A `---` line starts a new document, except the first one when nothing but
 * comments, blank lines and directives precede it (it then marks the start of
 * document 0). Block scalars containing a `---` line at column 0 are not
 * possible in valid YAML (it would end the scalar), so a line scan is exact
 * enough for this purpose.
 */
export function documentIndexAt(text: string, offset: number): number {
  let index = 0;
  let sawContent = false;
  let ended = false;
  let lineStart = 0;
  while (lineStart <= offset) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (/^---(?:[ \t]|$)/.test(line)) {
      // The cursor on the separator line belongs to the document it starts.
      if (sawContent) index++;
      sawContent = true;
      ended = false;
    } else if (/^\.\.\.(?:[ \t]|$)/.test(line)) {
      // `...` closes the document; only what follows it starts a new one.
      ended = sawContent;
    } else if (!/^[ \t]*(?:#.*)?$/.test(line) && !line.startsWith('%')) {
      if (ended) index++;
      sawContent = true;
      ended = false;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return index;
}
