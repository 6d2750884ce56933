/**
 * `docs/pricing.md`: the price list laid out like the published page, generated from the rules.
 */
import type { RuleSet } from '../rules/rule-set.js';
import { ASSUMPTIONS_INTRO, GENERATED_NOTICE, OPEN_QUESTION_OUTCOME, PAGE_INTRO, PAGE_NOTES, PAGE_TITLE, REFUSED_VALUES_INTRO } from './page-text.js';
import { assumptionsOf, creditsText, ruleText, sectionOf, unpricedOf, type Section } from './price-text.js';

const SECTIONS: readonly Section[] = ['Image models', 'Video models'];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * Renders the pricing page as Markdown.
 * @param ruleSet - the validated rule set
 * @returns the page; its first line says it is generated
 */
export function renderPricingMarkdown(ruleSet: RuleSet): string {
  const out: string[] = [`<!-- ${GENERATED_NOTICE} -->`, `# ${PAGE_TITLE}`, '', ...PAGE_INTRO.flatMap((line) => [line, '']) ];
  for (const section of SECTIONS) {
    out.push(`## ${section}`, '', '| Model ID | Modes | Credits per call | Rule |', '|---|---|---|---|');
    for (const model of ruleSet.models.filter((m) => sectionOf(m) === section)) {
      out.push(`| ${cell(model.id)} | ${model.modes.join(', ')} | ${cell(creditsText(model.price))} | ${cell(ruleText(model, ruleSet))} |`);
    }
    out.push('');
  }

  out.push('## Assumptions', '', ASSUMPTIONS_INTRO, '');
  for (const a of assumptionsOf(ruleSet)) out.push(`- **${a.about}** (${a.models.join(', ')}): ${a.reason}`);
  out.push('');

  const unpriced = unpricedOf(ruleSet);
  out.push('## Open questions', '');
  for (const u of unpriced.filter((u) => u.openQuestion === true)) {
    out.push(`- **${u.model} at ${u.value}**: ${u.reason}. ${OPEN_QUESTION_OUTCOME}`);
  }
  out.push('', '## Refused values', '', REFUSED_VALUES_INTRO, '');
  for (const u of unpriced) out.push(`- ${u.model}, ${u.parameter} ${u.value}: ${u.reason}.`);
  out.push('', '## Notes', '', ...PAGE_NOTES.map((note) => `- ${note}`), '');
  return out.join('\n');
}
