import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { cli } from '../support/run-cli.js';

const DATED = 'test/fixtures/dated-rules';

describe('the CLI at an instant', () => {
  it('quotes with --at: the old price one millisecond before, the new one from the instant', async () => {
    expect(await cli(['quote', 'kling/v2-1-standard', '--duration', '10', '--rules', DATED, '--at', '2026-12-31T23:59:59.999Z'])).toEqual({
      code: 0,
      stdout: 'kling/v2-1-standard (image-to-video, 10s): 22 credits\n',
      stderr: '',
    });
    expect(await cli(['quote', 'kling/v2-1-standard', '--duration', '10', '--rules', DATED, '--at', '2027-01-01'])).toEqual({
      code: 0,
      stdout: 'kling/v2-1-standard (image-to-video, 10s): 24 credits\n',
      stderr: '',
    });
    const json = await cli(['quote', 'kling/v2-1-standard', '--duration', '10', '--rules', DATED, '--at', '2027-01-01', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      model: 'kling/v2-1-standard',
      mode: 'image-to-video',
      credits: 24,
      duration: 10,
      effectiveFrom: '2027-01-01T00:00:00.000Z',
      assumptions: [],
      version: createPricer(DATED).version,
    });
  });

  it('lists the prices in force with --at', async () => {
    const { code, stdout } = await cli(['list', '--model', 'kling/v2-1-standard', '--rules', DATED, '--at', '2027-06-01T10:00:00Z']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'MODEL                MODES           DURATION  RESOLUTION  CREDITS',
        'kling/v2-1-standard  image-to-video  5s        -                13',
        'kling/v2-1-standard  image-to-video  10s       -                26',
        '',
      ].join('\n'),
    );
  });

  it('refuses an --at that is not an instant as a usage error', async () => {
    expect(await cli(['quote', 'veo3', '--at', '2027-02-30'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pricing: --at expects an ISO 8601 date (2027-01-01, midnight UTC) or a date-time with Z or an offset (2027-01-01T09:30:00Z), found "2027-02-30"\nSee "pricing quote --help".\n',
    });
    expect((await cli(['list', '--at', 'soon'])).code).toBe(2);
  });
});
