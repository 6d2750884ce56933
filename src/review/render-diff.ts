/**
 * A price diff as a person reads it: a Markdown table per model for a pull-request comment, or
 * plain text for a terminal.
 */
import { signed } from '../primitives/number-text.js';
import { codeSpan, markdownCell, markdownText } from '../primitives/markdown-escape.js';
import { instantLabel } from '../primitives/instant.js';
import { pointLabel } from '../primitives/point-label.js';
import type { BreakingChange, DiffSummary, ModelDiff, PointDiff, PriceDiff } from './price-diff.js';

/** The dated tables of a model: each scheduled or cancelled version, and each rewrite of history, with a heading. */
function timedTables(m: ModelDiff): { heading: string; points: readonly PointDiff[] }[] {
  return [
    ...(m.scheduled ?? []).map((c) => ({
      heading: `${c.change === 'scheduled' ? 'Scheduled' : 'Cancelled'} from ${instantLabel(c.from)}`,
      points: c.points,
    })),
    ...(m.history ?? []).map((h) => ({
      heading: `History rewritten ${h.from === null ? 'since always' : `from ${instantLabel(h.from)}`}`,
      points: h.points,
    })),
  ];
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
    const tables = [...(m.points.length > 0 ? [{ heading: '', points: m.points }] : []), ...timedTables(m)];
    for (const { heading, points } of tables) {
      if (heading !== '') out.push(`**${markdownText(heading)}**`, '');
      out.push('| Change | Point | Old | New | Δ | Δ % |', '|---|---|--:|--:|--:|--:|');
      for (const p of points) out.push(`| ${cells(p).map(markdownCell).join(' | ')} |`);
      out.push('');
    }
  }
  if (breaking.length > 0) {
    out.push('### Breaking changes', '', 'Billing code may still send these requests; the change fails unless they are intended:', '');
    for (const b of breaking) out.push(`- ${codeSpan(b.model)}: ${markdownText(b.reason)}`);
    out.push('');
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
    for (const p of m.points) out.push(line(p, '  '));
    for (const { heading, points } of timedTables(m)) {
      out.push(`  ${heading}:`);
      for (const p of points) out.push(line(p, '    '));
    }
  }
  if (breaking.length > 0) {
    out.push('', 'Breaking changes:');
    for (const b of breaking) out.push(`  ${b.model}: ${b.reason}`);
  }
  return `${out.join('\n')}\n`;
}
