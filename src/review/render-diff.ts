/**
 * A price diff as a person reads it: a Markdown table per model for a pull-request comment, or
 * plain text for a terminal.
 */
import { signed } from '../primitives/number-text.js';
import { codeSpan, markdownCell, markdownText } from '../primitives/markdown-escape.js';
import { instantLabel } from '../primitives/instant.js';
import { pointLabel } from '../primitives/point-label.js';
import type { BookDiff, BookPointChange } from './book-diff.js';
import type { BreakingChange, BreakingKind, DiffSummary, ModelDiff, PointDiff, PriceDiff } from './price-diff.js';

/** A book price change in words: `veo3 8s text-to-video 51 → 48 from 2027-01-01 (MSA 2027)`, `(history)` when it rewrites. */
function bookChangeLine(c: BookPointChange): string {
  const since = c.from === null ? 'since always' : `from ${instantLabel(c.from)}`;
  const move = `${c.old ?? 'not priced'} → ${c.new ?? 'not priced'}`;
  return `${c.model} ${c.point} ${c.mode}: ${move} ${since}${c.rewrite ? ' (rewrites history)' : ''}${c.reason === undefined ? '' : `: ${c.reason}`}`;
}

/** What a book diff says of the whole book. */
const bookHeading = (b: BookDiff): string => `book ${b.book}${b.status === 'changed' ? '' : ` (${b.status})`}`;

/** A dated table of a model: what changes, when, and why. */
interface TimedTable {
  /** `Scheduled from 2027-01-01`, `History rewritten since always`, `Corrected from 2026-10-01`. */
  readonly heading: string;
  /** Why, as the rules say: a version's reason or a correction, with the row it cites. */
  readonly why?: string;
  /** The points that change. */
  readonly points: readonly PointDiff[];
}

/** The dated tables of a model: each rewrite or correction of history, then each scheduled or cancelled version. */
function timedTables(m: ModelDiff): TimedTable[] {
  const since = (from: string | null): string => (from === null ? 'since always' : `from ${instantLabel(from)}`);
  return [
    ...(m.history ?? []).map((h) => ({
      heading: `${h.correction === undefined ? 'History rewritten' : 'Corrected'} ${since(h.from)}`,
      ...(h.correction === undefined ? {} : { why: h.correction }),
      points: h.points,
    })),
    ...(m.scheduled ?? []).map((c) => {
      const why = [c.reason, c.source === undefined ? undefined : `source: ${c.source}`].filter((t) => t !== undefined).join('; ');
      return {
        heading: `${c.change === 'scheduled' ? 'Scheduled' : 'Cancelled'} ${since(c.from)}`,
        ...(why === '' ? {} : { why }),
        points: c.points,
      };
    }),
  ];
}

const moveKey = (p: PointDiff): string => `${pointLabel(p)}\u0000${p.old}\u0000${p.new}`;

/** The changes to the prices in force that no dated table shows already: one line per change. */
function pointsNow(m: ModelDiff): readonly PointDiff[] {
  const inHistory = new Set((m.history ?? []).flatMap((h) => h.points.map(moveKey)));
  return m.points.filter((p) => !inHistory.has(moveKey(p)));
}

/** What each kind of breaking change means, before the list of them. */
const BREAKING_PREAMBLE: Record<BreakingKind, string> = {
  rewrite:
    'These rewrite prices already in force: tasks already charged would reprice differently, or not at all. A price change is a new dated version; a price that was wrong says why in a "correction" on its version:',
  removal: 'Billing code may still send these requests; the change fails unless they are intended:',
  size: 'These prices move by more than the review allows:',
  revenue: "The usage sample's revenue moves by more than the review allows:",
};

/** The breaking changes, grouped by kind, each group after its preamble. */
function breakingGroups(breaking: readonly BreakingChange[]): { preamble: string; changes: readonly BreakingChange[] }[] {
  return (['rewrite', 'removal', 'size', 'revenue'] as const)
    .map((kind) => ({ preamble: BREAKING_PREAMBLE[kind], changes: breaking.filter((b) => b.kind === kind) }))
    .filter((group) => group.changes.length > 0);
}

/**
 * The one-line summary: `3 prices raised, 1 lowered, 1 removed`.
 * @param summary - the counts
 * @returns the line, or `No price changes.`
 */
export function summaryLine(summary: DiffSummary): string {
  const points = (
    [
      [summary.raised, 'raised'],
      [summary.lowered, 'lowered'],
      [summary.added, 'added'],
      [summary.removed, 'removed'],
    ] as const
  ).filter(([n]) => n > 0);
  const models = (
    [
      [summary.modelsAdded, 'added'],
      [summary.modelsRemoved, 'removed'],
    ] as const
  ).filter(([n]) => n > 0);
  const pointText = points.map(([n, verb], i) => (i === 0 ? `${n} price${n === 1 ? '' : 's'} ${verb}` : `${n} ${verb}`)).join(', ');
  const modelText = models.map(([n, verb]) => `${n} model${n === 1 ? '' : 's'} ${verb}`).join(', ');
  const timeText = [
    summary.scheduled > 0 ? `${summary.scheduled} scheduled change${summary.scheduled === 1 ? '' : 's'}` : '',
    summary.historyEdits > 0 ? `${summary.historyEdits} rewrite${summary.historyEdits === 1 ? '' : 's'} of prices already in force` : '',
    summary.corrections > 0 ? `${summary.corrections} correction${summary.corrections === 1 ? '' : 's'}` : '',
    (summary.bookChanges ?? 0) > 0 ? `${summary.bookChanges} price-book change${summary.bookChanges === 1 ? '' : 's'}` : '',
  ]
    .filter((t) => t !== '')
    .join(', ');
  if (pointText === '' && modelText === '' && timeText === '') return 'No price changes.';
  const now = pointText === '' ? modelText : modelText === '' ? pointText : `${pointText} (${modelText})`;
  return [now, timeText].filter((t) => t !== '').join('; ');
}

/**
 * The notes of a model's changes. Names and prose from the rules are escaped for Markdown; the
 * plain-text rendering passes itself functions that leave them as they are.
 */
function modelNotes(m: ModelDiff, code: (t: string) => string = codeSpan, text: (t: string) => string = markdownText): string[] {
  const notes: string[] = [];
  if (m.status === 'added') notes.push('New model.');
  if (m.status === 'removed') notes.push('Model removed: requests for it will be refused.');
  if (m.moved !== undefined) notes.push(`Moved from ${code(m.moved.from)} to ${code(m.moved.to)}.`);
  if (m.profile !== undefined)
    notes.push(`Pricing profile: ${text(m.profile.from ?? 'own price')} → ${text(m.profile.to ?? 'own price')}.`);
  if (m.modes !== undefined)
    notes.push(`Modes: ${[...m.modes.added.map((x) => `+ ${x}`), ...m.modes.removed.map((x) => `− ${x}`)].join(', ')}.`);
  if (m.maxInputImages !== undefined)
    notes.push(`Input-image limit: ${m.maxInputImages.from ?? 'none'} → ${m.maxInputImages.to ?? 'none'}.`);
  if (m.assumptions !== undefined) {
    notes.push(
      `Assumptions: ${[...m.assumptions.added.map((x) => `+ ${text(x)}`), ...m.assumptions.removed.map((x) => `− ${text(x)}`)].join(', ')}.`,
    );
  }
  return notes;
}

function cells(p: PointDiff): [string, string, string, string, string, string] {
  return [
    p.change,
    pointLabel(p),
    p.old === undefined ? '' : String(p.old),
    p.new === undefined ? '' : String(p.new),
    p.delta === undefined ? '' : signed(p.delta),
    p.percent === undefined ? '' : signed(p.percent, '%'),
  ];
}

/**
 * Renders a diff as Markdown for a pull-request comment or a job summary.
 * @param diff - the diff
 * @param breaking - the changes that fail the review
 * @returns the Markdown
 */
export function renderDiffMarkdown(diff: PriceDiff, breaking: readonly BreakingChange[]): string {
  const out = ['## Price changes', '', `**${summaryLine(diff.summary)}**`, ''];
  for (const m of diff.models) {
    out.push(`### ${codeSpan(m.model)}`, '');
    for (const note of modelNotes(m)) out.push(`- ${note}`);
    if (modelNotes(m).length > 0) out.push('');
    const now = pointsNow(m);
    const tables: TimedTable[] = [...(now.length > 0 ? [{ heading: '', points: now }] : []), ...timedTables(m)];
    for (const { heading, why, points } of tables) {
      if (heading !== '') out.push(`**${markdownText(heading)}**${why === undefined ? '' : `: ${markdownText(why)}`}`, '');
      out.push('| Change | Point | Old | New | Δ | Δ % |', '|---|---|--:|--:|--:|--:|');
      for (const p of points) out.push(`| ${cells(p).map(markdownCell).join(' | ')} |`);
      out.push('');
    }
  }
  for (const b of diff.books ?? []) {
    out.push(`### ${markdownText(bookHeading(b))}`, '');
    for (const c of b.changes) out.push(`- ${markdownText(bookChangeLine(c))}`);
    out.push('');
  }
  if (breaking.length > 0) {
    out.push('### Breaking changes', '');
    for (const { preamble, changes } of breakingGroups(breaking)) {
      out.push(markdownText(preamble), '');
      for (const b of changes) out.push(`- ${codeSpan(b.model)}: ${markdownText(b.reason)}`);
      out.push('');
    }
  }
  return out.join('\n');
}

/**
 * Renders a diff as plain text for a terminal.
 * @param diff - the diff
 * @param breaking - the changes that fail the review
 * @returns the text
 */
export function renderDiffText(diff: PriceDiff, breaking: readonly BreakingChange[]): string {
  const out = [summaryLine(diff.summary)];
  for (const m of diff.models) {
    out.push('', m.model);
    for (const note of modelNotes(
      m,
      (t) => `\`${t}\``,
      (t) => t,
    ))
      out.push(`  ${note}`);
    const line = (p: PointDiff, indent: string): string => {
      const [change, point, old, now, delta, percent] = cells(p);
      const move = old !== '' && now !== '' ? `${old} → ${now}` : old !== '' ? old : now;
      return `${indent}${change.padEnd(8)} ${point.padEnd(10)} ${move}${delta === '' ? '' : ` (${delta}, ${percent})`}`;
    };
    for (const p of pointsNow(m)) out.push(line(p, '  '));
    for (const { heading, why, points } of timedTables(m)) {
      out.push(`  ${heading}:${why === undefined ? '' : ` ${why}`}`);
      for (const p of points) out.push(line(p, '    '));
    }
  }
  for (const b of diff.books ?? []) {
    out.push('', bookHeading(b));
    for (const c of b.changes) out.push(`  ${bookChangeLine(c)}`);
  }
  if (breaking.length > 0) {
    out.push('', 'Breaking changes:');
    for (const { preamble, changes } of breakingGroups(breaking)) {
      out.push(`  ${preamble}`);
      for (const b of changes) out.push(`    ${b.model}: ${b.reason}`);
    }
  }
  return `${out.join('\n')}\n`;
}
