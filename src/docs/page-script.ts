/**
 * The calculator of the HTML pricing page, bundled for the browser by `src/build/page-bundle.ts`.
 * It validates and compiles the rule files embedded in the page with the package's own
 * `parseRuleSet` and `compilePricer`: the page quotes exactly as billing code does.
 */
import { compilePricer } from '../pricer/compile-pricer.js';
import type { PricePoint } from '../pricer/types.js';
import { isVideoMode, takesImages } from '../rules/modes.js';
import type { Mode } from '../rules/rule-file.js';
import { parseRuleSet, type RuleSource } from '../rules/rule-set.js';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`pricing page: #${id} is missing`);
  return found as T;
}

const sources = JSON.parse(element('rule-sources').textContent ?? '[]') as RuleSource[];
const pricer = compilePricer(parseRuleSet(sources));

const model = element<HTMLSelectElement>('model');
const mode = element<HTMLSelectElement>('mode');
const duration = element<HTMLSelectElement>('duration');
const resolution = element<HTMLSelectElement>('resolution');
const images = element<HTMLInputElement>('input-images');
const credits = element<HTMLOutputElement>('credits');
const unit = element<HTMLSpanElement>('credits-unit');
const problem = element<HTMLParagraphElement>('quote-error');
const at = element<HTMLInputElement>('at');

// Prices at the day the page is opened unless another date is chosen (a date is midnight UTC).
at.value = new Date().toISOString().slice(0, 10);
const instant = (): { at?: string } => (at.value === '' ? {} : { at: at.value });

/** Replaces a select's options, keeping the current choice when it is still offered. */
function fill(select: HTMLSelectElement, values: readonly { value: string; label: string }[]): void {
  const previous = select.value;
  select.replaceChildren(...values.map(({ value, label }) => new Option(label, value)));
  if (values.some((v) => v.value === previous)) select.value = previous;
  (select.parentElement as HTMLElement).hidden = values.length === 0;
}

function onModelChange(): void {
  const definition = pricer.models(instant()).find((m) => m.id === model.value);
  let points: readonly PricePoint[] = [];
  try {
    points = pricer.pricePoints(model.value, instant());
  } catch {
    // Not priced at the chosen date: the quote below says why.
  }
  fill(
    mode,
    (definition?.modes ?? []).map((m) => ({ value: m, label: m })),
  );
  const durations = [...new Set(points.flatMap((p) => (p.duration === undefined ? [] : [p.duration])))];
  fill(
    duration,
    durations.map((d) => ({ value: String(d), label: `${d} s` })),
  );
  const resolutions = [...new Set(points.flatMap((p) => (p.resolution === undefined ? [] : [p.resolution])))];
  fill(
    resolution,
    resolutions.map((r) => ({ value: r, label: r })),
  );
  images.max = definition?.maxInputImages === undefined ? '' : String(definition.maxInputImages);
  // A count the previous model took may be more than this one takes: keep it within the limit.
  const limit = definition?.maxInputImages;
  if (limit !== undefined && limit > 0 && Number.parseInt(images.value, 10) > limit) images.value = String(limit);
  onModeChange();
}

function onModeChange(): void {
  (images.parentElement as HTMLElement).hidden = !takesImages(mode.value as Mode);
  update();
}

function update(): void {
  const video = isVideoMode(mode.value as Mode);
  const imageCount = takesImages(mode.value as Mode) ? Math.max(1, Number.parseInt(images.value, 10) || 1) : 0;
  const request = {
    model: model.value,
    ...(duration.parentElement?.hidden === false ? { duration: duration.value } : {}),
    ...(resolution.parentElement?.hidden === false ? { resolution: resolution.value } : {}),
    ...(video ? { inputMode: mode.value.replace(/-/g, '_') } : {}),
    inputImageUrls: Array.from({ length: imageCount }, (_, i) => `input-image-${i + 1}`),
  };
  try {
    const quote = pricer.quote(request, instant());
    credits.value = String(quote.credits);
    unit.textContent = quote.credits === 1 ? 'credit' : 'credits';
    problem.hidden = true;
    problem.textContent = '';
  } catch (error) {
    credits.value = '–';
    problem.textContent = (error as Error).message;
    problem.hidden = false;
  }
}

model.addEventListener('change', onModelChange);
mode.addEventListener('change', onModeChange);
duration.addEventListener('change', update);
resolution.addEventListener('change', update);
images.addEventListener('input', update);
at.addEventListener('change', onModelChange);
onModelChange();
