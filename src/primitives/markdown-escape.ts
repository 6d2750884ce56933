/**
 * Text from rule files and usage logs, escaped for where it goes in a Markdown report, so that it
 * reads as the text it is: no `<!--` that hides the rest of a pull-request comment, no `|` or line
 * break that splits a table row, no `<script>` or link that a renderer would act on.
 */

/** Line breaks and other control characters, which one-line text must not carry. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/**
 * Escapes text for a Markdown paragraph or list item: CommonMark's punctuation that starts
 * markup is backslash-escaped, `<`, `>` and `&` become entities, line breaks become spaces.
 * @param text - any text
 * @returns the text, shown as it is
 */
export function markdownText(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/[\\`*[\]]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Escapes text for a cell of a Markdown table: as {@link markdownText}, and `|` too.
 * @param text - any text
 * @returns the cell's content
 */
export function markdownCell(text: string): string {
  return markdownText(text).replace(/\|/g, '\\|');
}

/**
 * Writes text as a Markdown code span: fenced by more backticks than it holds in a row, on one line.
 * @param text - any text
 * @param inTable - whether the span stands in a table cell (where `|` must be escaped even in code)
 * @returns the code span
 */
export function codeSpan(text: string, inTable = false): string {
  const flat = text.replace(CONTROL, ' ');
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const padded = flat.startsWith('`') || flat.endsWith('`') ? ` ${flat} ` : flat;
  return `${fence}${inTable ? padded.replace(/\|/g, '\\|') : padded}${fence}`;
}
