/**
 * The calculator of the HTML page, run in Node against a small stand-in for the page's form
 * controls. The browser test checks the real page; this one checks the calculator's logic,
 * step by step, on rules chosen for it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRuleSources, type RuleSource } from '../../src/index.js';

/** Something on the page a person acts on: listeners, and a field around it that may be hidden. */
abstract class Listened {
  abstract value: string;
  readonly parentElement = { hidden: false };
  private readonly listeners = new Map<string, () => void>();
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, listener);
  }
  /** Sets the value as a person would, and fires the event the page listens to. */
  choose(value: string, event = 'change'): void {
    this.value = value;
    this.listeners.get(event)?.();
  }
}

/** An input, an output or a paragraph. */
class Control extends Listened {
  value = '';
  max = '';
  hidden = false;
  textContent: string | null = null;
}

/** A `<select>`: its value is one of its options, the first when the options are replaced. */
class Select extends Listened {
  options: { value: string; label: string }[] = [];
  private selected = '';
  get value(): string {
    return this.selected;
  }
  set value(value: string) {
    this.selected = this.options.some((o) => o.value === value) ? value : '';
  }
  replaceChildren(...options: { value: string; label: string }[]): void {
    this.options = options;
    this.selected = options[0]?.value ?? '';
  }
}

type Page = Record<'model' | 'mode' | 'duration' | 'resolution', Select> &
  Record<'input-images' | 'credits' | 'credits-unit' | 'quote-error' | 'at', Control>;

/** Opens the calculator on a page embedding these rule files, with a model chosen. */
async function open(sources: readonly RuleSource[], firstModel: string): Promise<Page> {
  const page = {
    model: new Select(),
    mode: new Select(),
    duration: new Select(),
    resolution: new Select(),
    'input-images': Object.assign(new Control(), { value: '1' }),
    credits: new Control(),
    'credits-unit': Object.assign(new Control(), { textContent: 'credits' }),
    'quote-error': new Control(),
    at: new Control(),
  } as Page;
  page.model.replaceChildren(
    ...[...new Set(sources.flatMap((s) => (JSON.parse(s.text).models as { id: string }[]).map((m) => m.id)))].map((id) => ({
      value: id,
      label: id,
    })),
  );
  page.model.value = firstModel;
  const ruleSources = Object.assign(new Control(), { textContent: JSON.stringify(sources) });
  vi.stubGlobal('document', {
    getElementById: (id: string) => (id === 'rule-sources' ? ruleSources : ((page as Record<string, Control>)[id] ?? null)),
  });
  vi.stubGlobal(
    'Option',
    class {
      constructor(
        readonly label: string,
        readonly value: string,
      ) {}
    },
  );
  vi.resetModules();
  await import('../../src/docs/page-script.js');
  return page;
}

const shown = (page: Page) => ({
  credits: page.credits.value,
  unit: page['credits-unit'].textContent,
  problem: page['quote-error'].hidden ? null : page['quote-error'].textContent,
});
const offered = (select: Select) => (select.parentElement.hidden ? null : select.options.map((o) => o.value));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the calculator of the pricing page', () => {
  it('opens on the first model at today`s date, offering its modes and nothing it does not price by', async () => {
    const page = await open(readRuleSources(), 'gpt-image-2');
    expect(page.at.value).toBe(new Date().toISOString().slice(0, 10));
    expect(shown(page)).toEqual({ credits: '3', unit: 'credits', problem: null });
    expect([offered(page.mode), offered(page.duration), offered(page.resolution)]).toEqual([
      ['text-to-image', 'image-to-image'],
      null,
      null,
    ]);
    expect(page['input-images'].parentElement.hidden).toBe(true);
    expect(page['input-images'].max).toBe('4');
  });

  it('offers the durations and resolutions of a matrix, and quotes each choice', async () => {
    const page = await open(readRuleSources(), 'gpt-image-2');
    page.model.choose('sora-2-pro-text-to-video');
    expect([offered(page.mode), offered(page.duration), offered(page.resolution)]).toEqual([
      ['text-to-video'],
      ['5', '10', '20'],
      ['720p', '1080p'],
    ]);
    expect(page.duration.options.map((o) => o.label)).toEqual(['5 s', '10 s', '20 s']);
    expect(page['input-images'].max).toBe('0');
    expect(shown(page).credits).toBe('16');
    page.duration.choose('10');
    page.resolution.choose('1080p');
    expect(shown(page)).toEqual({ credits: '48', unit: 'credits', problem: null });
  });

  it('counts input images in an image mode, refuses too many with the reason, and keeps a count within the next model`s limit', async () => {
    const page = await open(readRuleSources(), 'nano-banana-2');
    page.mode.choose('image-to-image');
    expect(page['input-images'].parentElement.hidden).toBe(false);
    page['input-images'].choose('15', 'input');
    expect(shown(page)).toEqual({
      credits: '–',
      unit: 'credits',
      problem: 'nano-banana-2: inputImageUrls holds 15 images; allowed: at most 14 images',
    });
    page['input-images'].choose('', 'input');
    expect(shown(page)).toEqual({ credits: '4', unit: 'credits', problem: null });
    page['input-images'].choose('14', 'input');
    page.model.choose('gpt-image-2');
    expect(page['input-images'].value).toBe('4');
    page.mode.choose('image-to-image');
    expect(shown(page)).toEqual({ credits: '3', unit: 'credits', problem: null });
  });

  it('sends a video`s mode as its inputMode', async () => {
    const page = await open(readRuleSources(), 'sora-2-image-to-video');
    expect(offered(page.mode)).toEqual(['image-to-video']);
    expect(page['input-images'].parentElement.hidden).toBe(false);
    expect(shown(page)).toEqual({ credits: '5', unit: 'credits', problem: null });
  });

  it('prices at the chosen date, says when a model is not priced yet, and says "credit" for one', async () => {
    const dated = readRuleSources('test/fixtures/dated-rules');
    const one: RuleSource = {
      file: 'one.json',
      text: JSON.stringify({
        $schema: '../schemas/rule-file.schema.json',
        family: 'one',
        models: [
          {
            id: 'one-credit',
            modes: ['text-to-image'],
            price: { kind: 'flat', credits: 1 },
            source: { section: 'Image models', row: 'one-credit | text-to-image | 1 | |' },
          },
        ],
      }),
    };
    const page = await open([...dated, one], 'kling/v2-1-standard');
    page.at.choose('2026-12-31');
    page.duration.choose('10');
    expect(shown(page).credits).toBe('22');
    page.at.choose('2027-01-01');
    page.duration.choose('10');
    expect(shown(page).credits).toBe('24');
    page.at.choose('');
    page.duration.choose('10');
    expect(shown(page).credits).toBe(Date.now() < Date.UTC(2027, 0, 1) ? '22' : Date.now() < Date.UTC(2027, 5, 1, 10) ? '24' : '26');
    page.at.choose('2027-01-15');
    page.model.choose('veo3_lite');
    expect([offered(page.mode), offered(page.duration)]).toEqual([null, null]);
    expect(shown(page)).toEqual({
      credits: '–',
      unit: 'credits',
      problem:
        'veo3_lite: at 2027-01-15T00:00:00.000Z is not priced (the model is not priced before its first price version); allowed: from 2027-02-01T00:00:00.000Z',
    });
    page.model.choose('one-credit');
    expect(shown(page)).toEqual({ credits: '1', unit: 'credit', problem: null });
  });

  it('names a missing control instead of failing silently', async () => {
    vi.stubGlobal('document', { getElementById: () => null });
    vi.resetModules();
    await expect(import('../../src/docs/page-script.js')).rejects.toThrow('pricing page: #rule-sources is missing');
  });

  it('reads the same control ids the generated page has', () => {
    const html = readFileSync('docs/pricing.html', 'utf8');
    for (const id of [
      'model',
      'mode',
      'duration',
      'resolution',
      'input-images',
      'credits',
      'credits-unit',
      'quote-error',
      'at',
      'rule-sources',
    ])
      expect(html).toContain(`id="${id}"`);
  });
});
