/**
 * SQL written from templates that escape by default, as ajv's code generator does: every value
 * interpolated into {@link sql} becomes a literal (`'it''s'`, `42`, `TRUE`, `NULL`), unless it
 * is SQL already, made by {@link sql} itself or marked with {@link sqlCode}. A value from the
 * rules or a file name can never become code by accident.
 */

/** A piece of SQL code: interpolated into {@link sql} as it is. */
export class Sql {
  /**
   * @param text - the code
   */
  constructor(readonly text: string) {}

  /** @returns the code */
  toString(): string {
    return this.text;
  }
}

/** A value a template escapes into a literal; a list becomes literals separated by commas. */
type SqlLiteralValue = string | number | boolean | null;

/** What a template interpolates: code as it is, anything else as a literal. */
export type SqlValue = Sql | SqlLiteralValue | readonly SqlLiteralValue[];

/**
 * Marks text as SQL code. Only for text the package writes itself, never for data.
 * @param text - the code
 * @returns the code, to interpolate as it is
 */
export function sqlCode(text: string): Sql {
  return new Sql(text);
}

/**
 * A SQL literal.
 * @param value - a string, a finite number, a boolean or null
 * @returns `'text'` with quotes doubled, the number, `TRUE`/`FALSE` or `NULL`
 * @throws TypeError for a number that is not finite (SQL has no literal for it)
 */
function sqlLiteral(value: SqlLiteralValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`a SQL literal needs a finite number, found ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Writes SQL from a template: code as written, each interpolated value escaped.
 * @param strings - the template's code
 * @param values - the values: {@link Sql} as it is, anything else as a literal
 * @returns the SQL
 */
export function sql(strings: TemplateStringsArray, ...values: readonly SqlValue[]): Sql {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text +=
      value instanceof Sql ? value.text : Array.isArray(value) ? value.map(sqlLiteral).join(', ') : sqlLiteral(value as SqlLiteralValue);
    text += strings[i + 1] ?? '';
  });
  return new Sql(text);
}

/**
 * Joins pieces of SQL.
 * @param parts - the pieces
 * @param separator - code between them
 * @returns the joined SQL
 */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return new Sql(parts.map((part) => part.text).join(separator));
}
