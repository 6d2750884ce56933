/**
 * An SVG bar chart of credits per second of video, by model and resolution, for the HTML page.
 */
import type { Pricer } from '../pricer/types.js';
import { escapeHtml } from './escape-html.js';

/** One bar of the chart. */
interface RateBar {
  /** The model id. */
  readonly model: string;
  /** The resolution, or `any` when the price does not depend on it. */
  readonly resolution: string;
  /** Seconds of the shortest priced clip. */
  readonly seconds: number;
  /** Credits of that clip. */
  readonly credits: number;
}

/**
 * The bars: for each video model and resolution, the price of its shortest priced clip.
 * @param pricer - the compiled pricer
 * @param at - the instant whose prices are drawn, epoch milliseconds
 * @returns one bar per video model and resolution, in rule order
 */
function rateBars(pricer: Pricer, at: number): RateBar[] {
  const bars: RateBar[] = [];
  for (const model of pricer.models({ at })) {
    const timed = pricer.pricePoints(model.id, { at }).filter((p) => p.duration !== undefined);
    const resolutions = [...new Set(timed.map((p) => p.resolution ?? 'any'))];
    for (const resolution of resolutions) {
      const shortest = timed
        .filter((p) => (p.resolution ?? 'any') === resolution)
        .sort((a, b) => (a.duration as number) - (b.duration as number))[0];
      if (shortest !== undefined)
        bars.push({ model: model.id, resolution, seconds: shortest.duration as number, credits: shortest.credits });
    }
  }
  return bars;
}

const COLOURS: Readonly<Record<string, string>> = { '720p': '#4e79a7', '1080p': '#e15759', any: '#59a14f' };

/**
 * Renders the chart.
 * @param pricer - the compiled pricer
 * @param at - the instant whose prices are drawn, epoch milliseconds
 * @returns an accessible inline `<svg>` element
 */
export function renderRateChart(pricer: Pricer, at: number): string {
  const bars = rateBars(pricer, at);
  const rates = bars.map((b) => b.credits / b.seconds);
  let max = 0;
  for (const rate of rates) if (rate > max) max = rate;
  const row = 22;
  const labelWidth = 330;
  const barWidth = 360;
  const height = bars.length * row + 40;
  const body = bars
    .map((bar, i) => {
      const rate = rates[i] as number;
      const y = 10 + i * row;
      const width = Math.max(1, Math.round((rate / max) * barWidth));
      const label = `${bar.model}${bar.resolution === 'any' ? '' : ` ${bar.resolution}`}`;
      const value = `${rate.toFixed(2)} credits/s (${bar.credits} for ${bar.seconds} s)`;
      return [
        `<g><title>${escapeHtml(`${label}: ${value}`)}</title>`,
        `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${row - 6}" fill="${COLOURS[bar.resolution] ?? '#888'}"/>`,
        `<text x="${labelWidth + width + 6}" y="${y + 15}">${rate.toFixed(2)}</text></g>`,
      ].join('');
    })
    .join('\n');
  const legend = Object.entries({ '720p': '720p', '1080p': '1080p', any: 'one price for every resolution' })
    .map(
      ([key, text], i) =>
        `<rect x="${labelWidth + i * 150}" y="${height - 22}" width="12" height="12" fill="${COLOURS[key]}"/><text x="${labelWidth + 18 + i * 150}" y="${height - 12}">${text}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="rate-chart-title rate-chart-desc" viewBox="0 0 ${labelWidth + barWidth + 200} ${height}" width="100%" font-size="12" font-family="system-ui, sans-serif">
<title id="rate-chart-title">Credits per second of video, by model and resolution</title>
<desc id="rate-chart-desc">For each video model and resolution, the credits of its shortest priced clip divided by its length in seconds.</desc>
${body}
${legend}
</svg>`;
}
