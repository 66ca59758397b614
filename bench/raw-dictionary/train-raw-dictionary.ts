/**
 * Builds a preset deflate dictionary from sample records, in the manner of
 * zstd's COVER trainer. Every k-byte substring is weighted by the number of
 * samples it occurs in. The dictionary is then filled greedily with the
 * segments whose substrings not yet covered weigh the most. Deflate reaches a
 * string near the end of the dictionary with a shorter distance code, so the
 * segments are laid out with the most valuable last.
 */

export interface TrainOptions {
  samples: readonly Buffer[];
  /** Dictionary size in bytes. */
  size: number;
  /** Length of the substrings counted. */
  k?: number;
  /** Maximum length of one segment taken into the dictionary. */
  maxSegment?: number;
  /** Share of the samples a substring must occur in to be worth keeping. */
  minShare?: number;
}

/** Counts in how many samples each k-byte substring occurs. */
function documentFrequency(samples: readonly string[], k: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of samples) {
    const seen = new Set<string>();
    for (let index = 0; index + k <= text.length; index++) {
      seen.add(text.slice(index, index + k));
    }
    for (const kmer of seen) {
      counts.set(kmer, (counts.get(kmer) ?? 0) + 1);
    }
  }
  return counts;
}

/** Distinct runs of the samples made only of common substrings, cut to at most `maxSegment` bytes. */
function candidateSegments(samples: readonly string[], k: number, weight: Map<string, number>, maxSegment: number): Set<string> {
  const segments = new Set<string>();
  for (const text of samples) {
    let start = -1;
    for (let index = 0; index <= text.length - k + 1; index++) {
      const common = index <= text.length - k && weight.has(text.slice(index, index + k));
      if (common && start < 0) {
        start = index;
      }
      const runLength = index - start + k - 1;
      if (start >= 0 && (!common || runLength >= maxSegment)) {
        segments.add(text.slice(start, index - 1 + k));
        start = common ? index : -1;
      }
    }
  }
  return segments;
}

function scoreOf(segment: string, k: number, weight: Map<string, number>): number {
  let score = 0;
  const seen = new Set<string>();
  for (let index = 0; index + k <= segment.length; index++) {
    const kmer = segment.slice(index, index + k);
    if (!seen.has(kmer)) {
      seen.add(kmer);
      score += weight.get(kmer) ?? 0;
    }
  }
  return score;
}

/** Inserts `item` into `queue`, which is sorted by descending score. */
function insertByScore(queue: Array<{ score: number }>, item: { segment: string; score: number }): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((queue[middle]?.score ?? 0) > item.score) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  queue.splice(low, 0, item);
}

/** Returns a dictionary of at most `size` bytes. */
export function trainRawDictionary(options: TrainOptions): Buffer {
  const k = options.k ?? 8;
  const samples = options.samples.map((sample) => sample.toString("latin1"));
  const minCount = Math.max(2, Math.ceil(samples.length * (options.minShare ?? 0.01)));
  const weight = documentFrequency(samples, k);
  for (const [kmer, count] of weight) {
    if (count < minCount) {
      weight.delete(kmer);
    }
  }
  const queue = [...candidateSegments(samples, k, weight, options.maxSegment ?? 256)]
    .map((segment) => ({ segment, score: scoreOf(segment, k, weight) }))
    .sort((a, b) => b.score - a.score);

  const chosen: Array<{ segment: string; score: number }> = [];
  let bytes = 0;
  // Lazy greedy: a segment's score only falls as chosen segments cover its
  // substrings. So the head is re-scored and taken only while it still beats
  // the next stale score, and otherwise goes back into the queue.
  while (queue.length > 0 && bytes < options.size) {
    const head = queue.shift() as { segment: string; score: number };
    head.score = scoreOf(head.segment, k, weight);
    if (head.score === 0) {
      continue;
    }
    if (queue.length > 0 && head.score < (queue[0]?.score ?? 0)) {
      insertByScore(queue, head);
      continue;
    }
    if (bytes + head.segment.length > options.size) {
      continue;
    }
    chosen.push(head);
    bytes += head.segment.length;
    for (let index = 0; index + k <= head.segment.length; index++) {
      weight.delete(head.segment.slice(index, index + k));
    }
  }
  chosen.sort((a, b) => a.score - b.score);
  return Buffer.from(chosen.map((item) => item.segment).join(""), "latin1");
}
