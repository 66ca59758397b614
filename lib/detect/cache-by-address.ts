/**
 * Wraps a lookup by address with a cache of recent results. Detection and
 * baselines look up the address of every call, and calls come from few
 * addresses. node:net's BlockList check for non-public ranges alone builds a
 * SocketAddress and costs about a microsecond per call. The cache is emptied
 * when it reaches `size` entries, which bounds its memory.
 */
export function cacheByAddress<T>(lookup: (address: string) => T, size = 10_000): (address: string) => T {
  const results = new Map<string, T>();
  return (address) => {
    if (results.has(address)) {
      return results.get(address) as T;
    }
    const result = lookup(address);
    if (results.size >= size) {
      results.clear();
    }
    results.set(address, result);
    return result;
  };
}
