/**
 * How a message shows a value it received: strings quoted and cut to a fixed length, so that
 * whatever a request, a rule file or a usage log holds, a message stays short.
 */

/** How much of a received string a message echoes. */
const ECHOED_CHARACTERS = 64;

/**
 * Quotes a received string for a message, cut to {@link ECHOED_CHARACTERS}.
 * @param text - the string
 * @returns it in double quotes (JSON-escaped), with `...` where it was cut
 */
export function echo(text: string): string {
  return JSON.stringify(text.length > ECHOED_CHARACTERS ? `${text.slice(0, ECHOED_CHARACTERS - 3)}...` : text);
}
