import type {
  ApiError as ApiErrorBody,
  Change,
  ExportFormat,
  ImportProgress,
  ImportReport,
  ImportSource,
  KumuMapping,
  Locale,
  MapRole,
  MapWithAccess,
  Me,
  Member,
  MemberAdded,
  RevertResult,
  SamspilMap,
  ShareLink,
  ShareLinkCreated,
} from '../../../graph-schema/index.ts';
import type {
  ActorMetrics,
  AllianceSuggestion,
  BackingTarget,
  GapReport,
  GraphData,
  NetworkMetrics,
  Positions,
} from './types.ts';

import type { Brief } from '../../../graph-schema/brief.ts';
import type { Collection } from './model.ts';

export type { Collection, FactCollection, NodeCollection } from './model.ts';

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

/**
 * The typed client of `/api/v1`. Every method throws `ApiError` on a non-2xx answer.
 *
 * Signed in, the browser sends the session cookie itself; every request also carries the CSRF
 * header the API asks of cookie-authenticated changes, and keeps its `Origin` (the page's
 * referrer policy would otherwise send `null`). A visitor of a share link sends the link's token
 * as a bearer token instead (`bearer`).
 */
export class ApiClient {
  /** A share link's token, sent as `Authorization: Bearer`; null when signed in by cookie. */
  bearer: string | null = null;
  /** Called on every 401, so the app can show the sign-in page (or say the link is gone). */
  onUnauthenticated: ((error: ApiError) => void) | null = null;

  constructor(
    private readonly base = '/api/v1',
    private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'x-samspil-csrf': '1' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}${queryString(options.query)}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
        credentials: 'same-origin',
        referrerPolicy: 'same-origin',
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
    if (!response.ok) {
      const error = new ApiError(response.status, (body ?? {}) as Partial<ApiErrorBody>);
      if (response.status === 401 && error.code === 'unauthenticated') {
        this.onUnauthenticated?.(error);
      }
      throw error;
    }
    return body as T;
  }

  /* Signing in and the caller's account. */

  me(): Promise<Me> {
    return this.request('GET', '/auth/me');
  }

  login(email: string, password: string): Promise<Me> {
    return this.request('POST', '/auth/login', { body: { email, password } });
  }

  logout(): Promise<void> {
    return this.request('POST', '/auth/logout');
  }

  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.request('POST', '/auth/password', { body: { currentPassword, newPassword } });
  }

  invitation(token: string): Promise<{ email: string; expiresAt: string }> {
    return this.request('GET', `/auth/invitations/${enc(token)}`);
  }

  acceptInvitation(token: string, name: string, password: string): Promise<Me> {
    return this.request('POST', `/auth/invitations/${enc(token)}/accept`, {
      body: { name, password },
    });
  }

  /* Members and share links of a map. */

  members(mapId: string): Promise<{ items: Member[] }> {
    return this.request('GET', `/maps/${enc(mapId)}/members`);
  }

  addMember(mapId: string, email: string, role: MapRole): Promise<MemberAdded> {
    return this.request('POST', `/maps/${enc(mapId)}/members`, { body: { email, role } });
  }

  setMemberRole(mapId: string, userId: string, role: MapRole): Promise<Member> {
    return this.request('PATCH', `/maps/${enc(mapId)}/members/${enc(userId)}`, {
      body: { role },
    });
  }

  removeMember(mapId: string, userId: string): Promise<void> {
    return this.request('DELETE', `/maps/${enc(mapId)}/members/${enc(userId)}`);
  }

  shareLinks(mapId: string): Promise<{ items: ShareLink[] }> {
    return this.request('GET', `/maps/${enc(mapId)}/share-links`);
  }

  createShareLink(
    mapId: string,
    body: { label: string; expiresAt?: string },
  ): Promise<ShareLinkCreated> {
    return this.request('POST', `/maps/${enc(mapId)}/share-links`, { body });
  }

  revokeShareLink(mapId: string, linkId: string): Promise<void> {
    return this.request('DELETE', `/maps/${enc(mapId)}/share-links/${enc(linkId)}`);
  }

  /* Maps and their content. */

  listMaps(): Promise<Page<MapWithAccess>> {
    return this.request('GET', '/maps', { query: { limit: 1000 } });
  }

  getMap(mapId: string): Promise<MapWithAccess> {
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

  history(
    mapId: string,
    query: { entityId?: string; limit?: number; cursor?: string | null } = {},
  ): Promise<Page<Change>> {
    return this.request('GET', `/maps/${enc(mapId)}/history`, { query });
  }

  /** Undoes the write that made `changeId` (a delete comes back under the same ids). */
  revert(mapId: string, changeId: string): Promise<RevertResult> {
    return this.request('POST', `/maps/${enc(mapId)}/history/${enc(changeId)}/revert`);
  }

  /** One page of gaps; `cursor` is the previous page's `nextCursor`. */
  gaps(
    mapId: string,
    query: {
      asOf?: string | null;
      lang: string;
      severity?: string | null;
      limit?: number;
      cursor?: string | null;
    },
  ): Promise<GapReport> {
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

  /** A meeting brief (JSON) for the parties `actorIds`. */
  brief(
    mapId: string,
    query: { actorIds: string[]; asOf?: string | null; lang: string },
    signal?: AbortSignal,
  ): Promise<Brief> {
    return this.request('GET', `/maps/${enc(mapId)}/brief`, {
      query: { ...query, actorIds: query.actorIds.join(',') },
      signal,
    });
  }

  metrics(mapId: string, query: { asOf?: string | null }): Promise<NetworkMetrics> {
    return this.request('GET', `/maps/${enc(mapId)}/metrics`, { query });
  }

  /** How far the import started with `token` has come; null when none is known (yet). */
  async importProgress(token: string): Promise<ImportProgress | null> {
    try {
      return await this.request<ImportProgress>('GET', `/imports/${enc(token)}/progress`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  /**
   * Uploads a file to import, into a map or (no `mapId`) as a new map, reporting the bytes sent
   * as they go: `fetch` cannot tell upload progress, so this uses XMLHttpRequest. It sends what
   * `request` sends: the session cookie (same origin), the CSRF header, a share link's token.
   */
  importFile(
    mapId: string | null,
    file: Blob & { name?: string },
    request: ImportRequest,
    onUpload?: (sent: number, total: number) => void,
  ): Promise<ImportOutcome> {
    const query = new URLSearchParams({ dryRun: String(request.dryRun), lang: request.lang });
    if (request.skipInvalid) query.set('skipInvalid', 'true');
    if (request.source) query.set('source', request.source);
    if (request.progress) query.set('progress', request.progress);
    const form = new FormData();
    if (request.mapping) form.append('mapping', JSON.stringify(request.mapping));
    if (request.name) form.append('name', request.name);
    form.append('file', file, file.name ?? 'upload');
    const path = mapId ? `/maps/${enc(mapId)}/import` : '/maps/import';
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.base}${path}?${query}`);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('x-samspil-csrf', '1');
      if (this.bearer) xhr.setRequestHeader('authorization', `Bearer ${this.bearer}`);
      xhr.upload.onprogress = (event) => onUpload?.(event.loaded, event.total);
      xhr.onerror = () => reject(new ApiError(0, { error: 'network', message: 'upload failed' }));
      xhr.onload = () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(xhr.responseText) as Record<string, unknown>;
        } catch {
          body = { message: xhr.responseText.slice(0, 200) };
        }
        const report = (mapId ? (xhr.status < 300 ? body : body.report) : body.report) as
          ImportReport | undefined;
        if (xhr.status < 300 || report) {
          resolve({
            ok: xhr.status < 300,
            status: xhr.status,
            report: report ?? null,
            map: (body.map as SamspilMap | null | undefined) ?? null,
            message: xhr.status < 300 ? null : String(body.message ?? ''),
          });
          return;
        }
        const error = new ApiError(xhr.status, body as Partial<ApiErrorBody>);
        if (xhr.status === 401 && error.code === 'unauthenticated') {
          this.onUnauthenticated?.(error);
        }
        reject(error);
      };
      xhr.send(form);
    });
  }

  /** A map's export in `format`: the file and the name the API gives it. */
  /** A map's export as a file, fetched with this client's credentials. */
  exportFile(
    mapId: string,
    format: ExportFormat,
    lang: Locale,
  ): Promise<{ blob: Blob; filename: string }> {
    return this.file(
      `/maps/${enc(mapId)}/export${queryString({ format, lang })}`,
      `samspil.${format}`,
    );
  }

  /** A meeting brief as a PDF or Markdown file. */
  briefFile(
    mapId: string,
    query: { actorIds: string[]; asOf?: string | null; lang: string; format: 'pdf' | 'md' },
  ): Promise<{ blob: Blob; filename: string }> {
    const full = { ...query, actorIds: query.actorIds.join(',') };
    return this.file(`/maps/${enc(mapId)}/brief${queryString(full)}`, `brief.${query.format}`);
  }

  /**
   * A file to download, fetched rather than linked: a share link's visitor sends its token as
   * `request` does, and a refusal can be shown in the app instead of as a page of JSON.
   */
  private async file(
    path: string,
    fallbackName: string,
  ): Promise<{ blob: Blob; filename: string }> {
    const headers: Record<string, string> = { accept: '*/*', 'x-samspil-csrf': '1' };
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        headers,
        credentials: 'same-origin',
        referrerPolicy: 'same-origin',
      });
    } catch (error) {
      throw new ApiError(0, { error: 'network', message: (error as Error).message });
    }
    if (!response.ok) {
      const text = await response.text();
      let body: Partial<ApiErrorBody> = {};
      try {
        body = JSON.parse(text) as Partial<ApiErrorBody>;
      } catch {
        body = { message: text.slice(0, 200) };
      }
      const error = new ApiError(response.status, body);
      if (response.status === 401 && error.code === 'unauthenticated') {
        this.onUnauthenticated?.(error);
      }
      throw error;
    }
    const filename = attachmentName(response.headers.get('content-disposition')) ?? fallbackName;
    return { blob: await response.blob(), filename };
  }
}

/** The file name of `Content-Disposition: attachment`, preferring the UTF-8 `filename*`. */
export function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1]!.trim());
    } catch {
      // A broken escape: the plain name below still names the file.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

const enc = encodeURIComponent;

/** What an import (or its dry run) sends besides the file. */
export interface ImportRequest {
  dryRun: boolean;
  skipInvalid?: boolean;
  lang: Locale;
  source?: ImportSource;
  mapping?: KumuMapping;
  /** For a new map: its name. */
  name?: string;
  /** A token to follow the import with `importProgress`. */
  progress?: string;
}

/**
 * An import's answer: the report, also when the import was refused (400 or 413, nothing
 * written), and the new map of `POST /maps/import`. Other failures throw `ApiError`.
 */
export interface ImportOutcome {
  ok: boolean;
  status: number;
  report: ImportReport | null;
  map: SamspilMap | null;
  /** The refusal's message, when the import was refused. */
  message: string | null;
}

/** `/metrics`' actors by id. */
export function metricsByActor(body: NetworkMetrics): Record<string, ActorMetrics> {
  return Object.fromEntries(body.actors.map((actor) => [actor.id, actor]));
}
