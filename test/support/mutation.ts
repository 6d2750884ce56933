import { expect } from 'vitest';

/**
 * Whether the suite runs under mutation testing (npm run mutate), where every mutant runs the tests
 * that cover it again: heavy tests use a smaller sample there, and the same checks.
 */
export const UNDER_MUTATION = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/**
 * The size of a random sample: `full` in the suite, `share` of it under mutation testing.
 *
 * @param full - The sample size of `npm test`.
 * @param share - The share of it kept under mutation testing.
 * @returns A whole number of cases, at least 1.
 */
export const sampleSize = (full: number, share: number): number => (UNDER_MUTATION ? Math.max(1, Math.round(full * share)) : full);

/**
 * A value made by the first test that asks for it, not when the test file loads. Mutation testing
 * runs, for each mutant, only the tests that executed it; code that runs while a file loads belongs
 * to no test, so its mutants would run the whole suite. Under mutation testing each test makes the
 * value again, once: a test that only used a value an earlier test made would not count as
 * executing the code that made it, and a mutant there would never meet the test that kills it.
 *
 * @param make - Makes the value, once (once per test under mutation testing).
 * @returns A function that returns the value.
 */
export function madeByFirstTest<T>(make: () => T): () => T {
  let made: { value: T; test: string | undefined } | undefined;
  return () => {
    const test = UNDER_MUTATION ? expect.getState().currentTestName : undefined;
    if (made === undefined || made.test !== test) made = { value: make(), test };
    return made.value;
  };
}
