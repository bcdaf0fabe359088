/**
 * The ids an import has written, in fixed memory (a Bloom filter: 8 MB, about 1 false hit in
 * 10,000 at a million ids). A hit only makes a row a candidate duplicate; the database confirms it.
 */
export class SeenIds {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(log2Bits = 26) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  private hashes(id: string): [number, number, number] {
    // Two FNV-1a variants combined (Kirsch–Mitzenmacher) give the three probe positions.
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    h2 |= 1;
    return [(h1 >>> 0) & this.mask, ((h1 + h2) >>> 0) & this.mask, ((h1 + 2 * h2) >>> 0) & this.mask];
  }

  add(id: string): void {
    for (const bit of this.hashes(id)) {
      const word = bit >>> 5;
      this.bits[word] = (this.bits[word] ?? 0) | (1 << (bit & 31));
    }
  }

  mayHave(id: string): boolean {
    for (const bit of this.hashes(id))
      if (((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    return true;
  }
}
