/**
 * JSON text in which a bigint is written as the exact integer it is (`JSON.stringify` refuses
 * bigints, and a number would round past 2^53).
 */

/**
 * Writes a value as JSON, bigints as exact integers; otherwise as `JSON.stringify` writes it
 * (`undefined` members left out, `toJSON` called).
 * @param value - the value
 * @param indent - spaces per level
 * @returns the JSON text
 */
export function exactJson(value: unknown, indent = 0): string {
  return write(value, indent, '') ?? 'null';
}

function write(value: unknown, indent: number, margin: string): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return write((value as { toJSON: () => unknown }).toJSON(), indent, margin);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent > 0 ? `${margin}${' '.repeat(indent)}` : '';
  const open = indent > 0 ? `\n${inner}` : '';
  const close = indent > 0 ? `\n${margin}` : '';
  const separator = indent > 0 ? `,\n${inner}` : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((item) => write(item, indent, inner) ?? 'null').join(separator)}${close}]`;
  }
  const members = Object.entries(value).flatMap(([key, item]) => {
    const text = write(item, indent, inner);
    return text === undefined ? [] : [`${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}${text}`];
  });
  return members.length === 0 ? '{}' : `{${open}${members.join(separator)}${close}}`;
}
