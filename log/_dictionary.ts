/**
 * Private byte-keyed dictionary: interns byte ranges (member ids, categorical values)
 * as dense codes 0, 1, 2, ... in first-seen order.
 *
 * Loading is bound by this table's memory accesses (a million distinct ids do not fit in
 * cache), so each slot holds the key's hash, its code and its first seven bytes with its
 * length packed in two words: a lookup of a key of up to seven bytes (most ids) reads one
 * slot and nothing else; longer keys are then compared with their copy in a byte pool.
 * Keys are decoded to strings only when `labels` is read, in one pass over the pool.
 *
 * @module
 */

const decoder = new TextDecoder();
/** Int32 words per slot: hash, code (-1 when empty), packed bytes 0–3, bytes 4–6 and length. */
const SLOT = 4;
/** Keys up to this many bytes are held whole in their slot. */
const PACKED = 7;

/** Open-addressing hash table from byte strings to dense codes. */
export class ByteDictionary {
  #size = 0;
  #slots = new Int32Array(SLOT * 1024).fill(-1);
  /** Start and end of each key in the pool, as pairs. */
  #keys = new Int32Array(512);
  #pool = new Uint8Array(4096);
  #poolLength = 0;
  readonly #labels: string[] = [];

  /** Number of distinct keys. */
  get size(): number {
    return this.#size;
  }

  /** The decoded key of each code. */
  get labels(): readonly string[] {
    if (this.#labels.length < this.#size) this.#decode();
    return this.#labels;
  }

  /** The code of bytes [start, end), adding the key when it is new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    let h = 0x811c9dc5 | 0; // FNV-1a, as an int32 like the slots store it
    let low = 0, high = Math.min(length, 255) << 24;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      h = Math.imul(h ^ b, 0x01000193);
      const at = i - start;
      if (at < 4) low |= b << (8 * at);
      else if (at < PACKED) high |= b << (8 * (at - 4));
    }
    const slots = this.#slots;
    const mask = slots.length / SLOT - 1;
    let slot = h & mask;
    for (;;) {
      const q = SLOT * slot;
      const code = slots[q + 1];
      if (code === -1) break;
      if (
        slots[q] === h && slots[q + 2] === low && slots[q + 3] === high &&
        (length <= PACKED || this.#equals(code, bytes, start, end))
      ) return code;
      slot = (slot + 1) & mask;
    }
    const code = this.#size++;
    this.#store(code, bytes, start, end);
    const q = SLOT * slot;
    slots[q] = h;
    slots[q + 1] = code;
    slots[q + 2] = low;
    slots[q + 3] = high;
    if (this.#size * 2 * SLOT > slots.length) this.#rehash();
    return code;
  }

  /** The code of a string key, adding it when it is new. */
  internText(text: string): number {
    const bytes = new TextEncoder().encode(text);
    return this.intern(bytes, 0, bytes.length);
  }

  #equals(code: number, bytes: Uint8Array, start: number, end: number): boolean {
    const s = this.#keys[2 * code], length = this.#keys[2 * code + 1] - s;
    if (length !== end - start) return false;
    const pool = this.#pool;
    for (let i = 0; i < length; i++) if (pool[s + i] !== bytes[start + i]) return false;
    return true;
  }

  #store(code: number, bytes: Uint8Array, start: number, end: number): void {
    if (2 * code === this.#keys.length) {
      const keys = new Int32Array(this.#keys.length * 2);
      keys.set(this.#keys);
      this.#keys = keys;
    }
    const length = end - start;
    if (this.#poolLength + length > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#pool.length * 2, this.#poolLength + length));
      pool.set(this.#pool.subarray(0, this.#poolLength));
      this.#pool = pool;
    }
    this.#pool.set(bytes.subarray(start, end), this.#poolLength);
    this.#keys[2 * code] = this.#poolLength;
    this.#keys[2 * code + 1] = this.#poolLength + length;
    this.#poolLength += length;
  }

  /** Decodes the keys not decoded yet: ASCII keys by slicing one decoded string. */
  #decode(): void {
    const first = this.#labels.length, keys = this.#keys, pool = this.#pool;
    const from = keys[2 * first];
    let ascii = true;
    for (let i = from; ascii && i < this.#poolLength; i++) ascii = pool[i] < 0x80;
    const text = ascii ? decoder.decode(pool.subarray(from, this.#poolLength)) : "";
    for (let code = first; code < this.#size; code++) {
      const s = keys[2 * code], e = keys[2 * code + 1];
      this.#labels.push(
        ascii ? text.slice(s - from, e - from) : decoder.decode(pool.subarray(s, e)),
      );
    }
  }

  #rehash(): void {
    const old = this.#slots;
    const slots = new Int32Array(old.length * 2).fill(-1);
    const mask = slots.length / SLOT - 1;
    for (let q = 0; q < old.length; q += SLOT) {
      if (old[q + 1] === -1) continue;
      let slot = old[q] & mask;
      while (slots[SLOT * slot + 1] !== -1) slot = (slot + 1) & mask;
      slots.set(old.subarray(q, q + SLOT), SLOT * slot);
    }
    this.#slots = slots;
  }
}
