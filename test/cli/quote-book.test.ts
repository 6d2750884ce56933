import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';

const DIR = 'test/fixtures/book-rules';

describe('pricing quote --book', () => {
  it('prints the customer price beside the list price, with the adjustment and its reason', async () => {
    expect(await cli(['quote', 'veo3', '--book', 'acme', '--rules', DIR])).toEqual({
      code: 0,
      stdout: 'veo3 (text-to-video, 8s): 51 credits (book acme: list 63; -20% (MSA 2027, section 4))\n',
      stderr: '',
    });
    const pinned = await cli([
      'quote',
      'kling/v2-1-standard',
      '--duration',
      '10',
      '--input-images',
      '1',
      '--book',
      'acme',
      '--at',
      '2027-01-15',
      '--rules',
      DIR,
    ]);
    expect(pinned.stdout).toBe(
      'kling/v2-1-standard (image-to-video, 10s): 22 credits (book acme: list 24; pinned at 2026-12-01 (keeps the price of 2026-12-01 for two months after the list change))\n',
    );
    // The overwrite holds through the list changes of 2027-01-01 and 2027-06-01 (11 → 12 → 13).
    const overwritten = await cli([
      'quote',
      'kling/v2-1-standard',
      '--duration',
      '5',
      '--input-images',
      '1',
      '--book',
      'acme',
      '--at',
      '2027-07-01',
      '--rules',
      DIR,
    ]);
    expect(overwritten.stdout).toBe(
      'kling/v2-1-standard (image-to-video, 5s): 10 credits (book acme: list 13; fixed at 10 credits (a fixed price for short clips))\n',
    );
    const based = await cli(['quote', 'veo3_fast', '--book', 'enterprise-eu', '--rules', DIR]);
    expect(based.stdout).toBe('veo3_fast (text-to-video, 8s): 9 credits (book enterprise-eu: list 9; -1% (a regional discount))\n');
    const free = await cli(['quote', 'veo3', '--input-images', '1', '--book', 'enterprise-eu', '--at', '2027-01-02', '--rules', DIR]);
    expect(free.stdout).toBe(
      'veo3 (image-to-video, 8s): 0 credits (book enterprise-eu: list 63; fixed at 0 credits (a launch week: image-to-video free))\n',
    );
  });

  it('prints the book quote as JSON, and an unknown book as a refusal with the nearest id (exit 1)', async () => {
    const json = await cli(['quote', 'veo3', '--book', 'acme', '--rules', DIR, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      credits: 51,
      book: 'acme',
      listCredits: 63,
      adjustment: { kind: 'percent', value: -20 },
    });
    expect(await cli(['quote', 'veo3', '--book', 'acm', '--rules', DIR])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pricing: UNKNOWN_BOOK: unknown price book "acm"; did you mean "acme"?; allowed: acme, enterprise-eu, enterprise\n',
    });
    const request = await cli(['quote', '--request', '{"model":"veo3"}', '--book', 'acme', '--rules', DIR]);
    expect(request.stdout).toBe('veo3 (text-to-video, 8s): 51 credits (book acme: list 63; -20% (MSA 2027, section 4))\n');
  });
});

describe('pricing list --book', () => {
  it("prints a customer's rate card: each point in each mode, the book's price beside the list's, and why", async () => {
    const { code, stdout } = await cli(['list', '--rules', DIR, '--book', 'acme', '--at', '2027-01-15', '--model', 'kling/v2-1-standard']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'MODEL                MODE            DURATION  RESOLUTION  LIST  CREDITS  ADJUSTMENT',
        'kling/v2-1-standard  image-to-video  5s        -             12       10  fixed at 10 credits: a fixed price for short clips',
        'kling/v2-1-standard  image-to-video  10s       -             24       22  pinned at 2026-12-01: keeps the price of 2026-12-01 for two months after the list change',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(
      (await cli(['list', '--rules', DIR, '--book', 'enterprise-eu', '--at', '2027-01-02', '--model', 'veo3', '--json'])).stdout,
    );
    expect(json).toEqual([
      {
        model: 'veo3',
        mode: 'text-to-video',
        duration: 8,
        listCredits: 63,
        credits: 66,
        adjustment: { kind: 'percent', value: 10, reason: 'a regional surcharge on veo3', book: 'enterprise-eu' },
      },
      {
        model: 'veo3',
        mode: 'image-to-video',
        duration: 8,
        listCredits: 63,
        credits: 0,
        adjustment: { kind: 'credits', value: 0, reason: 'a launch week: image-to-video free', book: 'enterprise-eu' },
      },
    ]);
    expect((await cli(['list', '--rules', DIR, '--book', 'acm'])).code).toBe(1);
  });
});

describe('pricing validate with price books', () => {
  it('validates the books with the rules, and names a book problem at file:line:col', async () => {
    expect((await cli(['validate', '--rules', DIR])).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'pricing-books-'));
    cpSync(DIR, dir, { recursive: true });
    writeFileSync(
      join(dir, 'books', 'typo.json'),
      '{\n  "book": "typo",\n  "adjustments": [{ "models": ["veo-3"], "percent": 5, "reason": "r" }]\n}\n',
    );
    const { code, stderr } = await cli(['validate', '--rules', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(dir, 'books', 'typo.json')}:3:32: expected a model the list prices (did you mean "veo3"?), found "veo-3"\n`,
    );
  });
});

describe('pricing lint with price books', () => {
  it('warns of an adjustment above the list and of one that has expired, at file:line:col', async () => {
    const { code, stderr } = await cli(['lint', '--rules', DIR, '--at', '2027-04-01']);
    expect(code).toBe(0);
    expect(stderr).toBe(
      [
        `${DIR}/books/acme.json:11:16: warning: expected an adjustment still in force or to come, found one that ended on 2027-03-01`,
        `${DIR}/books/enterprise-eu.json:8:38: warning: expected an adjustment at or below the list price, found +10%, above it`,
        `${DIR}/books/enterprise-eu.json:9:114: warning: expected an adjustment still in force or to come, found one that ended on 2027-01-08`,
        '',
      ].join('\n'),
    );
    expect((await cli(['lint', '--rules', DIR, '--at', '2026-12-01', '--strict'])).code).toBe(1);
  });
});
