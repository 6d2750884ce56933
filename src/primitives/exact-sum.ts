/**
 * A running total of credits that stays exact past 2^53: additions go to a plain number while
 * the sum is a safe integer (the fast path), and carry into a bigint before it would not be.
 */

/** A sum of non-negative safe integers, exact however large it grows. */
export class ExactSum {
  private low = 0;
  private high = 0n;

  /**
   * Adds a whole number.
   * @param n - a safe integer, 0 or more
   */
  add(n: number): void {
    if (n > Number.MAX_SAFE_INTEGER - this.low) {
      this.high += BigInt(this.low);
      this.low = 0;
    }
    this.low += n;
  }

  /**
   * Adds another sum's total.
   * @param n - the total
   */
  addBig(n: bigint): void {
    this.high += n;
  }

  /** @returns the total */
  value(): bigint {
    return this.high + BigInt(this.low);
  }
}
