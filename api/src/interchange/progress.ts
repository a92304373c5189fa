import type { ImportProgress } from '../../../graph-schema/index.ts';

/**
 * How far the imports in flight have come, by the token each was started with, so the web app
 * can show progress on a large file. In memory, for this process; an entry is kept for a while
 * after its import ends, then dropped.
 */
export class ProgressBoard {
  private readonly entries = new Map<string, { progress: ImportProgress; at: number }>();

  constructor(
    private readonly keepMs = 10 * 60 * 1000,
    private readonly maxEntries = 1000,
  ) {}

  set(token: string, progress: ImportProgress): void {
    this.sweep();
    this.entries.set(token, { progress, at: Date.now() });
  }

  get(token: string): ImportProgress | null {
    this.sweep();
    return this.entries.get(token)?.progress ?? null;
  }

  finish(token: string): void {
    const entry = this.entries.get(token);
    if (entry) this.set(token, { ...entry.progress, phase: 'done' });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, entry] of this.entries) {
      if (now - entry.at > this.keepMs) this.entries.delete(token);
    }
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
