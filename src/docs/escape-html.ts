/**
 * Escaping text for HTML.
 */

/**
 * Escapes text for an HTML element or a quoted attribute.
 * @param text - any text
 * @returns the text with `&`, `<`, `>`, `"` and `'` escaped
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Makes JSON safe inside a `<script>` element.
 * @param value - any JSON value
 * @returns its JSON text, with `<` escaped so that `</script>` cannot end the element
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
