import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { cli, cliWith } from '../support/run-cli.js';

describe('pricing quote --request', () => {
  it('prices a request body as billing code sends it', async () => {
    expect(
      await cli(['quote', '--request', '{"model":"sora-2-text-to-video","duration":"10s","resolution":"1080P","prompt":"x"}']),
    ).toEqual({
      code: 0,
      stdout: 'sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits\n',
      stderr: '',
    });
  });

  it('prints a refusal as JSON with --json, on every quote path', async () => {
    const refusal = {
      error: {
        code: 'UNSUPPORTED_VALUE',
        message: 'sora-2-text-to-video: duration 15s is not priced; allowed: 5s, 10s, 20s',
        model: 'sora-2-text-to-video',
        parameter: 'duration',
        allowed: ['5s', '10s', '20s'],
        received: '15s',
      },
    };
    const fromBody = await cli(['quote', '--request', '{"model":"sora-2-text-to-video","duration":15,"resolution":"1080p"}', '--json']);
    const fromOptions = await cli(['quote', 'sora-2-text-to-video', '--duration', '15', '--resolution', '1080p', '--json']);
    for (const result of [fromBody, fromOptions]) {
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual(refusal);
    }
  });

  it('reads one body per line from standard input and writes one result per line', async () => {
    const { code, stdout } = await cliWith(
      ['quote', '--request', '-', '--at', '2026-11-01'],
      '{"model":"veo3"}\nnot json\n{"model":"gpt-image-2","inputImageUrls":[1,2,3,4,5]}\n',
    );
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        model: 'veo3',
        mode: 'text-to-video',
        credits: 63,
        duration: 8,
        effectiveFrom: null,
        assumptions: [],
        version: createPricer().version,
      },
      {
        error: {
          code: 'INVALID_PARAMETER',
          message: 'request text that is not JSON is not valid; allowed: a JSON object (a request body)',
          parameter: 'request',
          allowed: ['a JSON object (a request body)'],
          received: 'text that is not JSON',
        },
      },
      {
        error: {
          code: 'TOO_MANY_INPUT_IMAGES',
          message: 'gpt-image-2: inputImageUrls holds 5 images; allowed: at most 4 images',
          model: 'gpt-image-2',
          parameter: 'inputImageUrls',
          allowed: ['at most 4 images'],
          received: '5 images',
        },
      },
    ]);
  });

  it('refuses a body that is not JSON, or one mixed with request options, as usage errors', async () => {
    expect(await cli(['quote', '--request', '{model'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pricing: --request text that is not JSON is not valid; allowed: a JSON object (a request body)\nSee "pricing quote --help".\n',
    });
    expect(await cli(['quote', '--request', '{}', '--duration', '5'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: --request takes the whole request body; drop --duration\nSee "pricing quote --help".\n',
    });
  });
});
