/** A key whose values are of type `T`; the type travels with the key, not in the string. */
export type CacheKey<T> = string & { readonly value?: T };

/** Builds a key from its parts, which never contain U+0000 (ids, dates, enum values, numbers). */
export function cacheKey<T>(...parts: (string | number)[]): CacheKey<T> {
  return parts.join('\u0000');
}

interface Entry {
  value: unknown;
  bytes: number;
}

/** 256 MB: about four projections of a 10,000-actor map with their answers. */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * A least-recently-used cache bounded by an estimate of the bytes it holds. Each value is
 * computed once: callers asking for a key while it is being computed share that computation.
 * A computation can decline to be kept (see `through`), which is how results that a concurrent
 * write may have mixed up stay out of the cache.
 */
export class AnalysisCache {
  /** In use order, least recent first (a `Map` keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<unknown>>();
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes = DEFAULT_CACHE_BYTES) {}

  /** Bytes held, by the estimates given with each value. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key`, marking it as just used; undefined when absent. */
  get<T>(key: CacheKey<T>): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    // The key's type says what was stored under it.
    return entry.value as T;
  }

  /** Stores a value with its estimated size, evicting the least recently used beyond the bound. */
  set<T>(key: CacheKey<T>, value: T, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  /** Drops every entry whose key `drop` picks. */
  deleteWhere(drop: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (drop(key)) this.delete(key);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  /**
   * The value under `key`: cached, being computed, or computed now by `compute`, which returns
   * the value, its estimated size, and whether it may be kept.
   */
  async through<T>(
    key: CacheKey<T>,
    compute: () => Promise<{ value: T; bytes: number; keep: boolean }>,
  ): Promise<T> {
    const cached = this.get(key);
    if (cached !== undefined) {
      this.hits++;
      return cached;
    }
    const running = this.pending.get(key);
    // The key's type says what the running computation yields.
    if (running) return running as Promise<T>;
    this.misses++;
    const promise = compute().then(({ value, bytes, keep }) => {
      if (keep) this.set(key, value, bytes);
      return value;
    });
    this.pending.set(key, promise);
    try {
      return await promise;
    } finally {
      this.pending.delete(key);
    }
  }
}
