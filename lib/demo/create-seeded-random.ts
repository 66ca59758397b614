/** Deterministic pseudo-random source for the demo generator (not for secrets). */
export interface SeededRandom {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Shuffles in place (Fisher-Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** RFC 4122 version 4 UUID built from this source. */
  uuid(): string;
  /** Characters from [A-Za-z0-9]. */
  alphanumeric(length: number): string;
  /** Characters from [A-Z0-9]. */
  upperAlphanumeric(length: number): string;
  /** Characters from the RFC 4648 base32 alphabet, as in AWS access key ids. */
  base32(length: number): string;
  hex(length: number): string;
  base64(length: number): string;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** FNV-1a, so that each named stream gets its own state from one seed. */
function hashStreamName(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index += 1) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Creates a mulberry32 generator for one named stream. Separate streams keep
 * one part of the scenario stable when another part draws more numbers.
 */
export function createSeededRandom(seed: number, stream: string): SeededRandom {
  let state = (hashStreamName(stream) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number =>
    min + Math.floor(next() * (max - min + 1));

  const fromAlphabet = (alphabet: string, length: number): string => {
    let text = "";
    for (let index = 0; index < length; index += 1) {
      text += alphabet[int(0, alphabet.length - 1)];
    }
    return text;
  };

  const uuid = (): string => {
    const digits = fromAlphabet(HEX, 32).split("");
    digits[12] = "4";
    digits[16] = HEX[8 + int(0, 3)];
    const text = digits.join("");
    return [
      text.slice(0, 8),
      text.slice(8, 12),
      text.slice(12, 16),
      text.slice(16, 20),
      text.slice(20),
    ].join("-");
  };

  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) {
        throw new Error("Cannot pick from an empty list");
      }
      return items[int(0, items.length - 1)];
    },
    shuffle: (items) => {
      for (let index = items.length - 1; index > 0; index -= 1) {
        const other = int(0, index);
        [items[index], items[other]] = [items[other], items[index]];
      }
      return items;
    },
    uuid,
    alphanumeric: (length) => fromAlphabet(ALPHANUMERIC, length),
    upperAlphanumeric: (length) => fromAlphabet(UPPER_ALPHANUMERIC, length),
    base32: (length) => fromAlphabet(BASE32, length),
    hex: (length) => fromAlphabet(HEX, length),
    base64: (length) => fromAlphabet(BASE64, length),
  };
}
