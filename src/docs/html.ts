/**
 * `docs/pricing.html`: one self-contained page (no server, no network) with the price tables,
 * a calculator run by the compiled evaluator bundled into the page, and a chart of credits per
 * second of video.
 */
import type { Pricer } from '../pricer/types.js';
import type { RuleSet, RuleSource } from '../rules/rule-set.js';
import { renderRateChart } from './chart.js';
import { escapeHtml, jsonForScript } from './escape-html.js';
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

/** Escapes text and turns `code` spans into `<code>` elements. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #1d1d1f; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
.table-scroll { overflow-x: auto; }
td code { overflow-wrap: anywhere; }
th, td { border: 1px solid #d0d0d5; padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f6; }
code { background: #f3f3f6; padding: 0 0.2rem; border-radius: 3px; }
#calculator { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; padding: 1rem; background: #f7f7fa; border: 1px solid #d0d0d5; border-radius: 6px; }
#calculator label { display: block; font-size: 0.85rem; font-weight: 600; margin-bottom: 0.2rem; }
#calculator > div { flex: 1 1 8rem; min-width: 0; }
#calculator select, #calculator input { font: inherit; padding: 0.3rem; width: 100%; box-sizing: border-box; }
@media (max-width: 30rem) { body { padding: 0.75rem; } th, td { padding: 0.3rem 0.4rem; } }
select:focus-visible, input:focus-visible { outline: 3px solid #4e79a7; outline-offset: 2px; }
.result { font-size: 1.5rem; margin: 0.75rem 0; }
#credits { font-weight: 700; }
#quote-error { color: #a4000f; }
[hidden] { display: none !important; }
`;

/**
 * Renders the pricing page as one HTML file.
 * @param ruleSet - the validated rule set the tables and chart are drawn from
 * @param pricer - the same rules compiled, for the chart
 * @param sources - the rule files, embedded for the calculator to compile in the browser
 * @param bundle - the calculator script: the evaluator bundled for the browser
 * @param at - the page's "now" in epoch milliseconds (default the current time): the tables and
 *   chart show the prices then in force; the calculator prices at any date
 * @returns the page; its first line says it is generated
 */
export function renderPricingHtml(
  ruleSet: RuleSet,
  pricer: Pricer,
  sources: readonly RuleSource[],
  bundle: string,
  at: number = Date.now(),
): string {
  const models = modelsAt(ruleSet, at);
  const table = (section: Section): string => {
    const rows = models
      .filter((m) => sectionOf(m.modes) === section)
      .map(
        (m) =>
          `<tr><td><code>${escapeHtml(m.id)}</code></td><td>${escapeHtml(m.modes.join(', '))}</td><td>${escapeHtml(creditsText(m.price))}</td><td>${prose(ruleText(m, models))}</td></tr>`,
      )
      .join('\n');
    return `<div class="table-scroll"><table>\n<thead><tr><th scope="col">Model ID</th><th scope="col">Modes</th><th scope="col">Credits per call</th><th scope="col">Rule</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table></div>`;
  };
  const timeline = timelineRows(ruleSet, at);
  const timelineSection = (rows: readonly string[][], title: string, intro: string, headers: readonly string[]): string =>
    rows.length === 0
      ? ''
      : `<h2>${title}</h2>\n<p>${prose(intro)}</p>\n<div class="table-scroll"><table>\n<thead><tr>${headers.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>\n<tbody>\n${rows
          .map(
            (row) =>
              `<tr>${row.map((c, i) => (i === 0 ? `<td><code>${escapeHtml(c)}</code></td>` : `<td>${prose(c)}</td>`)).join('')}</tr>`,
          )
          .join('\n')}\n</tbody>\n</table></div>\n`;
  const options = (section: Section): string =>
    `<optgroup label="${section}">${ruleSet.models
      .filter((m) => sectionOf(m.modes) === section)
      .map((m) => `<option value="${escapeHtml(m.id)}">${escapeHtml(m.id)}</option>`)
      .join('')}</optgroup>`;
  const unpriced = unpricedOf(ruleSet);
  // Rule files carry absolute paths when loaded from elsewhere; the page names them from rules/.
  const embedded = sources.map(({ file, text }) => ({ file: `rules/${file.split(/[\\/]/).pop() ?? file}`, text }));

  return `<!-- ${GENERATED_NOTICE} -->
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${PAGE_TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${PAGE_TITLE}</h1>
${PAGE_INTRO.map((line) => `<p>${prose(line)}</p>`).join('\n')}

<section aria-labelledby="calculator-title">
<h2 id="calculator-title">Price calculator</h2>
<form id="calculator" autocomplete="off">
<div><label for="model">Model</label><select id="model" name="model">${options('Image models')}${options('Video models')}</select></div>
<div id="mode-field"><label for="mode">Mode</label><select id="mode" name="mode"></select></div>
<div id="duration-field"><label for="duration">Duration</label><select id="duration" name="duration"></select></div>
<div id="resolution-field"><label for="resolution">Resolution</label><select id="resolution" name="resolution"></select></div>
<div id="at-field"><label for="at">Submitted on</label><input id="at" name="at" type="date"></div>
<div id="images-field"><label for="input-images">Input images</label><input id="input-images" name="input-images" type="number" min="1" value="1" inputmode="numeric"></div>
</form>
<p class="result" aria-live="polite"><output id="credits" for="model mode duration resolution input-images at">&ndash;</output> <span id="credits-unit">credits</span></p>
<p id="quote-error" role="alert" hidden></p>
<noscript><p>The calculator needs JavaScript; the tables below list every price.</p></noscript>
</section>

<h2>Image models</h2>
${table('Image models')}
<h2>Video models</h2>
${table('Video models')}
${timelineSection(timeline.scheduled, 'Scheduled price changes', SCHEDULED_INTRO, TIMELINE_HEADERS.scheduled)}${timelineSection(timeline.history, 'Price history', HISTORY_INTRO, TIMELINE_HEADERS.history)}
<h2>Credits per second of video</h2>
<figure>
${renderRateChart(pricer, at)}
<figcaption>Credits of each video model's shortest priced clip, divided by its length in seconds.</figcaption>
</figure>

<h2>Assumptions</h2>
<p>${ASSUMPTIONS_INTRO}</p>
<ul>
${assumptionsOf(models)
  .map((a) => `<li><strong>${escapeHtml(a.about)}</strong> (${escapeHtml(a.models.join(', '))}): ${prose(a.reason)}</li>`)
  .join('\n')}
</ul>
<h2>Open questions</h2>
<ul>
${unpriced
  .filter((u) => u.openQuestion === true)
  .map((u) => `<li><strong>${escapeHtml(`${u.model} at ${u.value}`)}</strong>: ${prose(u.reason)}. ${OPEN_QUESTION_OUTCOME}</li>`)
  .join('\n')}
</ul>
<h2>Refused values</h2>
<p>${REFUSED_VALUES_INTRO}</p>
<ul>
${unpriced
  .filter((u) => u.openQuestion !== true)
  .map((u) => `<li>${escapeHtml(`${u.model}, ${u.parameter} ${u.value}`)}: ${prose(u.reason)}.</li>`)
  .join('\n')}
</ul>
<h2>Notes</h2>
<ul>
${PAGE_NOTES.map((note) => `<li>${prose(note)}</li>`).join('\n')}
</ul>
</main>
<script type="application/json" id="rule-sources">${jsonForScript(embedded)}</script>
<script>${bundle.replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
