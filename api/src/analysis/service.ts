import type { MapInfo } from '../../../graph-schema/analysis-rows.ts';
import type {
  Alliances,
  BackingList,
  GapKind,
  GapReport,
  NetworkMetrics,
  Severity,
  TargetBacking,
} from '../../../graph-schema/index.ts';
import type { Brief } from '../../../graph-schema/brief.ts';
import { OPENING_ALLIANCES } from '../../../graph-schema/analysis.ts';
import { COORDINATION_KINDS, suggestAlliances } from './alliances.ts';
import { buildBrief, sharedTargetIds } from './brief.ts';
import { allBacking, BackingIndex, backingOf } from './backing.ts';
import { AnalysisCache, cacheKey, type CacheKey } from './cache.ts';
import { evaluateGaps, rankFindings, summarise, toGaps } from './engine.ts';
import { networkMetrics } from './metrics.ts';
import { Projection } from './projection.ts';
import type { AnalysisSource, Finding, Lang } from './types.ts';

/** Which map, at which revision, looked at on which date: what every cached answer depends on. */
export interface Scope {
  mapId: string;
  /** As the analysis source reads it: changes with every write to the map. */
  revision: string;
  asOf: string;
}

/** A `/gaps` query, normalised: kinds and severities sorted, absent for "all". */
export interface GapQuery {
  lang: Lang;
  kinds?: readonly GapKind[];
  severities?: readonly Severity[];
  offset: number;
  limit: number;
}

interface Ranked {
  map: MapInfo;
  ranked: Finding[];
}

/** Rough bytes per projection row, network views included; the cache bound is an estimate. */
const BYTES_PER_ROW = 1000;
/** Rough bytes per finding kept for ranking (subject, related, params, details). */
const BYTES_PER_FINDING = 800;
/** How many of the map's alliance suggestions a brief looks through for its parties' pairs. */
const BRIEF_ALLIANCES = 500;
/** JavaScript strings take up to two bytes per character. */
const stringBytes = (text: string) => text.length * 2;

/**
 * The analysis endpoints' answers, computed once per map revision and kept in a bounded cache
 * (cache.ts). The caller reads the map's revision first (one index lookup) and passes it in the
 * scope; every answer and every intermediate result is keyed by it, so a write, which raises
 * the revision in its own transaction, makes the next request compute afresh, in this process
 * and in any other. A result is kept only if it is the map at that revision, not a mix of before
 * and after. Neo4j can show a read part of a commit that is still being applied, so an equal
 * revision alone does not prove it: the revision is read again under the map's lock before the
 * reads (every write up to it is then visible in full) and after them (no later write landed
 * meanwhile, nor is one under way), and the result is kept when both equal the scope's.
 *
 * Shared steps are cached too, so `/gaps`, `/alliances` and `/metrics` on the same revision and
 * date read the projection once and build the coordination network once. Answers are kept
 * serialised: a repeated request costs the revision read and sending the text.
 */
export class AnalysisService {
  /** The current revision of each map, as last read: answers for others are not asked for. */
  private readonly current = new Map<string, string>();
  /**
   * The settled revision read before the first computation of each scope (each request), which
   * its nested computations share: one locked read before the reads, not one for each step.
   */
  private readonly settledBefore = new WeakMap<Scope, Promise<string | null>>();

  constructor(
    private readonly source: AnalysisSource,
    readonly cache = new AnalysisCache(),
  ) {}

  /**
   * One page of `/gaps`. The summary counts every gap that matches the filters; `nextCursor`
   * turns the offset of the next page into the caller's cursor.
   */
  async gaps(
    scope: Scope,
    query: GapQuery,
    nextCursor: (offset: number) => string,
  ): Promise<string> {
    const { lang, kinds, severities, offset, limit } = query;
    const key = cacheKey<string>(
      ...scopeParts(scope),
      'gaps',
      lang,
      listPart(kinds),
      listPart(severities),
      offset,
      limit,
    );
    return this.memo(scope, key, async () => {
      const { map, ranked } = await this.ranked(scope, kinds);
      const kept = severities
        ? ranked.filter((finding) => severities.includes(finding.severity))
        : ranked;
      const page = kept.slice(offset, offset + limit);
      const body: GapReport = {
        asOf: scope.asOf,
        lang,
        summary: summarise(kept),
        gaps: toGaps(scope.mapId, page, { lang, currency: map.currency, asOf: scope.asOf }),
        nextCursor: offset + limit < kept.length ? nextCursor(offset + limit) : null,
      };
      const text = JSON.stringify(body);
      return { value: text, bytes: stringBytes(text) };
    });
  }

  /** `/alliances`: the best `limit` suggestions. */
  async alliances(scope: Scope, query: { lang: Lang; limit: number }): Promise<string> {
    const key = cacheKey<string>(...scopeParts(scope), 'alliances', query.lang, query.limit);
    return this.memo(scope, key, async () => {
      const [projection, ranked] = await Promise.all([
        this.projection(scope),
        this.coordinationFindings(scope),
      ]);
      const body: Alliances = {
        asOf: scope.asOf,
        lang: query.lang,
        suggestions: suggestAlliances(projection, ranked, query),
      };
      const text = JSON.stringify(body);
      return { value: text, bytes: stringBytes(text) };
    });
  }

  /** `/metrics`. */
  async metrics(scope: Scope): Promise<string> {
    const key = cacheKey<string>(...scopeParts(scope), 'metrics');
    return this.memo(scope, key, async () => {
      const body: NetworkMetrics = networkMetrics(await this.projection(scope));
      const text = JSON.stringify(body);
      return { value: text, bytes: stringBytes(text) };
    });
  }

  /** `/backing`: every initiative and plan live at `asOf`. */
  async backing(scope: Scope, lang: Lang): Promise<string> {
    const key = cacheKey<string>(...scopeParts(scope), 'backing', lang);
    return this.memo(scope, key, async () => {
      const data = await this.source.loadBacking(scope.mapId, null, scope.asOf);
      const body: BackingList = {
        asOf: scope.asOf,
        lang,
        items: allBacking(new BackingIndex(data!, scope.asOf), lang),
      };
      const text = JSON.stringify(body);
      return { value: text, bytes: stringBytes(text) };
    });
  }

  /** `/backing/:targetId`; null when the map has no such initiative or plan. */
  async targetBacking(scope: Scope, targetId: string, lang: Lang): Promise<string | null> {
    const key = cacheKey<string | null>(...scopeParts(scope), 'target-backing', targetId, lang);
    return this.memo(scope, key, async () => {
      const data = await this.source.loadBacking(scope.mapId, targetId, scope.asOf);
      const backing = data && backingOf(new BackingIndex(data, scope.asOf), targetId, lang);
      if (!backing) return { value: null, bytes: 64 };
      const body: TargetBacking = { asOf: scope.asOf, lang, ...backing };
      const text = JSON.stringify(body);
      return { value: text, bytes: stringBytes(text) };
    });
  }

  /**
   * A meeting brief for `actorIds` (each an actor of the map; the caller checks), from the
   * ranked gaps and the alliance suggestions this service already holds for the scope.
   */
  async brief(scope: Scope, actorIds: string[], lang: Lang): Promise<Brief> {
    const key = cacheKey<Brief>(...scopeParts(scope), 'brief', lang, actorIds.join(','));
    return this.memo(scope, key, async () => {
      const [projection, { map, ranked }, coordination] = await Promise.all([
        this.projection(scope),
        this.ranked(scope, undefined),
        this.ranked(scope, COORDINATION_KINDS),
      ]);
      const records = await this.source.loadBriefRecords(
        scope.mapId,
        actorIds,
        sharedTargetIds(projection, actorIds),
        scope.asOf,
      );
      const context = { lang, currency: map.currency, asOf: scope.asOf };
      const brief = buildBrief({
        projection,
        gaps: toGaps(scope.mapId, ranked, context),
        alliances: suggestAlliances(projection, coordination.ranked, {
          lang,
          limit: BRIEF_ALLIANCES,
        }),
        records,
        actorIds,
        lang,
      });
      return { value: brief, bytes: stringBytes(JSON.stringify(brief)) };
    });
  }

  /**
   * Computes ahead what opening the map asks for first, so that those requests are answered
   * from the cache, and Neo4j has planned the analysis queries (seconds on a fresh engine):
   * the ranked gaps, which every page of `/gaps` is cut from, and the metrics. The alliances
   * are warmed as the web app asks for them in `lang`. False for an unknown map.
   */
  async warm(mapId: string, asOf: string, lang: Lang): Promise<boolean> {
    const scope = await this.scope(mapId, asOf);
    if (!scope) return false;
    await Promise.all([
      this.ranked(scope, undefined),
      this.alliances(scope, { lang, limit: OPENING_ALLIANCES }),
      this.metrics(scope),
    ]);
    return true;
  }

  /**
   * The scope of a request: the map's current revision (one index lookup) and the date; null
   * for a map that does not exist.
   */
  async scope(mapId: string, asOf: string): Promise<Scope | null> {
    const revision = await this.source.revision(mapId);
    return revision === null ? null : { mapId, revision, asOf };
  }

  /**
   * Another answer that depends on nothing but the map at the scope's revision and `parts`,
   * kept like the analysis answers: `/graph`, which every page load asks for. `compute` gives
   * it serialised.
   */
  async answer(
    scope: Scope,
    parts: readonly (string | number)[],
    compute: () => Promise<string>,
  ): Promise<string> {
    const key = cacheKey<string>(...scopeParts(scope), 'answer', ...parts);
    return this.memo(scope, key, async () => {
      const text = await compute();
      return { value: text, bytes: stringBytes(text) };
    });
  }

  /** The map at the scope's date, for the in-memory rules, alliances and metrics. */
  projection(scope: Scope): Promise<Projection> {
    const key = cacheKey<Projection>(...scopeParts(scope), 'projection');
    return this.memo(scope, key, async () => {
      const projection = new Projection(await this.source.loadAnalysis(scope.mapId, scope.asOf));
      return { value: projection, bytes: projection.rows * BYTES_PER_ROW };
    });
  }

  /**
   * The coordination findings alliances build on: taken from every gap of the revision when
   * `/gaps` has already found them (as the web app asks for it first), else found on their own.
   */
  private async coordinationFindings(scope: Scope): Promise<Finding[]> {
    const all = this.cache.get(
      cacheKey<Ranked>(...scopeParts(scope), 'ranked', listPart(undefined)),
    );
    if (all) return all.ranked.filter((finding) => COORDINATION_KINDS.includes(finding.kind));
    return (await this.ranked(scope, COORDINATION_KINDS)).ranked;
  }

  /** The findings of `kinds` (all when absent), ranked; language-independent. */
  private ranked(scope: Scope, kinds: readonly GapKind[] | undefined): Promise<Ranked> {
    const key = cacheKey<Ranked>(...scopeParts(scope), 'ranked', listPart(kinds));
    return this.memo(scope, key, async () => {
      const { map, findings } = await evaluateGaps(this.source, scope.mapId, scope.asOf, {
        kinds,
        projection: () => this.projection(scope),
      });
      const ranked = rankFindings(findings);
      return { value: { map, ranked }, bytes: 1000 + ranked.length * BYTES_PER_FINDING };
    });
  }

  /**
   * The value under `key`, computing it when needed; kept only when the map's settled revision
   * is the scope's both before and after the computation (see the class comment).
   */
  private memo<T>(
    scope: Scope,
    key: CacheKey<T>,
    compute: () => Promise<{ value: T; bytes: number }>,
  ): Promise<T> {
    this.retireOthers(scope.mapId, scope.revision);
    return this.cache.through(key, async () => {
      const before = await this.settledAtStart(scope);
      const { value, bytes } = await compute();
      const after = await this.source.settledRevision(scope.mapId);
      if (after !== null) this.retireOthers(scope.mapId, after);
      return { value, bytes, keep: before === scope.revision && after === scope.revision };
    });
  }

  private settledAtStart(scope: Scope): Promise<string | null> {
    let settled = this.settledBefore.get(scope);
    if (!settled) {
      settled = this.source.settledRevision(scope.mapId);
      this.settledBefore.set(scope, settled);
    }
    return settled;
  }

  /**
   * Once a map has another revision, everything cached for the earlier one is dead weight (a
   * request always reads the current revision first), so it goes at once instead of waiting for
   * the size bound: a busy map then holds one revision's answers, not several.
   */
  private retireOthers(mapId: string, revision: string): void {
    const current = this.current.get(mapId);
    if (current === revision) return;
    this.current.set(mapId, revision);
    if (current === undefined) return;
    const prefix = `${mapId}\u0000`;
    const keep = `${prefix}${revision}\u0000`;
    this.cache.deleteWhere((key) => key.startsWith(prefix) && !key.startsWith(keep));
  }
}

/** Every key starts with the map and its revision, so a map's older revisions can be dropped. */
function scopeParts(scope: Scope): (string | number)[] {
  return [scope.mapId, scope.revision, scope.asOf];
}

function listPart(values: readonly string[] | undefined): string {
  return values ? values.join(',') : '*';
}
