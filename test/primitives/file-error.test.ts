import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foundAtPath } from '../../src/primitives/file-error.js';

const failure = (read: () => unknown): unknown => {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
};

describe('foundAtPath', () => {
  it('tells what a path held when reading it failed, in the words of "found ..."', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pricing-file-error-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    expect(foundAtPath(failure(() => readFileSync(join(dir, 'missing'))))).toBe('nothing there');
    expect(foundAtPath(failure(() => readdirSync(file)))).toBe('a file where the path needs a directory');
    expect(foundAtPath(failure(() => readFileSync(join(file, 'below'))))).toBe('a file where the path needs a directory');
    expect(foundAtPath(failure(() => readFileSync(dir)))).toBe('a directory');
    expect(foundAtPath(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))).toBe('something this user may not read');
    expect(foundAtPath(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }))).toBe('EIO: i/o error, read');
    expect(foundAtPath('not an error')).toBe('not an error');
  });
});
