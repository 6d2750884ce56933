/**
 * `docs/pricing.md`: the price list laid out like the published page, generated from the rules.
 */
import { markdownCell, markdownText } from '../primitives/markdown-escape.js';
import type { RuleSet } from '../rules/rule-set.js';
import {
  ASSUMPTIONS_INTRO,
  GENERATED_NOTICE,
  HISTORY_INTRO,
  OPEN_QUESTION_OUTCOME,
  PAGE_INTRO,
  PAGE_NOTES,
  PAGE_TITLE,
  REFUSED_VALUES_INTRO,
  SCHEDULED_INTRO,
} from './page-text.js';
import { creditsText } from '../rules/credits-text.js';
import { sectionOf } from '../rules/modes.js';
import type { Section } from '../rules/rule-file.js';
import { assumptionsOf, modelsAt, ruleText, timelineRows, TIMELINE_HEADERS, unpricedOf } from './price-text.js';

const SECTIONS: readonly Section[] = ['Image models', 'Video models'];

const cell = markdownCell;
const text = markdownText;

/**
 * Renders the pricing page as Markdown.
 * @param ruleSet - the validated rule set
 * @param at - the page's "now" in epoch milliseconds: the tables show the prices then in force,
 *   and dated versions after it are scheduled changes; default the current time
 * @returns the page; its first line says it is generated
 */
export function renderPricingMarkdown(ruleSet: RuleSet, at: number = Date.now()): string {
  const models = modelsAt(ruleSet, at);
  const out: string[] = [`<!-- ${GENERATED_NOTICE} -->`, `# ${PAGE_TITLE}`, '', ...PAGE_INTRO.flatMap((line) => [line, ''])];
  for (const section of SECTIONS) {
    out.push(`## ${section}`, '', '| Model ID | Modes | Credits per call | Rule |', '|---|---|---|---|');
    for (const model of models.filter((m) => sectionOf(m.modes) === section)) {
      out.push(`| ${cell(model.id)} | ${model.modes.join(', ')} | ${cell(creditsText(model.price))} | ${cell(ruleText(model, models))} |`);
    }
    out.push('');
  }

  const timeline = timelineRows(ruleSet, at);
  for (const [rows, title, intro, headers] of [
    [timeline.scheduled, 'Scheduled price changes', SCHEDULED_INTRO, TIMELINE_HEADERS.scheduled],
    [timeline.history, 'Price history', HISTORY_INTRO, TIMELINE_HEADERS.history],
  ] as const) {
    if (rows.length === 0) continue;
    out.push(`## ${title}`, '', intro, '', `| ${headers.join(' | ')} |`, `|${headers.map(() => '---|').join('')}`);
    for (const row of rows) out.push(`| ${row.map(cell).join(' | ')} |`);
    out.push('');
  }

  out.push('## Assumptions', '', ASSUMPTIONS_INTRO, '');
  for (const a of assumptionsOf(models)) out.push(`- **${text(a.about)}** (${text(a.models.join(', '))}): ${text(a.reason)}`);
  out.push('');

  const unpriced = unpricedOf(ruleSet);
  out.push('## Open questions', '');
  for (const u of unpriced.filter((u) => u.openQuestion === true)) {
    out.push(`- **${text(`${u.model} at ${u.value}`)}**: ${text(u.reason)}. ${OPEN_QUESTION_OUTCOME}`);
  }
  out.push('', '## Refused values', '', REFUSED_VALUES_INTRO, '');
  for (const u of unpriced.filter((u) => u.openQuestion !== true))
    out.push(`- ${text(`${u.model}, ${u.parameter} ${u.value}`)}: ${text(u.reason)}.`);
  out.push('', '## Notes', '', ...PAGE_NOTES.map((note) => `- ${note}`), '');
  return out.join('\n');
}
