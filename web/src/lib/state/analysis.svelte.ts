import { OPENING_ALLIANCES } from '../../../../graph-schema/analysis.ts';
import type { Locale, Severity } from '../../../../graph-schema/enums.ts';
import { metricsByActor, type ApiClient, type ApiError } from '../api.ts';
import type {
  ActorMetrics,
  AllianceSuggestion,
  Gap,
  GapReport,
  GapSummary,
  LoadStatus,
} from '../types.ts';
import { toApiError } from './map-store.svelte.ts';

/** Counts by severity from the API's summary, which counts every gap, not only those loaded. */
export function severityCounts(summary: GapSummary | null): Record<Severity, number> {
  return {
    high: summary?.bySeverity.high ?? 0,
    medium: summary?.bySeverity.medium ?? 0,
    low: summary?.bySeverity.low ?? 0,
  };
}

/** Each element id → the loaded gaps that name it as subject or as related. */
export function gapsByElement(gaps: readonly Gap[]): Map<string, Gap[]> {
  const index = new Map<string, Gap[]>();
  const add = (id: string, gap: Gap) => {
    const list = index.get(id);
    if (!list) index.set(id, [gap]);
    else if (!list.includes(gap)) list.push(gap);
  };
  for (const gap of gaps) {
    add(gap.subject.id, gap);
    for (const related of gap.related) add(related.id, gap);
  }
  return index;
}

interface Resource<T> {
  status: LoadStatus;
  error: ApiError | null;
  value: T;
}

type Demand = 'alliances' | 'metrics';

interface Context {
  mapId: string;
  asOf?: string | null;
  lang: Locale;
}

/** How many gaps one request asks for: the API's default page. */
export const GAP_PAGE = 500;

/**
 * The analysis of the open map: gaps, alliance suggestions and network metrics.
 *
 * Gaps come a page at a time, in the API's order (most severe first), and the list asks for
 * the next page as it is scrolled (`loadMore`); the header counts come from the API's summary,
 * which counts them all. Alliances and metrics are loaded only while something on screen needs
 * them (`need`): after an edit only the gaps are reloaded at once, the rest when next shown,
 * which the API's cache makes cheap while the map is unchanged.
 */
export class AnalysisStore {
  /** The gaps loaded so far, of `severity` when set. */
  gaps = $state.raw<Resource<Gap[]>>({ status: 'idle', error: null, value: [] });
  /** Of the whole map, whatever the list shows: for the header. */
  summary = $state.raw<GapSummary | null>(null);
  /** Of the list as filtered. */
  listSummary = $state.raw<GapSummary | null>(null);
  nextCursor = $state<string | null>(null);
  loadingMore = $state(false);
  /** The severity the list is filtered by; null = all. */
  severity = $state<Severity | null>(null);
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

  counts = $derived(severityCounts(this.summary));
  total = $derived(this.summary?.total ?? 0);
  byElement = $derived(gapsByElement(this.gaps.value));

  private context: Context | null = null;
  /** Raised by every refresh; answers of an older one are dropped. */
  private token = 0;
  private readonly demand: Record<Demand, number> = { alliances: 0, metrics: 0 };
  /** The refresh each of alliances and metrics was last loaded for. */
  private readonly loadedFor: Record<Demand, number> = { alliances: -1, metrics: -1 };

  constructor(private readonly api: ApiClient) {}

  /**
   * Reloads the first page of gaps for the map at `asOf` in `lang`, and alliances and metrics if
   * something shows them; the rest follows on demand.
   */
  async refresh(mapId: string, options: { asOf?: string | null; lang: Locale }): Promise<void> {
    const token = ++this.token;
    this.context = { mapId, ...options };
    const work = [this.loadFirstPage(token)];
    for (const kind of ['alliances', 'metrics'] as const) {
      if (this.demand[kind] > 0) work.push(this.load(kind, token));
    }
    await Promise.all(work);
  }

  /** Shows only gaps of `severity` (null: all), from the first page. */
  async filter(severity: Severity | null): Promise<void> {
    if (severity === this.severity) return;
    this.severity = severity;
    if (this.context) await this.loadFirstPage(this.token);
  }

  /** Appends the next page of gaps; a list the map has outgrown is read again from the start. */
  async loadMore(): Promise<void> {
    const context = this.context;
    const cursor = this.nextCursor;
    if (!context || !cursor || this.loadingMore) return;
    const token = this.token;
    const severity = this.severity;
    this.loadingMore = true;
    try {
      const page = await this.fetchGaps(context, severity, cursor);
      if (token !== this.token || severity !== this.severity) return;
      this.gaps = { status: 'ready', error: null, value: [...this.gaps.value, ...page.gaps] };
      this.nextCursor = page.nextCursor;
    } catch (error) {
      if (token !== this.token || severity !== this.severity) return;
      const apiError = toApiError(error);
      if (apiError.code === 'stale_cursor') await this.loadFirstPage(token);
      else this.gaps = { ...this.gaps, status: 'error', error: apiError };
    } finally {
      this.loadingMore = false;
    }
  }

  /**
   * Something on screen needs alliances or metrics: they are loaded now if they are not yet for
   * the current map and date, and kept current while needed. Returns the release.
   */
  need(kind: Demand): () => void {
    this.demand[kind]++;
    if (this.context && this.loadedFor[kind] !== this.token) void this.load(kind, this.token);
    return () => {
      this.demand[kind]--;
    };
  }

  /** Betweenness per actor when `/metrics` answered. */
  betweenness(): Record<string, number> | null {
    const metrics = this.metrics.value;
    if (!metrics) return null;
    return Object.fromEntries(
      Object.entries(metrics).map(([id, entry]) => [id, entry.betweenness]),
    );
  }

  reset(): void {
    this.token++;
    this.context = null;
    this.gaps = { status: 'idle', error: null, value: [] };
    this.summary = null;
    this.listSummary = null;
    this.nextCursor = null;
    this.severity = null;
    this.alliances = { status: 'idle', error: null, value: [] };
    this.metrics = { status: 'idle', error: null, value: null };
    this.loadedFor.alliances = -1;
    this.loadedFor.metrics = -1;
  }

  private fetchGaps(context: Context, severity: Severity | null, cursor?: string) {
    return this.api.gaps(context.mapId, {
      asOf: context.asOf,
      lang: context.lang,
      severity,
      limit: GAP_PAGE,
      cursor,
    });
  }

  /** The first page of the list; the map's summary comes with it, or alongside when filtered. */
  private async loadFirstPage(token: number): Promise<void> {
    const context = this.context!;
    const severity = this.severity;
    if (this.gaps.status !== 'ready') this.gaps = { ...this.gaps, status: 'loading' };
    try {
      const [page, whole] = await Promise.all([
        this.fetchGaps(context, severity),
        severity === null
          ? null
          : this.api.gaps(context.mapId, { asOf: context.asOf, lang: context.lang, limit: 1 }),
      ]);
      if (token !== this.token || severity !== this.severity) return;
      this.apply(page, whole ?? page);
    } catch (error) {
      if (token !== this.token || severity !== this.severity) return;
      this.gaps = { status: 'error', error: toApiError(error), value: [] };
      this.summary = null;
      this.listSummary = null;
      this.nextCursor = null;
    }
  }

  private apply(page: GapReport, whole: GapReport): void {
    this.gaps = { status: 'ready', error: null, value: page.gaps };
    this.listSummary = page.summary;
    this.summary = whole.summary;
    this.nextCursor = page.nextCursor;
  }

  private async load(kind: Demand, token: number): Promise<void> {
    const context = this.context!;
    this.loadedFor[kind] = token;
    const resource = kind === 'alliances' ? this.alliances : this.metrics;
    if (resource.status !== 'ready') {
      if (kind === 'alliances') this.alliances = { ...this.alliances, status: 'loading' };
      else this.metrics = { ...this.metrics, status: 'loading' };
    }
    try {
      if (kind === 'alliances') {
        const body = await this.api.alliances(context.mapId, {
          asOf: context.asOf,
          lang: context.lang,
          limit: OPENING_ALLIANCES,
        });
        if (token === this.token)
          this.alliances = { status: 'ready', error: null, value: body.suggestions };
      } else {
        const body = await this.api.metrics(context.mapId, { asOf: context.asOf });
        if (token === this.token)
          this.metrics = { status: 'ready', error: null, value: metricsByActor(body) };
      }
    } catch (error) {
      if (token !== this.token) return;
      // A failed load is tried again when next needed.
      this.loadedFor[kind] = -1;
      const failed = { status: 'error' as const, error: toApiError(error) };
      if (kind === 'alliances') this.alliances = { ...failed, value: [] };
      else this.metrics = { ...failed, value: null };
    }
  }
}
