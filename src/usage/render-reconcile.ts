/**
 * A reconciliation summary as a person reads it: plain text for a terminal, Markdown for a report.
 */
import { codeSpan, markdownCell } from '../primitives/markdown-escape.js';
import { formatCount, signed } from '../primitives/number-text.js';
import type { DriftGroup, ReconcileSummary } from './reconcile.js';
import { TASK_IDS_CHECKED } from './task-id-set.js';

/** How many drift groups a report lists; the rest are counted. */
export const DRIFT_GROUPS_SHOWN = 20;

function codes(summary: ReconcileSummary): string {
  return Object.entries(summary.unpriceableByCode)
    .map(([code, n]) => `${code} ${formatCount(n as number)}`)
    .join(', ');
}

/** Appends a table of columns, each padded to its widest cell: numbers to the right. */
function table(out: string[], header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => all.reduce((w, r) => Math.max(w, (r[c] as string).length), 0));
  for (const r of all)
    out.push(
      `  ${r.map((cell, c) => (right[c] ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number))).join('  ')}`.trimEnd(),
    );
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
    count('repeated', summary.repeated, summary.repeated > 0 ? 'counted once, at their first line' : ''),
    count('refunded', summary.refunded),
    count('pending', summary.pending),
    `Credits: quoted ${formatCount(summary.quotedCredits)}, charged ${formatCount(summary.chargedCredits)} (${formatCount(summary.pricedChargedCredits)} on priced tasks, ${formatCount(summary.unpriceableChargedCredits)} on unpriceable ones), refunded ${formatCount(summary.refundedCredits)}, net ${formatCount(summary.netCredits)}`,
  ];
  if (summary.driftByModel.length > 0) {
    out.push(
      `Drift: ${formatCount(summary.overchargedCredits)} credits charged above the quotes, ${formatCount(summary.underchargedCredits)} below`,
      '',
      'Drift by model, the largest difference first:',
    );
    table(
      out,
      ['MODEL', 'TASKS', 'DELTA', 'FIRST', 'LAST'],
      summary.driftByModel.map((m) => [m.model, formatCount(m.count), signed(m.deltaCredits), m.firstAt, m.lastAt]),
      [false, true, true, false, false],
    );
  }
  if (summary.driftGroups.length > 0) {
    out.push('', 'Drift by model, price point and quote, most tasks first (delta: credits charged less quoted):');
    table(
      out,
      ['MODEL', 'POINT', 'QUOTED', 'CHARGED', 'TASKS', 'DELTA', 'FIRST', 'LAST'],
      summary.driftGroups
        .slice(0, DRIFT_GROUPS_SHOWN)
        .map((g) => [g.model, g.point, String(g.quoted), charges(g), formatCount(g.count), signed(g.deltaCredits), g.firstAt, g.lastAt]),
      [false, false, true, true, true, true, false, false],
    );
    if (summary.driftGroups.length > DRIFT_GROUPS_SHOWN) out.push(`  (${summary.driftGroups.length - DRIFT_GROUPS_SHOWN} more)`);
  }
  if (summary.groups !== undefined) {
    out.push('', `By ${summary.groups.by}:`);
    table(
      out,
      [summary.groups.by.toUpperCase(), 'TASKS', 'MATCH', 'DRIFT', 'UNPRICEABLE', 'PENDING', 'QUOTED', 'CHARGED', 'DELTA'],
      summary.groups.groups.map((g) => [
        g.key,
        formatCount(g.tasks),
        formatCount(g.match),
        formatCount(g.drift),
        formatCount(g.unpriceable),
        formatCount(g.pending),
        formatCount(g.quotedCredits),
        formatCount(g.pricedChargedCredits + g.unpriceableChargedCredits),
        signed(g.deltaCredits),
      ]),
      [false, true, true, true, true, true, true, true, true],
    );
  }
  if (summary.repeatedLines.length > 0) {
    out.push('', `Repeated tasks${summary.repeated > summary.repeatedLines.length ? ` (the first ${summary.repeatedLines.length})` : ''}:`);
    for (const r of summary.repeatedLines) out.push(`  line ${r.line}: taskId ${JSON.stringify(r.taskId)} came before`);
  }
  if (summary.uncheckedTaskIds > 0)
    out.push(
      '',
      `${formatCount(summary.uncheckedTaskIds)} tasks were not checked for repeats: past ${formatCount(TASK_IDS_CHECKED)} distinct task ids`,
    );
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
    `| repeated | ${formatCount(summary.repeated)} |`,
    `| refunded | ${formatCount(summary.refunded)} |`,
    `| pending | ${formatCount(summary.pending)} |`,
    '',
    '| Credits | |',
    '|---|--:|',
    `| quoted | ${formatCount(summary.quotedCredits)} |`,
    `| charged | ${formatCount(summary.chargedCredits)} |`,
    `| ↳ on priced tasks | ${formatCount(summary.pricedChargedCredits)} |`,
    `| ↳ on unpriceable tasks | ${formatCount(summary.unpriceableChargedCredits)} |`,
    `| charged above the quotes | ${formatCount(summary.overchargedCredits)} |`,
    `| charged below the quotes | ${formatCount(summary.underchargedCredits)} |`,
    `| refunded | ${formatCount(summary.refundedCredits)} |`,
    `| net | ${formatCount(summary.netCredits)} |`,
    '',
  ];
  if (summary.driftByModel.length > 0) {
    out.push('### Drift by model', '', '| Model | Tasks | Delta | First | Last |', '|---|--:|--:|---|---|');
    for (const m of summary.driftByModel)
      out.push(`| ${codeSpan(m.model, true)} | ${formatCount(m.count)} | ${signed(m.deltaCredits)} | ${m.firstAt} | ${m.lastAt} |`);
    out.push('');
  }
  if (summary.driftGroups.length > 0) {
    out.push('### Drift', '', '| Model | Point | Quoted | Charged | Tasks | Delta | First | Last |', '|---|---|--:|--:|--:|--:|---|---|');
    for (const g of summary.driftGroups.slice(0, DRIFT_GROUPS_SHOWN))
      out.push(
        `| ${codeSpan(g.model, true)} | ${cell(g.point)} | ${g.quoted} | ${charges(g)} | ${formatCount(g.count)} | ${signed(g.deltaCredits)} | ${g.firstAt} | ${g.lastAt} |`,
      );
    if (summary.driftGroups.length > DRIFT_GROUPS_SHOWN) out.push('', `${summary.driftGroups.length - DRIFT_GROUPS_SHOWN} more groups.`);
    out.push('');
  }
  if (summary.groups !== undefined) {
    out.push(
      `### By ${summary.groups.by}`,
      '',
      `| ${summary.groups.by} | Tasks | Match | Drift | Unpriceable | Pending | Quoted | Charged | Delta |`,
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const g of summary.groups.groups)
      out.push(
        `| ${cell(g.key)} | ${formatCount(g.tasks)} | ${formatCount(g.match)} | ${formatCount(g.drift)} | ${formatCount(g.unpriceable)} | ${formatCount(g.pending)} | ${formatCount(g.quotedCredits)} | ${formatCount(g.pricedChargedCredits + g.unpriceableChargedCredits)} | ${signed(g.deltaCredits)} |`,
      );
    out.push('');
  }
  if (summary.repeatedLines.length > 0) {
    out.push('### Repeated tasks', '', '| Line | Task id |', '|--:|---|');
    for (const r of summary.repeatedLines) out.push(`| ${r.line} | ${codeSpan(r.taskId, true)} |`);
    out.push('');
  }
  if (summary.malformedLines.length > 0) {
    out.push('### Malformed lines', '', '| Line | Field | Why |', '|--:|---|---|');
    for (const m of summary.malformedLines) out.push(`| ${m.line} | ${cell(m.field)} | ${cell(m.reason)} |`);
    out.push('');
  }
  return out.join('\n');
}
