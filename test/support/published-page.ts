/**
 * Reads the published price list (test/fixtures/pricing-page.txt, a copy of the public page)
 * into price points, independently of the rule files: the oracle the rules are tested against.
 */
import { readFileSync } from 'node:fs';

export interface PageRow {
  readonly section: 'Image models' | 'Video models';
  readonly line: string;
  readonly model: string;
  readonly modes: readonly string[];
  readonly credits: string;
  readonly rule: string;
}

export interface PagePoint {
  readonly model: string;
  readonly modes: readonly string[];
  readonly duration?: number;
  readonly resolution?: string;
  readonly credits: number;
}

/** The page's text. */
export const PAGE_TEXT = readFileSync(new URL('../fixtures/pricing-page.txt', import.meta.url), 'utf8');

/**
 * The durations of the rows whose prices the page lists "at 720p; ... at 1080p" without naming
 * durations: the page leaves them open, and the project's pricing decisions settle them (each
 * such price carries an assumption in the rules that says why).
 */
export const DECIDED_DURATIONS: Readonly<Record<string, readonly number[]>> = {
  'sora-2-text-to-video': [5, 10, 20],
  'sora-2-pro-text-to-video': [5, 10, 20],
  'sora-2-image-to-video': [5, 10, 20],
  'wan/2-6-text-to-video': [5, 10, 15],
  'wan/2-6-image-to-video': [5, 10, 15],
  'bytedance/seedance-1.5-pro': [5, 10],
};

/** Every model row of the page's two tables. */
export function pageRows(text = PAGE_TEXT): PageRow[] {
  const rows: PageRow[] = [];
  let section: PageRow['section'] | undefined;
  for (const line of text.split('\n')) {
    if (line === 'Image models' || line === 'Video models') section = line;
    if (section === undefined || !/^[a-z].* \| .* \| .* \| .* \|$/.test(line)) continue;
    const [model, modes, credits, rule] = line.split(' | ').map((cell) => cell.replace(/ \|$/, '').trim()) as [
      string,
      string,
      string,
      string,
    ];
    rows.push({ section, line, model, modes: modes.split(', '), credits, rule });
  }
  return rows;
}

/**
 * Every price point the page states.
 * @param text - the page, or a page laid out like it
 * @param durationsOf - the durations of a row that lists prices "at 720p" without durations;
 *   by default {@link DECIDED_DURATIONS}
 */
export function pagePoints(
  text = PAGE_TEXT,
  durationsOf: (row: PageRow) => readonly number[] | undefined = (row) => DECIDED_DURATIONS[row.model],
): PagePoint[] {
  const rows = pageRows(text);
  const byModel = new Map(rows.map((r) => [r.model, r]));
  const points: PagePoint[] = [];
  for (const row of rows) {
    const base = { model: row.model, modes: row.modes };
    const same = /^Same pricing profile as (\S+?)\.(?: |$)/.exec(row.rule);
    const rule = same ? (byModel.get(same[1]!) as PageRow).rule : row.rule;
    const matrix = [...row.credits.matchAll(/([\d, ]+) at (\w+)/g)];
    if (matrix.length > 0) {
      const durations = durationsOf(row);
      if (durations === undefined) throw new Error(`no decided durations for ${row.model}`);
      for (const [, list, resolution] of matrix) {
        const credits = list!.split(',').map((c) => Number(c.trim()));
        if (credits.length !== durations.length)
          throw new Error(`${row.model}: ${credits.length} prices for ${durations.length} durations`);
        for (const [i, c] of credits.entries()) points.push({ ...base, duration: durations[i]!, resolution: resolution!, credits: c });
      }
    } else if (/^(\d+[sK]) = \d+/.test(rule)) {
      const pairs = [...rule.matchAll(/(\d+[sK]) = (\d+)/g)];
      if (pairs.map((p) => p[2]).join(', ') !== row.credits) throw new Error(`${row.model}: credits column disagrees with its rule`);
      for (const [, key, value] of pairs) {
        const point = key!.endsWith('s') ? { duration: Number(key!.slice(0, -1)) } : { resolution: key! };
        points.push({ ...base, ...point, credits: Number(value) });
      }
    } else if (/^\d+$/.test(row.credits)) {
      const clip = /per (\d+)-second clip/.exec(rule);
      points.push({ ...base, ...(clip ? { duration: Number(clip[1]) } : {}), credits: Number(row.credits) });
    } else {
      throw new Error(`unread row: ${row.line}`);
    }
  }
  return points;
}
