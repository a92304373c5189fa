import type { Locale, Severity } from '../../../../graph-schema/enums.ts';
import { metricsByActor, type ApiClient, type ApiError } from '../api.ts';
import type { ActorMetrics, AllianceSuggestion, Gap, GapSummary, LoadStatus } from '../types.ts';
import { toApiError } from './map-store.svelte.ts';

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** High first, then by kind and subject name, so the list is stable between refreshes. */
export function sortGaps(gaps: readonly Gap[]): Gap[] {
  return [...gaps].sort(
    (a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) ||
      a.kind.localeCompare(b.kind) ||
      a.subject.name.localeCompare(b.subject.name, 'da') ||
      a.id.localeCompare(b.id),
  );
}

/** Counts by severity, from the summary when there is one, else from the gaps themselves. */
export function severityCounts(
  gaps: readonly Gap[],
  summary?: GapSummary | null,
): Record<Severity, number> {
  if (summary?.bySeverity) {
    return {
      high: summary.bySeverity.high ?? 0,
      medium: summary.bySeverity.medium ?? 0,
      low: summary.bySeverity.low ?? 0,
    };
  }
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const gap of gaps) counts[gap.severity]++;
  return counts;
}

/** Each element id → the gaps that name it as subject or as related. */
export function gapsByElement(gaps: readonly Gap[]): Map<string, Gap[]> {
  const index = new Map<string, Gap[]>();
  const add = (id: string, gap: Gap) => {
    const list = index.get(id);
    if (!list) index.set(id, [gap]);
    else if (!list.includes(gap)) list.push(gap);
  };
  for (const gap of gaps) {
    add(gap.subject.id, gap);
    for (const related of gap.related ?? []) add(related.id, gap);
  }
  return index;
}

interface Resource<T> {
  status: LoadStatus;
  error: ApiError | null;
  value: T;
}

/**
 * The analysis of the open map: gaps, alliance suggestions and network metrics. Each comes from
 * its own endpoint; one that does not exist yet (404 route_not_found) is `unavailable` and the
 * rest of the app carries on without it.
 */
export class AnalysisStore {
  gaps = $state.raw<Resource<Gap[]>>({ status: 'idle', error: null, value: [] });
  summary = $state.raw<GapSummary | null>(null);
  alliances = $state.raw<Resource<AllianceSuggestion[]>>({
    status: 'idle',
    error: null,
    value: [],
  });
  metrics = $state.raw<Resource<Record<string, ActorMetrics> | null>>({
    status: 'idle',
    error: null,
    value: null,
  });

  sortedGaps = $derived(sortGaps(this.gaps.value));
  counts = $derived(severityCounts(this.gaps.value, this.summary));
  byElement = $derived(gapsByElement(this.gaps.value));

  private token = 0;

  constructor(private readonly api: ApiClient) {}

  /** Reloads everything for the map at `asOf` in `lang`; older answers never overwrite newer. */
  async refresh(mapId: string, options: { asOf?: string | null; lang: Locale }): Promise<void> {
    const token = ++this.token;
    const current = () => token === this.token;
    const { asOf, lang } = options;
    this.gaps = { ...this.gaps, status: this.gaps.status === 'ready' ? 'ready' : 'loading' };
    await Promise.all([
      this.load(
        current,
        () => this.api.gaps(mapId, { asOf, lang }),
        (report) => {
          this.gaps = { status: 'ready', error: null, value: report.gaps ?? [] };
          this.summary = report.summary ?? null;
        },
        (resource) => {
          this.gaps = { ...resource, value: [] };
          this.summary = null;
        },
      ),
      this.load(
        current,
        () => this.api.alliances(mapId, { asOf, lang, limit: 30 }),
        (body) => {
          this.alliances = { status: 'ready', error: null, value: body.suggestions ?? [] };
        },
        (resource) => (this.alliances = { ...resource, value: [] }),
      ),
      this.load(
        current,
        () => this.api.metrics(mapId, { asOf }),
        (body) => {
          this.metrics = { status: 'ready', error: null, value: metricsByActor(body) };
        },
        (resource) => (this.metrics = { ...resource, value: null }),
      ),
    ]);
  }

  private async load<T>(
    current: () => boolean,
    fetcher: () => Promise<T>,
    onValue: (value: T) => void,
    onFailure: (resource: { status: LoadStatus; error: ApiError | null }) => void,
  ): Promise<void> {
    try {
      const value = await fetcher();
      if (current()) onValue(value);
    } catch (error) {
      if (!current()) return;
      const apiError = toApiError(error);
      const status: LoadStatus = apiError.routeMissing ? 'unavailable' : 'error';
      onFailure({ status, error: apiError });
    }
  }

  /** Betweenness per actor when `/metrics` answered. */
  betweenness(): Record<string, number> | null {
    const metrics = this.metrics.value;
    if (!metrics) return null;
    return Object.fromEntries(
      Object.entries(metrics).map(([id, entry]) => [id, entry.betweenness ?? 0]),
    );
  }

  reset(): void {
    this.token++;
    this.gaps = { status: 'idle', error: null, value: [] };
    this.summary = null;
    this.alliances = { status: 'idle', error: null, value: [] };
    this.metrics = { status: 'idle', error: null, value: null };
  }
}
