import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  DateSchema,
  GAP_KINDS,
  IdSchema,
  LOCALES,
  SEVERITIES,
  StringEnum,
} from '../../../graph-schema/index.ts';
import { suggestAlliances } from '../analysis/alliances.ts';
import { allBacking, BackingIndex, backingOf } from '../analysis/backing.ts';
import { evaluateGaps, gapReport } from '../analysis/engine.ts';
import { pickLang } from '../analysis/i18n.ts';
import { networkMetrics } from '../analysis/metrics.ts';
import { Projection } from '../analysis/projection.ts';
import { today } from '../db/values.ts';
import { errors } from '../errors.ts';
import { AnalysisRepository } from '../repositories/analysis-repository.ts';
import { errorResponses, MapParams } from './common.ts';

const AsOf = Type.Optional(
  Type.String({
    ...DateSchema,
    description: 'Domain date the analysis looks at, YYYY-MM-DD (default today)',
  }),
);
const Lang = Type.Optional(
  StringEnum(LOCALES, 'Language of texts (default: from Accept-Language, else Danish)'),
);

const EntityRef = Type.Object({
  type: Type.String(),
  id: Type.String(),
  name: Type.String(),
});

const GapSchema = Type.Object(
  {
    id: Type.String({
      description: 'hash(mapId, kind, subject id [, second id]): stable across dates and edits',
    }),
    kind: StringEnum(GAP_KINDS),
    severity: StringEnum(SEVERITIES),
    subject: EntityRef,
    related: Type.Array(EntityRef),
    message: Type.String(),
    explanation: Type.String(),
    suggestion: Type.Optional(Type.String()),
    details: Type.Optional(Type.Record(Type.String(), Type.Any())),
  },
  { title: 'Gap' },
);

const GapsResponse = Type.Object({
  asOf: Type.String(),
  lang: StringEnum(LOCALES),
  summary: Type.Object(
    {
      total: Type.Integer(),
      byKind: Type.Record(Type.String(), Type.Integer()),
      bySeverity: Type.Record(Type.String(), Type.Integer()),
    },
    {
      description:
        'Counts of the gaps returned (filters applied); every kind and severity is present',
    },
  ),
  gaps: Type.Array(GapSchema),
});

/** The gap kinds an alliance can close or reduce: the ones about coordination. */
const COORDINATION_KINDS = [
  'uncoordinated_partners',
  'contested_ownership',
  'dependency_without_alliance',
  'isolated_actor',
  'single_point_of_failure',
] as const;

const Open = { additionalProperties: true } as const;
const ActorSummary = Type.Object({ id: Type.String(), name: Type.String(), sector: Type.String() });

const AlliancesResponse = Type.Object({
  asOf: Type.String(),
  lang: StringEnum(LOCALES),
  suggestions: Type.Array(
    Type.Object(
      {
        actorA: ActorSummary,
        actorB: ActorSummary,
        score: Type.Number(),
        reasons: Type.Array(
          Type.Object({ kind: Type.String(), text: Type.String(), related: Type.Array(EntityRef) }),
        ),
        closes: Type.Array(Type.String(), { description: 'Ids of gaps the link would resolve' }),
        reduces: Type.Array(Type.String(), { description: 'Ids of gaps the link would shrink' }),
      },
      { title: 'AllianceSuggestion' },
    ),
  ),
});

const Flag = Type.Object(
  {
    state: StringEnum(['backed', 'none', 'not_recorded'] as const),
    missing: Type.Boolean(),
    text: Type.String(),
    actors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  },
  Open,
);

const BackingSchema = Type.Object(
  {
    target: Type.Object(
      {
        type: Type.String(),
        id: Type.String(),
        title: Type.String(),
        status: Type.String(),
        budget: Type.Union([Type.Number(), Type.Null()]),
        live: Type.Boolean(),
      },
      Open,
    ),
    claims: Type.Array(Type.Record(Type.String(), Type.Any())),
    bySector: Type.Array(
      Type.Object(
        {
          sector: Type.String(),
          label: Type.String(),
          claims: Type.Array(Type.Record(Type.String(), Type.Any())),
        },
        Open,
      ),
    ),
    funding: Type.Record(Type.String(), Type.Any()),
    flags: Type.Object(
      {
        political: Flag,
        resident: Flag,
        economic: Flag,
        missingPolitical: Type.Boolean(),
        missingResident: Type.Boolean(),
        missingEconomic: Type.Boolean(),
      },
      Open,
    ),
  },
  { ...Open, title: 'Backing' },
);

const MetricsResponse = Type.Object({
  asOf: Type.String(),
  network: Type.Object(
    {
      actors: Type.Integer(),
      links: Type.Integer(),
      density: Type.Number(),
      components: Type.Integer(),
      largestComponent: Type.Integer(),
      isolated: Type.Integer(),
      communities: Type.Integer(),
      modularity: Type.Union([Type.Number(), Type.Null()]),
      articulationPoints: Type.Integer(),
      betweenness: Type.Object({ exact: Type.Boolean(), sources: Type.Integer() }),
    },
    Open,
  ),
  actors: Type.Array(
    Type.Object(
      {
        id: Type.String(),
        name: Type.String(),
        sector: Type.String(),
        degree: Type.Integer(),
        betweenness: Type.Number(),
        community: Type.Union([Type.Integer(), Type.Null()]),
        component: Type.Integer(),
        articulationPoint: Type.Boolean(),
      },
      Open,
    ),
  ),
});

/**
 * The analysis endpoints (DESIGN §3, §4): gaps, alliance suggestions, backing and network
 * metrics of one map at a domain date. Routes stay thin; the work is in `api/src/analysis/`.
 */
const analysis: FastifyPluginAsyncTypebox = async (fastify) => {
  const repository = new AnalysisRepository(fastify.db);
  // The response schemas document the answers; serialising them goes through JSON.stringify,
  // because a large map's gaps run to tens of megabytes, where the schema-compiled serialiser
  // measured twice as slow (it escapes every string in JavaScript). The handlers build exactly
  // the documented shapes. This plugin is encapsulated, so other routes are not affected.
  fastify.setSerializerCompiler(() => (data) => JSON.stringify(data));

  fastify.get(
    '/maps/:mapId/gaps',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Gaps in ownership, funding, backing and coordination, ranked by severity',
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
          },
          { additionalProperties: false },
        ),
        response: { 200: GapsResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { asOf = today(), kind, severity } = request.query;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const report = await gapReport(repository, request.params.mapId, {
        asOf,
        lang,
        kinds: kind,
        severities: severity,
      });
      return { asOf, lang, ...report };
    },
  );

  fastify.get(
    '/maps/:mapId/alliances',
    {
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
        response: { 200: AlliancesResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { asOf = today(), limit = 20 } = request.query;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const { projection, findings } = await evaluateGaps(repository, request.params.mapId, asOf, {
        kinds: COORDINATION_KINDS,
      });
      return { asOf, lang, suggestions: suggestAlliances(projection!, findings, { limit, lang }) };
    },
  );

  const backingQuery = Type.Object({ asOf: AsOf, lang: Lang }, { additionalProperties: false });

  fastify.get(
    '/maps/:mapId/backing',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Backing of every live initiative and plan',
        params: MapParams,
        querystring: backingQuery,
        response: {
          200: Type.Object({
            asOf: Type.String(),
            lang: StringEnum(LOCALES),
            items: Type.Array(BackingSchema),
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { asOf = today() } = request.query;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const data = await repository.loadBacking(request.params.mapId, null, asOf);
      return { asOf, lang, items: allBacking(new BackingIndex(data!), lang) };
    },
  );

  fastify.get(
    '/maps/:mapId/backing/:targetId',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Who owns, funds, contributes to, supports or opposes one initiative or plan',
        params: Type.Object(
          { mapId: IdSchema, targetId: IdSchema },
          { additionalProperties: false },
        ),
        querystring: backingQuery,
        response: {
          200: Type.Object(
            { asOf: Type.String(), lang: StringEnum(LOCALES), ...BackingSchema.properties },
            Open,
          ),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { asOf = today() } = request.query;
      const { mapId, targetId } = request.params;
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const data = await repository.loadBacking(mapId, targetId, asOf);
      const backing = data && backingOf(new BackingIndex(data), targetId, lang);
      if (!backing) throw errors.notFound('initiative or plan', targetId);
      return { asOf, lang, ...backing };
    },
  );

  fastify.get(
    '/maps/:mapId/metrics',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Degree, betweenness, communities and cut vertices of the coordination network',
        params: MapParams,
        querystring: Type.Object({ asOf: AsOf }, { additionalProperties: false }),
        response: { 200: MetricsResponse, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { asOf = today() } = request.query;
      const data = await repository.loadAnalysis(request.params.mapId, asOf);
      return networkMetrics(new Projection(data));
    },
  );
};

export default analysis;
