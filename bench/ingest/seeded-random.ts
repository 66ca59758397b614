/**
 * A small seeded pseudo-random generator (mulberry32), so that a benchmark
 * run with the same options writes the same files every time.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Returns a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Returns an integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** Picks an item with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weightOf(item), 0);
    let target = this.next() * total;
    for (const item of items) {
      target -= weightOf(item);
      if (target < 0) {
        return item;
      }
    }
    return items[items.length - 1] as T;
  }

  /** Returns `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string {
    let out = "";
    for (let i = 0; i < length; i++) {
      out += alphabet[this.int(alphabet.length)];
    }
    return out;
  }

  hex(length: number): string {
    return this.chars(length, "0123456789abcdef");
  }

  upper(length: number): string {
    return this.chars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  }

  alnum(length: number): string {
    return this.chars(length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  }

  /** A version 4 UUID, as AWS writes eventID and many request ids. */
  uuid(): string {
    const variant = "89ab"[this.int(4)];
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }
}
