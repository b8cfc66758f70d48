/**
 * The stack of members waiting to be simulated in a block: roots, then the members
 * they refer, as struct-of-arrays rows.
 *
 * @module
 */

/**
 * Pending members: a stack of struct-of-arrays rows (64-bit id, join day, channel,
 * group, referral generation, referrer row, arm).
 *
 * @example
 * ```ts
 * import { PendingStack } from "./pending.ts";
 * const stack = new PendingStack();
 * stack.push(1, 2, 0, 0, -1, 0, -1, -1);
 * if (stack.size !== 1) throw new Error("unexpected");
 * ```
 */
export class PendingStack {
  size = 0;
  hi = new Int32Array(1024);
  lo = new Int32Array(1024);
  joinDay = new Int32Array(1024);
  source = new Int32Array(1024);
  group = new Int32Array(1024);
  generation = new Int32Array(1024);
  referrer = new Int32Array(1024);
  arm = new Int32Array(1024);

  push(
    hi: number,
    lo: number,
    joinDay: number,
    source: number,
    group: number,
    generation: number,
    referrer: number,
    arm: number,
  ): void {
    if (this.size === this.hi.length) this.#grow();
    const i = this.size++;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.joinDay[i] = joinDay;
    this.source[i] = source;
    this.group[i] = group;
    this.generation[i] = generation;
    this.referrer[i] = referrer;
    this.arm[i] = arm;
  }

  /** Reverses rows [from, to). */
  reverse(from: number, to: number): void {
    for (let i = from, j = to - 1; i < j; i++, j--) {
      swap(this.hi, i, j);
      swap(this.lo, i, j);
      swap(this.joinDay, i, j);
      swap(this.source, i, j);
      swap(this.group, i, j);
      swap(this.generation, i, j);
      swap(this.referrer, i, j);
      swap(this.arm, i, j);
    }
  }

  #grow(): void {
    const size = this.hi.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.hi = grow(this.hi);
    this.lo = grow(this.lo);
    this.joinDay = grow(this.joinDay);
    this.source = grow(this.source);
    this.group = grow(this.group);
    this.generation = grow(this.generation);
    this.referrer = grow(this.referrer);
    this.arm = grow(this.arm);
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const x = a[i];
  a[i] = a[j];
  a[j] = x;
}
