/**
 * The task ids a reconciliation has seen, to count a repeated task once: 64-bit hashes of the ids
 * in an open-addressing table of typed arrays, 8 bytes a slot, so that memory stays bounded. It
 * keeps up to {@link TASK_IDS_CHECKED} ids (32 MB); ids past them are not looked for, and the
 * summary says how many. Two distinct ids share a hash with a probability of about n² / 2⁶⁵
 * (one in 10⁸ for a million ids): such a task would be reported as repeated, with its line.
 */

/** How many distinct task ids a reconciliation checks for repeats. */
export const TASK_IDS_CHECKED = 2_000_000;

/** The largest table: twice the ids kept, a power of two. */
const MAX_SLOTS = 1 << 22;

/** What visiting an id found. */
export type Visit = 'new' | 'seen' | 'unchecked';

/** A bounded set of task ids. */
export class TaskIdSet {
  private slots = new Uint32Array(2 * 1024);
  private size = 0;

  /**
   * Visits a task id: remembers it when it is new.
   * @param id - the task id
   * @returns `seen` when it was visited before, `new` when not, `unchecked` when the set is full
   */
  visit(id: string): Visit {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    // (0, 0) marks an empty slot.
    if (h1 === 0 && h2 === 0) h2 = 1;
    const found = this.find(h1, h2);
    if (this.slots[2 * found] !== 0 || this.slots[2 * found + 1] !== 0) return 'seen';
    if (this.size >= TASK_IDS_CHECKED) return 'unchecked';
    this.slots[2 * found] = h1;
    this.slots[2 * found + 1] = h2;
    this.size++;
    if (this.size * 2 >= this.slots.length / 2 && this.slots.length / 2 < MAX_SLOTS) this.grow();
    return 'new';
  }

  /** The slot holding a hash, or the empty slot where it goes. */
  private find(h1: number, h2: number): number {
    const mask = this.slots.length / 2 - 1;
    let i = h1 & mask;
    for (;;) {
      const a = this.slots[2 * i] as number;
      const b = this.slots[2 * i + 1] as number;
      if ((a === 0 && b === 0) || (a === h1 >>> 0 && b === h2 >>> 0)) return i;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i] as number;
      const b = old[i + 1] as number;
      if (a === 0 && b === 0) continue;
      const at = this.find(a, b);
      this.slots[2 * at] = a;
      this.slots[2 * at + 1] = b;
    }
  }
}
