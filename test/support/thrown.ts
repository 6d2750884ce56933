/**
 * The error a call throws, when it is of the expected class: anything else it throws, or a
 * return without throwing, fails the test.
 */

/**
 * Runs a call that must throw an error of a given class.
 * @param run - the call
 * @param type - the class expected
 * @returns the error thrown
 */
export function thrown<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
