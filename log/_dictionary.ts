/**
 * Private byte-keyed dictionary: interns byte ranges (member ids, categorical values)
 * as dense codes 0, 1, 2, ... in first-seen order. Lookups hash the bytes in place and
 * compare against a copy of each key, so a known key costs no allocation; a new key
 * is decoded to a string once.
 *
 * @module
 */

const decoder = new TextDecoder();

/** Open-addressing hash table from byte strings to dense codes. */
export class ByteDictionary {
  /** The decoded key of each code. */
  readonly labels: string[] = [];
  #slots = new Int32Array(1024).fill(-1);
  #hashes = new Int32Array(256);
  #keyStart = new Int32Array(256);
  #keyEnd = new Int32Array(256);
  #pool = new Uint8Array(4096);
  #poolLength = 0;

  /** Number of distinct keys. */
  get size(): number {
    return this.labels.length;
  }

  /** The code of bytes [start, end), adding the key when it is new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5; // FNV-1a
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    for (;;) {
      const code = this.#slots[slot];
      if (code === -1) break;
      if (this.#hashes[code] === h && this.#equals(code, bytes, start, end)) return code;
      slot = (slot + 1) & mask;
    }
    const code = this.labels.length;
    this.#store(code, h, bytes, start, end);
    this.#slots[slot] = code;
    if (this.labels.length * 2 > this.#slots.length) this.#rehash();
    return code;
  }

  /** The code of a string key, adding it when it is new. */
  internText(text: string): number {
    const bytes = new TextEncoder().encode(text);
    return this.intern(bytes, 0, bytes.length);
  }

  #equals(code: number, bytes: Uint8Array, start: number, end: number): boolean {
    const s = this.#keyStart[code], length = this.#keyEnd[code] - s;
    if (length !== end - start) return false;
    const pool = this.#pool;
    for (let i = 0; i < length; i++) if (pool[s + i] !== bytes[start + i]) return false;
    return true;
  }

  #store(code: number, hash: number, bytes: Uint8Array, start: number, end: number): void {
    if (code === this.#hashes.length) {
      const size = code * 2;
      this.#hashes = grow(this.#hashes, size);
      this.#keyStart = grow(this.#keyStart, size);
      this.#keyEnd = grow(this.#keyEnd, size);
    }
    const length = end - start;
    if (this.#poolLength + length > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#pool.length * 2, this.#poolLength + length));
      pool.set(this.#pool.subarray(0, this.#poolLength));
      this.#pool = pool;
    }
    this.#pool.set(bytes.subarray(start, end), this.#poolLength);
    this.#hashes[code] = hash;
    this.#keyStart[code] = this.#poolLength;
    this.#keyEnd[code] = this.#poolLength + length;
    this.#poolLength += length;
    this.labels.push(decoder.decode(bytes.subarray(start, end)));
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let code = 0; code < this.labels.length; code++) {
      let slot = this.#hashes[code] & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = code;
    }
    this.#slots = slots;
  }
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  return out;
}
