/**
 * The view `priced_usage`: every task of `usage_records` priced as `quote` prices its request at
 * the instant it was submitted, in the price book it names (`book`; NULL for the list), refusals
 * included.
 *
 * It is fast because the work per row is equality: a log holds millions of tasks but only
 * hundreds of distinct request shapes (model, input mode, duration, resolution, image count).
 * The view reads each shape once, normalises and prices it against every period of its model (a
 * version in force, or the time before the first), and joins each task back to its shape by
 * equality, with the period that holds its instant. Every shape has periods that cover all time
 * without overlapping, so each task meets exactly one: none is lost, none is counted twice.
 *
 * The text is the same on every engine but for what {@link spelling} spells. It uses only
 * portable constructs: CTEs, CASE, LEFT and INNER JOIN, SELECT DISTINCT, UNION ALL, GROUP BY,
 * LIKE, substring, length, replace, translate, coalesce and CAST, in lower case where ClickHouse
 * is case-sensitive. It avoids ASOF joins, regular expressions (each engine spells them
 * differently), lower and upper (locale-dependent: resolutions compare case-insensitively in
 * ASCII only), IS NOT DISTINCT FROM and TRY_CAST (missing on some engines), and OR in a join's
 * condition (DuckDB then compares every pair of rows: an interval is checked against its last
 * instant, see {@link DialectSpelling.last}). A column read from
 * the right side of a LEFT JOIN is one that reads NULL when nothing matches, on ClickHouse too
 * (see {@link spelling}).
 */
import { type DialectSpelling, spelling, type SqlDialect } from './sql-dialect.js';
import { type Sql, sql, sqlCode } from './sql-template.js';

/** ASCII letters only: `translate(x, 'A..Z', 'a..z')` is the same on every engine, in every locale. */
const asciiLower = (expression: Sql): Sql =>
  sql`translate(${expression}, ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'}, ${'abcdefghijklmnopqrstuvwxyz'})`;

/** The expression left when every digit is removed: '' for a string of digits only. */
const withoutDigits = (expression: Sql): Sql =>
  [...'0123456789'].reduce((inner, digit) => sql`replace(${inner}, ${digit}, '')`, expression);

/** Which of a shape's text columns are NULL, as one number: NULL and '' are different requests. */
const nullMask = (alias: string): Sql =>
  sqlCode(
    ['model', 'input_mode', 'duration', 'resolution']
      .map((column, bit) => `CASE WHEN ${alias}.${column} IS NULL THEN ${2 ** bit} ELSE 0 END`)
      .join(' + '),
  );

/** The request shapes of the log, each normalised as `quote` reads a request. */
const shapes = sql`shapes AS (
  -- GROUP BY rather than DISTINCT: engines estimate its size from the columns' distinct values,
  -- and so hash the few shapes, not the many tasks, when they join the two.
  SELECT model, input_mode, duration, resolution, coalesce(input_images, 0) AS images
  FROM usage_records
  GROUP BY model, input_mode, duration, resolution, coalesce(input_images, 0)
),
request AS (
  SELECT
    s.model AS requested_model,
    coalesce(s.model, '') AS model_key,
    coalesce(s.input_mode, '') AS input_mode_key,
    coalesce(s.duration, '') AS duration_key_text,
    coalesce(s.resolution, '') AS resolution_key_text,
    ${nullMask('s')} AS null_mask,
    s.images,
    CASE
      WHEN s.input_mode IS NULL THEN NULL
      WHEN s.input_mode IN ('text_to_video', 'text-to-video') THEN 'text'
      WHEN s.input_mode IN ('image_to_video', 'image-to-video') THEN 'image'
      ELSE 'invalid'
    END AS input_mode,
    s.duration AS duration_text,
    CASE WHEN s.duration LIKE '%s' THEN substring(s.duration, 1, length(s.duration) - 1) ELSE s.duration END AS duration_digits,
    s.resolution AS resolution_text,
    ${asciiLower(sqlCode('s.resolution'))} AS resolution_key
  FROM shapes s
),
normalised AS (
  SELECT
    r.*,
    (length(r.duration_digits) BETWEEN 1 AND 15 AND substring(r.duration_digits, 1, 1) <> '0' AND ${withoutDigits(sqlCode('r.duration_digits'))} = '') AS duration_readable
  FROM request r
),
seconds AS (
  SELECT
    n.*,
    CASE WHEN n.duration_readable THEN CAST(n.duration_digits AS BIGINT) END AS duration_seconds
  FROM normalised n
)`;

/** Each model's periods: its versions, and the time before the first when no version holds since always. */
const periods = sql`periods AS (
  SELECT model, valid_from AS period_start, valid_until AS period_end, TRUE AS in_force, valid_from, kind, clip_seconds, has_duration, has_resolution
  FROM price_versions
  UNION ALL
  SELECT model, NULL, min(valid_from), FALSE, NULL, NULL, NULL, NULL, NULL
  FROM price_versions
  GROUP BY model
  HAVING count(valid_from) = count(*)
)`;

/** Each shape priced in each period of its model, or refused with the code `quote` gives. */
function quotedShapes(dialect: DialectSpelling): Sql {
  return sql`modelled AS (
  SELECT
    s.*,
    m.model AS known_model,
    m.video,
    m.max_input_images,
    CASE
      WHEN m.model IS NULL THEN NULL
      WHEN NOT m.video THEN CASE WHEN s.images > 0 THEN m.image_mode ELSE m.text_mode END
      WHEN s.input_mode = 'invalid' THEN NULL
      WHEN s.input_mode = 'text' AND m.text_mode IS NULL THEN NULL
      WHEN s.input_mode = 'image' AND m.image_mode IS NULL THEN NULL
      WHEN s.images > 0 THEN m.image_mode
      WHEN s.input_mode IS NULL THEN coalesce(m.text_mode, m.image_mode)
      WHEN s.input_mode = 'text' THEN m.text_mode
      ELSE m.image_mode
    END AS mode
  FROM seconds s
  LEFT JOIN price_models m ON m.model = s.requested_model
),
versioned AS (
  SELECT
    w.*,
    -- An unknown model has no period: its one row stands for all time.
    coalesce(p.period_start, ${dialect.beginning}) AS period_start,
    ${dialect.last(sqlCode('p.period_end'))} AS period_last,
    coalesce(p.in_force, FALSE) AS in_force,
    p.kind,
    p.clip_seconds,
    p.has_duration,
    p.has_resolution,
    -- The version's key: no version of the rules starts at the beginning of time.
    coalesce(p.valid_from, ${dialect.beginning}) AS version_key
  FROM modelled w
  LEFT JOIN periods p ON p.model = w.known_model
),
keyed AS (
  SELECT
    x.*,
    CASE WHEN x.has_duration THEN coalesce(x.duration_seconds, x.clip_seconds) ELSE -1 END AS duration_key,
    CASE WHEN x.has_resolution THEN x.resolution_key ELSE '' END AS point_resolution_key
  FROM versioned x
),
points AS (
  SELECT
    p.model AS point_model,
    p.mode AS point_mode,
    coalesce(p.valid_from, ${dialect.beginning}) AS point_version_key,
    coalesce(p.duration, -1) AS point_duration_key,
    coalesce(${asciiLower(sqlCode('p.resolution'))}, '') AS point_resolution,
    p.credits,
    p.duration AS price_duration,
    p.resolution AS price_resolution
  FROM price_points p
),
resolutions AS (
  SELECT DISTINCT point_model AS priced_model, point_version_key AS priced_version_key, point_resolution AS priced_resolution
  FROM points WHERE point_resolution <> ''
),
priced AS (
  -- The names of both sides differ: ClickHouse qualifies a name that both sides of a join have.
  SELECT
    k.*,
    p.credits,
    p.price_duration,
    p.price_resolution,
    (r.priced_model IS NOT NULL) AS resolution_priced
  FROM keyed k
  LEFT JOIN points p
    ON p.point_model = k.known_model
    AND p.point_mode = k.mode
    AND p.point_version_key = k.version_key
    AND p.point_duration_key = k.duration_key
    AND p.point_resolution = k.point_resolution_key
  LEFT JOIN resolutions r
    ON r.priced_model = k.known_model
    AND r.priced_version_key = k.version_key
    AND r.priced_resolution = k.resolution_key
),
decided AS (
  SELECT
    y.*,
    CASE
      WHEN y.requested_model IS NULL THEN 'MISSING_PARAMETER'
      WHEN y.known_model IS NULL THEN 'UNKNOWN_MODEL'
      WHEN NOT y.in_force THEN 'UNSUPPORTED_VALUE'
      WHEN y.images < 0 THEN 'INVALID_PARAMETER'
      WHEN y.video AND y.input_mode = 'invalid' THEN 'INVALID_PARAMETER'
      WHEN y.mode IS NULL THEN 'UNSUPPORTED_MODE'
      WHEN y.max_input_images IS NOT NULL AND y.images > y.max_input_images THEN 'TOO_MANY_INPUT_IMAGES'
      WHEN y.has_duration AND y.duration_text IS NOT NULL AND NOT y.duration_readable THEN 'INVALID_PARAMETER'
      WHEN y.has_duration AND y.duration_text IS NULL AND y.clip_seconds IS NULL THEN 'MISSING_PARAMETER'
      WHEN y.has_resolution AND y.resolution_text IS NULL THEN 'MISSING_PARAMETER'
      WHEN y.has_resolution AND y.resolution_text = '' THEN 'INVALID_PARAMETER'
      WHEN y.has_resolution AND NOT y.resolution_priced THEN 'UNSUPPORTED_VALUE'
      WHEN y.credits IS NULL THEN 'UNSUPPORTED_VALUE'
    END AS refusal
  FROM priced y
),
quoted AS (
  -- DISTINCT changes no row (each shape and period is one already) but keeps the shapes' joins
  -- apart from the tasks': ClickHouse would otherwise reorder the joins so that every task goes
  -- through the joins that price the shapes.
  SELECT DISTINCT
    model_key, input_mode_key, duration_key_text, resolution_key_text, null_mask, images, period_start, period_last, refusal,
    CASE WHEN refusal IS NULL THEN mode END AS mode,
    CASE WHEN refusal IS NULL THEN credits END AS quoted_credits,
    CASE WHEN refusal IS NULL THEN price_duration END AS price_duration,
    CASE WHEN refusal IS NULL THEN price_resolution END AS price_resolution
  FROM decided
)`;
}

/**
 * The view that prices `usage_records` as `quote` prices a request.
 * @param dialect - the engine it is written for
 * @returns `CREATE VIEW priced_usage AS ...`
 */
export function pricedUsageView(dialect: SqlDialect): string {
  const spelt = spelling(dialect);
  return sql`CREATE VIEW priced_usage AS
WITH ${shapes},
${periods},
${quotedShapes(spelt)},
tasks AS (
  SELECT
    u.task_id,
    u.submitted_at,
    u.model,
    u.credits_used,
    u.status,
    u.customer_id,
    u.book,
    q.mode AS list_mode,
    q.quoted_credits AS list_quote,
    q.refusal AS list_refusal,
    q.price_duration AS list_duration,
    q.price_resolution AS list_resolution
  FROM usage_records u
  JOIN quoted q
    ON q.model_key = coalesce(u.model, '')
    AND q.input_mode_key = coalesce(u.input_mode, '')
    AND q.duration_key_text = coalesce(u.duration, '')
    AND q.resolution_key_text = coalesce(u.resolution, '')
    AND q.images = coalesce(u.input_images, 0)
    AND q.null_mask = ${nullMask('u')}
    AND q.period_start <= u.submitted_at
    AND u.submitted_at <= q.period_last
),
booked AS (
  -- A task charged in a price book: the book's price of its point at its instant. Every column
  -- named: ClickHouse qualifies a name that both sides of a join have.
  SELECT
    t.task_id AS task_id, t.submitted_at AS submitted_at, t.model AS model, t.credits_used AS credits_used,
    t.status AS status, t.customer_id AS customer_id, t.book AS book, t.list_mode AS list_mode, t.list_quote AS list_quote,
    t.list_refusal AS list_refusal, t.list_duration AS list_duration, t.list_resolution AS list_resolution,
    pb.book AS known_book,
    bp.credits AS book_credits
  FROM tasks t
  LEFT JOIN price_books pb ON pb.book = t.book
  LEFT JOIN price_book_points bp
    ON bp.book = t.book
    AND bp.model = t.model
    AND bp.mode = t.list_mode
    AND coalesce(bp.duration, -1) = coalesce(t.list_duration, -1)
    AND coalesce(bp.resolution, '') = coalesce(t.list_resolution, '')
    AND coalesce(bp.valid_from, ${spelt.beginning}) <= t.submitted_at
    AND t.submitted_at <= ${spelt.last(sqlCode('bp.valid_until'))}
),
refused AS (
  SELECT
    b.task_id, b.submitted_at, b.model, b.credits_used, b.status, b.customer_id, b.book,
    b.list_mode, b.list_quote, b.list_duration, b.list_resolution, b.book_credits,
    CASE
      WHEN b.book IS NOT NULL AND b.known_book IS NULL THEN 'UNKNOWN_BOOK'
      WHEN b.list_refusal IS NOT NULL THEN b.list_refusal
      -- A book prices every point the list prices: no price here is a refusal, never a silent NULL.
      WHEN b.book IS NOT NULL AND b.book_credits IS NULL THEN 'UNSUPPORTED_VALUE'
    END AS refusal
  FROM booked b
)
SELECT
  task_id,
  submitted_at,
  model,
  CASE WHEN refusal IS NULL THEN list_mode END AS mode,
  CASE WHEN refusal IS NULL THEN CASE WHEN book IS NULL THEN list_quote ELSE book_credits END END AS quoted_credits,
  refusal,
  credits_used,
  status,
  CASE WHEN refusal IS NULL THEN list_duration END AS price_duration,
  CASE WHEN refusal IS NULL THEN list_resolution END AS price_resolution,
  book,
  customer_id,
  CASE WHEN refusal IS NULL THEN list_quote END AS list_credits
FROM refused;
`.text;
}
