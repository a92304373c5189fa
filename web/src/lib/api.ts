import type { ApiError as ApiErrorBody, SamspilMap } from '../../../graph-schema/index.ts';
import type {
  ActorMetrics,
  AllianceSuggestion,
  BackingTarget,
  GapReport,
  GraphData,
  Positions,
} from './types.ts';

/** The map's collections, as route segments. */
export type NodeCollection = 'actors' | 'initiatives' | 'plans' | 'goals' | 'areas' | 'forums';
export type FactCollection = 'commitments' | 'collaborations' | 'memberships' | 'stances';
export type Collection = NodeCollection | FactCollection;

export type Entity = Record<string, unknown> & { id: string; version: number };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A failed request: the API's `{error, message, details}`, or `network` when the server could not
 * be reached at all (status 0).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown[];

  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? (status === 0 ? 'network' : `http_${status}`);
    this.details = Array.isArray(body.details) ? body.details : [];
  }

  /** True for a route that does not exist (yet): the analysis endpoints may land later. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'route_not_found';
  }

  get unavailable(): boolean {
    return this.status === 0 || this.status === 503;
  }

  /**
   * Validation messages by field: `{path: 'body/name', message}` and `{path: '/name', …}` both
   * become `{name: message}`; the first message per field wins.
   */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.fieldProblems()).map(([field, problem]) => [field, problem.message]),
    );
  }

  /** Like `fieldErrors`, keeping Ajv's keyword and parameters so the text can be translated. */
  fieldProblems(): Record<string, FieldProblem> {
    return fieldProblemsOf(this.details);
  }
}

/** One validation problem of a field, as the API reports it. */
export interface FieldProblem {
  message: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** `details` of a 400 as `{field: problem}`; the first problem per field wins. */
export function fieldProblemsOf(details: unknown[]): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const detail of details) {
    if (!detail || typeof detail !== 'object') continue;
    const { path, message, keyword, params } = detail as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const segments = path.split('/').filter((segment) => segment && segment !== 'body');
    const field = segments[0];
    if (field && !(field in out)) {
      out[field] = {
        message,
        ...(typeof keyword === 'string' ? { keyword } : {}),
        ...(params && typeof params === 'object'
          ? { params: params as Record<string, unknown> }
          : {}),
      };
    }
  }
  return out;
}

/** `details` of a 400 as `{field: message}` (see `ApiError.fieldErrors`). */
export function fieldErrorsOf(details: unknown[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldProblemsOf(details)).map(([field, problem]) => [field, problem.message]),
  );
}

type Query = Record<string, string | number | undefined | null>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  ifMatch?: number;
  signal?: AbortSignal;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The typed client of `/api/v1`. Every method throws `ApiError` on a non-2xx answer. */
export class ApiClient {
  constructor(
    private readonly base = '/api/v1',
    private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}${queryString(options.query)}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if ((error as { name?: string }).name === 'AbortError') throw error;
      throw new ApiError(0, { error: 'network', message: (error as Error).message });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { message: text.slice(0, 200) };
    }
    if (!response.ok) throw new ApiError(response.status, (body ?? {}) as Partial<ApiErrorBody>);
    return body as T;
  }

  listMaps(): Promise<Page<SamspilMap>> {
    return this.request('GET', '/maps', { query: { limit: 1000 } });
  }

  getMap(mapId: string): Promise<SamspilMap> {
    return this.request('GET', `/maps/${enc(mapId)}`);
  }

  createMap(body: Record<string, unknown>): Promise<SamspilMap> {
    return this.request('POST', '/maps', { body });
  }

  graph(mapId: string, asOf?: string | null, signal?: AbortSignal): Promise<GraphData> {
    return this.request<GraphData>('GET', `/maps/${enc(mapId)}/graph`, { query: { asOf }, signal });
  }

  layout(mapId: string): Promise<{ positions: Positions }> {
    return this.request('GET', `/maps/${enc(mapId)}/layout`);
  }

  putLayout(mapId: string, positions: Positions): Promise<{ positions: Positions }> {
    return this.request('PUT', `/maps/${enc(mapId)}/layout`, { body: { positions } });
  }

  /** Every item of a collection, following `nextCursor`. */
  async listAll(
    mapId: string,
    collection: Collection,
    query: Query = {},
    signal?: AbortSignal,
  ): Promise<Entity[]> {
    const items: Entity[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Entity> = await this.request('GET', `/maps/${enc(mapId)}/${collection}`, {
        query: { ...query, limit: 1000, cursor },
        signal,
      });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  get(mapId: string, collection: Collection, id: string): Promise<Entity> {
    return this.request('GET', `/maps/${enc(mapId)}/${collection}/${enc(id)}`);
  }

  create(mapId: string, collection: Collection, body: Record<string, unknown>): Promise<Entity> {
    return this.request('POST', `/maps/${enc(mapId)}/${collection}`, { body });
  }

  update(
    mapId: string,
    collection: Collection,
    id: string,
    body: Record<string, unknown>,
    version?: number,
  ): Promise<Entity> {
    return this.request('PATCH', `/maps/${enc(mapId)}/${collection}/${enc(id)}`, {
      body,
      ifMatch: version,
    });
  }

  remove(mapId: string, collection: Collection, id: string, version?: number): Promise<void> {
    return this.request('DELETE', `/maps/${enc(mapId)}/${collection}/${enc(id)}`, {
      ifMatch: version,
    });
  }

  gaps(mapId: string, query: { asOf?: string | null; lang: string }): Promise<GapReport> {
    return this.request('GET', `/maps/${enc(mapId)}/gaps`, { query });
  }

  alliances(
    mapId: string,
    query: { asOf?: string | null; lang: string; limit?: number },
  ): Promise<{ suggestions: AllianceSuggestion[] }> {
    return this.request('GET', `/maps/${enc(mapId)}/alliances`, { query });
  }

  backing(
    mapId: string,
    query: { asOf?: string | null; lang: string },
  ): Promise<{ items: BackingTarget[] }> {
    return this.request('GET', `/maps/${enc(mapId)}/backing`, { query });
  }

  metrics(mapId: string, query: { asOf?: string | null }): Promise<unknown> {
    return this.request('GET', `/maps/${enc(mapId)}/metrics`, { query });
  }
}

const enc = encodeURIComponent;

/** `/metrics` as `{actorId: metrics}`, whether the route lists actors or keys them by id. */
export function metricsByActor(body: unknown): Record<string, ActorMetrics> {
  const out: Record<string, ActorMetrics> = {};
  if (!body || typeof body !== 'object') return out;
  const actors = (body as { actors?: unknown }).actors ?? body;
  if (Array.isArray(actors)) {
    for (const entry of actors as (ActorMetrics & { id?: string; actorId?: string })[]) {
      const id = entry.id ?? entry.actorId;
      if (id) out[id] = entry;
    }
  } else if (actors && typeof actors === 'object') {
    for (const [id, entry] of Object.entries(actors as Record<string, ActorMetrics>)) {
      if (entry && typeof entry === 'object' && 'betweenness' in entry) out[id] = entry;
    }
  }
  return out;
}
