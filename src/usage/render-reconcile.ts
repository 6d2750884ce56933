/**
 * A reconciliation summary as a person reads it: plain text for a terminal, Markdown for a report.
 */
import { codeSpan, markdownCell } from '../primitives/markdown-escape.js';
import { formatCount, signed } from '../primitives/number-text.js';
import type { DriftGroup, ReconcileSummary } from './reconcile.js';

/** How many drift groups a report lists; the rest are counted. */
export const DRIFT_GROUPS_SHOWN = 20;

function codes(summary: ReconcileSummary): string {
  return Object.entries(summary.unpriceableByCode)
    .map(([code, n]) => `${code} ${formatCount(n as number)}`)
    .join(', ');
}

/**
 * Renders a summary as plain text.
 * @param summary - the summary
 * @param source - the log's name, for the first line
 * @returns the text, ending in a newline
 */
export function renderReconcileText(summary: ReconcileSummary, source: string): string {
  const count = (label: string, n: number, detail = '') =>
    `  ${label.padEnd(12)} ${formatCount(n).padStart(12)}${detail === '' ? '' : `  (${detail})`}`;
  const out = [
    `Reconciled ${formatCount(summary.lines)} line${summary.lines === 1 ? '' : 's'} of ${source} against rules ${summary.rulesVersion}:`,
    count('match', summary.match),
    count('drift', summary.drift),
    count('unpriceable', summary.unpriceable, codes(summary)),
    count('malformed', summary.malformed),
    count('refunded', summary.refunded),
    `Credits: quoted ${formatCount(summary.quotedCredits)}, charged ${formatCount(summary.chargedCredits)}, refunded ${formatCount(summary.refundedCredits)}, net ${formatCount(summary.netCredits)}`,
  ];
  if (summary.driftGroups.length > 0) {
    out.push('', 'Drift by model, price point and quote, most tasks first (delta: credits charged less quoted):');
    const rows = [
      ['MODEL', 'POINT', 'QUOTED', 'CHARGED', 'TASKS', 'DELTA'],
      ...summary.driftGroups
        .slice(0, DRIFT_GROUPS_SHOWN)
        .map((g) => [g.model, g.point, String(g.quoted), charges(g), formatCount(g.count), signed(g.deltaCredits)]),
    ];
    const widths = (rows[0] as string[]).map((_, c) => rows.reduce((w, r) => Math.max(w, (r[c] as string).length), 0));
    for (const r of rows)
      out.push(`  ${r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ')}`);
    if (summary.driftGroups.length > DRIFT_GROUPS_SHOWN) out.push(`  (${summary.driftGroups.length - DRIFT_GROUPS_SHOWN} more)`);
  }
  if (summary.malformedLines.length > 0) {
    out.push(
      '',
      `Malformed lines${summary.malformed > summary.malformedLines.length ? ` (the first ${summary.malformedLines.length})` : ''}:`,
    );
    for (const m of summary.malformedLines) out.push(`  line ${m.line}: ${m.field}: ${m.reason}`);
  }
  return `${out.join('\n')}\n`;
}

const cell = markdownCell;

/** The charges of a drift group: one, or the range. */
const charges = (g: DriftGroup): string => (g.minCharged === g.maxCharged ? String(g.minCharged) : `${g.minCharged}–${g.maxCharged}`);

/**
 * Renders a summary as Markdown.
 * @param summary - the summary
 * @param source - the log's name
 * @returns the Markdown
 */
export function renderReconcileMarkdown(summary: ReconcileSummary, source: string): string {
  const out = [
    '## Usage reconciliation',
    '',
    `**${formatCount(summary.lines)} line${summary.lines === 1 ? '' : 's'}** of ${codeSpan(source)} against rules ${codeSpan(summary.rulesVersion)}.`,
    '',
    '| Outcome | Tasks |',
    '|---|--:|',
    `| match | ${formatCount(summary.match)} |`,
    `| drift | ${formatCount(summary.drift)} |`,
    `| unpriceable | ${formatCount(summary.unpriceable)} |`,
    ...Object.entries(summary.unpriceableByCode).map(([code, n]) => `| ↳ \`${code}\` | ${formatCount(n as number)} |`),
    `| malformed | ${formatCount(summary.malformed)} |`,
    `| refunded | ${formatCount(summary.refunded)} |`,
    '',
    '| Credits | |',
    '|---|--:|',
    `| quoted | ${formatCount(summary.quotedCredits)} |`,
    `| charged | ${formatCount(summary.chargedCredits)} |`,
    `| refunded | ${formatCount(summary.refundedCredits)} |`,
    `| net | ${formatCount(summary.netCredits)} |`,
    '',
  ];
  if (summary.driftGroups.length > 0) {
    out.push('### Drift', '', '| Model | Point | Quoted | Charged | Tasks | Delta |', '|---|---|--:|--:|--:|--:|');
    for (const g of summary.driftGroups.slice(0, DRIFT_GROUPS_SHOWN))
      out.push(
        `| ${codeSpan(g.model, true)} | ${cell(g.point)} | ${g.quoted} | ${charges(g)} | ${formatCount(g.count)} | ${signed(g.deltaCredits)} |`,
      );
    if (summary.driftGroups.length > DRIFT_GROUPS_SHOWN) out.push('', `${summary.driftGroups.length - DRIFT_GROUPS_SHOWN} more groups.`);
    out.push('');
  }
  if (summary.malformedLines.length > 0) {
    out.push('### Malformed lines', '', '| Line | Field | Why |', '|--:|---|---|');
    for (const m of summary.malformedLines) out.push(`| ${m.line} | ${cell(m.field)} | ${cell(m.reason)} |`);
    out.push('');
  }
  return out.join('\n');
}
