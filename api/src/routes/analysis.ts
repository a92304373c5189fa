import { hash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  AlliancesResponseSchema,
  BackingListSchema,
  GapReportSchema,
  NetworkMetricsSchema,
  TargetBackingSchema,
} from '../../../graph-schema/analysis.ts';
import {
  BRIEF_FORMATS,
  BriefSchema,
  MAX_BRIEF_PARTIES,
  type BriefFormat,
} from '../../../graph-schema/brief.ts';
import {
  DateSchema,
  GAP_KINDS,
  IdSchema,
  LOCALES,
  SEVERITIES,
  StringEnum,
  type GapKind,
  type Severity,
} from '../../../graph-schema/index.ts';
import { pickLang } from '../analysis/i18n.ts';
import type { Scope } from '../analysis/service.ts';
import { today } from '../db/values.ts';
import { briefMarkdown } from '../presenters/brief-markdown.ts';
import { briefPdf } from '../presenters/brief-pdf.ts';
import { AppError, errors } from '../errors.ts';
import { errorResponses, MapParams, sendJson } from './common.ts';

const AsOf = Type.Optional(
  Type.String({
    ...DateSchema,
    description: 'Domain date the analysis looks at, YYYY-MM-DD (default today)',
  }),
);
const Lang = Type.Optional(
  StringEnum(LOCALES, 'Language of texts (default: from Accept-Language, else Danish)'),
);

export const DEFAULT_GAP_LIMIT = 500;
export const MAX_GAP_LIMIT = 5000;

const staleCursor = () =>
  new AppError(
    409,
    'stale_cursor',
    'The map has changed since this list of gaps was read; load it again from the first page.',
    [{ path: 'cursor', message: 'from an earlier revision of the map' }],
  );

/** What a gap cursor stands for: the map's revision, the query and the next page's offset. */
interface GapCursor {
  revision: string;
  query: string;
  offset: number;
}

/** A short, fixed-length stand-in for a text, for cursors. */
const digest = (text: string) => hash('sha256', text, 'hex').slice(0, 16);

/** The part of a `/gaps` query that a cursor must match: the date and the filters. */
function queryFingerprint(
  asOf: string,
  kinds?: readonly GapKind[],
  severities?: readonly Severity[],
) {
  return hash(
    'sha256',
    [asOf, kinds?.join(',') ?? '*', severities?.join(',') ?? '*'].join('|'),
    'hex',
  ).slice(0, 16);
}

function encodeGapCursor(cursor: GapCursor): string {
  return Buffer.from(`gaps:${cursor.revision}:${cursor.query}:${cursor.offset}`).toString(
    'base64url',
  );
}

/** The cursor's revision is compared as a digest of the map's revision. */
function decodeGapCursor(text: string): GapCursor {
  const match = /^gaps:([0-9a-f]{16}):([0-9a-f]{16}):(\d{1,9})$/.exec(
    Buffer.from(text, 'base64url').toString('utf8'),
  );
  if (!match) throw errors.invalidCursor();
  return { revision: match[1]!, query: match[2]!, offset: Number(match[3]) };
}

/** `values` once each, in the order of `order`; undefined stays "all". */
function normalised<T extends string>(
  values: T[] | undefined,
  order: readonly T[],
): T[] | undefined {
  return values && order.filter((value) => values.includes(value));
}

const ID = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}';

/** The brief's media types, by format. */
const BRIEF_TYPES: Record<BriefFormat, string> = {
  json: 'application/json',
  md: 'text/markdown',
  pdf: 'application/pdf',
};

/**
 * The brief's format: `format` when given, else the first of the `Accept` header's types that
 * names one (PDF, Markdown or JSON), else JSON.
 */
function briefFormat(format: BriefFormat | undefined, accept: string | undefined): BriefFormat {
  if (format) return format;
  for (const part of (accept ?? '').split(',')) {
    const type = part.split(';')[0]!.trim().toLowerCase();
    const found = BRIEF_FORMATS.find((f) => BRIEF_TYPES[f] === type);
    if (found) return found;
  }
  return 'json';
}

/** Sends a document as it is, outside the route's JSON contract. */
function sendAs(reply: FastifyReply, type: string, body: string | Buffer): FastifyReply {
  return reply.type(type).send(body);
}

/**
 * The analysis endpoints: gaps, alliance suggestions, backing and network metrics of one map at
 * a domain date (docs/gap-rules.md). Routes stay thin: each reads the map's revision (404 for an
 * unknown map) and asks the analysis service, which answers from its cache while the revision
 * is unchanged (see api/src/analysis/service.ts).
 */
const analysis: FastifyPluginAsyncTypebox = async (fastify) => {
  const service = fastify.analysis;
  // Answers leave as the text the service cached. The response schemas are the contract and
  // the OpenAPI document, but nothing checks them at run time: a large map's gaps run to
  // megabytes, where the schema-compiled serialiser measured twice as slow as JSON.stringify
  // (it escapes every string in JavaScript), and compiling it for these schemas costs start-up
  // time for nothing. tests/analysis/contract.test.ts validates real answers against them.
  // This plugin is encapsulated, so other routes keep their serialisers.
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data));

  async function scopeOf(mapId: string, asOf: string): Promise<Scope> {
    const scope = await service.scope(mapId, asOf);
    if (!scope) throw errors.mapNotFound(mapId);
    return scope;
  }

  fastify.get(
    '/maps/:mapId/gaps',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['analysis'],
        summary: 'Gaps in ownership, funding, backing and coordination, ranked by severity',
        description:
          'One page of gaps, most severe first; `summary` counts every gap that matches the ' +
          'filters, on all pages. Pass `nextCursor` back as `cursor` for the next page. A cursor ' +
          'holds the revision of the map it was read from: once the map has changed, it is ' +
          'answered with 409 `stale_cursor`, and the list must be read again from the start.',
        params: MapParams,
        querystring: Type.Object(
          {
            asOf: AsOf,
            kind: Type.Optional(
              Type.Array(StringEnum(GAP_KINDS), {
                description: 'Only these kinds (repeat the parameter for several)',
              }),
            ),
            severity: Type.Optional(
              Type.Array(StringEnum(SEVERITIES), { description: 'Only these severities' }),
            ),
            lang: Lang,
            limit: Type.Optional(
              Type.Integer({ minimum: 1, maximum: MAX_GAP_LIMIT, default: DEFAULT_GAP_LIMIT }),
            ),
            cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: GapReportSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const { asOf = today(), limit = DEFAULT_GAP_LIMIT, cursor } = request.query;
      const kinds = normalised(request.query.kind, GAP_KINDS);
      const severities = normalised(request.query.severity, SEVERITIES);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const query = queryFingerprint(asOf, kinds, severities);
      const from = cursor === undefined ? null : decodeGapCursor(cursor);
      if (from && from.query !== query) throw errors.invalidCursor();
      const scope = await scopeOf(request.params.mapId, asOf);
      const revision = digest(scope.revision);
      if (from && from.revision !== revision) throw staleCursor();
      const body = await service.gaps(
        scope,
        { lang, kinds, severities, offset: from?.offset ?? 0, limit },
        (offset) => encodeGapCursor({ revision, query, offset }),
      );
      return sendJson(reply, body);
    },
  );

  fastify.get(
    '/maps/:mapId/alliances',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['analysis'],
        summary: 'Suggested alliances between actors that share work but do not coordinate',
        params: MapParams,
        querystring: Type.Object(
          {
            asOf: AsOf,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })),
            lang: Lang,
          },
          { additionalProperties: false },
        ),
        response: { 200: AlliancesResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { asOf = today(), limit = 20 } = request.query;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const scope = await scopeOf(request.params.mapId, asOf);
      return sendJson(reply, await service.alliances(scope, { lang, limit }));
    },
  );

  const backingQuery = Type.Object({ asOf: AsOf, lang: Lang }, { additionalProperties: false });

  fastify.get(
    '/maps/:mapId/backing',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['analysis'],
        summary: 'Backing of every initiative and plan live at the date',
        params: MapParams,
        querystring: backingQuery,
        response: { 200: BackingListSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { asOf = today() } = request.query;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const scope = await scopeOf(request.params.mapId, asOf);
      return sendJson(reply, await service.backing(scope, lang));
    },
  );

  fastify.get(
    '/maps/:mapId/backing/:targetId',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['analysis'],
        summary: 'Who owns, funds, contributes to, supports or opposes one initiative or plan',
        params: Type.Object(
          { mapId: IdSchema, targetId: IdSchema },
          { additionalProperties: false },
        ),
        querystring: backingQuery,
        response: { 200: TargetBackingSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { asOf = today() } = request.query;
      const { mapId, targetId } = request.params;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const scope = await scopeOf(mapId, asOf);
      const body = await service.targetBacking(scope, targetId, lang);
      if (body === null) throw errors.notFound('initiative or plan', targetId);
      return sendJson(reply, body);
    },
  );

  fastify.get(
    '/maps/:mapId/brief',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['analysis'],
        summary: 'A meeting brief for chosen parties: common ground, gaps between them, agenda',
        description:
          'Made from the analysis of the map at `asOf` (docs/meetings.md). The format is ' +
          '`format` when given, else the `Accept` header (application/pdf, text/markdown or ' +
          `application/json), else JSON. At most ${MAX_BRIEF_PARTIES} parties; an id that ` +
          'names no actor of the map gets 400 `unknown_actor`.',
        params: MapParams,
        querystring: Type.Object(
          {
            actorIds: Type.String({
              pattern: `^${ID}(,${ID})*$`,
              maxLength: 4000,
              description: 'The parties: actor ids, separated by commas',
            }),
            asOf: AsOf,
            lang: Lang,
            format: Type.Optional(StringEnum(BRIEF_FORMATS, 'json, md or pdf')),
          },
          { additionalProperties: false },
        ),
        response: {
          200: {
            description: 'The brief',
            content: {
              'application/json': { schema: BriefSchema },
              'text/markdown': { schema: Type.String() },
              'application/pdf': { schema: Type.String({ format: 'binary' }) },
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { asOf = today() } = request.query;
      const ids = [...new Set(request.query.actorIds.split(','))];
      if (ids.length > MAX_BRIEF_PARTIES) {
        throw new AppError(
          400,
          'too_many_parties',
          `A brief takes at most ${MAX_BRIEF_PARTIES} parties; ${ids.length} were given.`,
          [{ path: 'actorIds', message: `at most ${MAX_BRIEF_PARTIES}`, keyword: 'maxItems' }],
        );
      }
      const format = briefFormat(request.query.format, request.headers.accept);
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const scope = await scopeOf(request.params.mapId, asOf);
      const projection = await service.projection(scope);
      const unknown = ids.filter((id) => !projection.actors.has(id));
      if (unknown.length > 0) {
        throw new AppError(
          400,
          'unknown_actor',
          'Some of the parties are not actors of this map.',
          unknown.map((id) => ({
            path: 'actorIds',
            message: `no actor with id "${id}"`,
            keyword: 'unknown_reference',
            params: { id },
          })),
        );
      }
      const brief = await service.brief(scope, ids, lang);
      reply.header('vary', 'Accept, Accept-Language');
      if (format === 'json') return sendJson(reply, JSON.stringify(brief));
      const file = `samspil-brief-${asOf}.${format}`;
      reply.header('content-disposition', `inline; filename="${file}"`);
      if (format === 'md')
        return sendAs(reply, 'text/markdown; charset=utf-8', briefMarkdown(brief));
      return sendAs(reply, 'application/pdf', await briefPdf(brief));
    },
  );

  fastify.get(
    '/maps/:mapId/metrics',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['analysis'],
        summary: 'Degree, betweenness, communities and cut vertices of the coordination network',
        params: MapParams,
        querystring: Type.Object({ asOf: AsOf }, { additionalProperties: false }),
        response: { 200: NetworkMetricsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { asOf = today() } = request.query;
      const scope = await scopeOf(request.params.mapId, asOf);
      return sendJson(reply, await service.metrics(scope));
    },
  );
};

export default analysis;
