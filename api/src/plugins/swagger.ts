import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { ErrorSchema } from '../../../graph-schema/index.ts';

/** The rules every operation shares, which per-operation schemas cannot say. */
const DESCRIPTION = `Stakeholder and alliance mapping: maps, actors, initiatives, plans, goals, areas, forums and the facts between them.

## Requests
- **Bodies** are JSON (\`Content-Type: application/json\`, else 415 \`unsupported_media_type\`) of at most 1 MB; a map layout (\`PUT /maps/{mapId}/layout\`) may be 8 MB. A larger body gets 413 \`payload_too_large\`. Every string field has the \`maxLength\` its schema gives, and unknown fields are refused.
- **Numbers in query strings** are plain decimals (\`limit=50\`); \`1e3\`, \`0x10\`, \`+5\` or \`5.0\` get 400 \`validation_failed\`. A list parameter is repeated (\`kind=a&kind=b\`).
- **Pagination**: \`cursor\` takes only a \`nextCursor\` value that this API handed out; anything else gets 400 \`invalid_cursor\`.
- **\`If-Match\`** on PATCH and DELETE holds the version you read, bare (\`3\`) or quoted (\`"3"\`); \`*\` or an empty value means any version. A stale version gets 412 \`stale_version\`; any other form gets 400 \`invalid_if_match\`.
- **Writes** (POST, PUT, PATCH, DELETE) are limited per client address and minute; past the limit they get 429 \`rate_limited\` with \`Retry-After\`.
- The server answers only for its own host names (loopback, \`HOST\` and \`ALLOWED_HOSTS\`); another \`Host\` gets 421 \`host_not_allowed\`. A request that does not arrive in time gets 408 \`request_timeout\`.

## Rules a schema cannot state
Checked when a write is made; a breach gets 400 with the code named here as \`error\` or, under \`validation_failed\`, as \`details[].keyword\`:
- Every reference (\`actorId\`, \`initiativeId\`, \`planId\`, \`forumId\`, \`parentId\`, \`areaIds\`, \`goalIds\`, \`dependsOn\`, ...) names an entity of the same map: \`unknown_reference\`.
- A commitment and a stance name exactly one of \`initiativeId\` and \`planId\`: \`exactly_one\`.
- A collaboration is between two different actors: \`self_reference\`.
- The ends of a fact never change; a PATCH that gives a different end gets \`immutable_ends\`.
- An end date is not before its start date: \`date_order\`. Parents and dependencies form no cycle: \`cycle\`.
- A fact that already exists for an overlapping period gets 409 \`duplicate\`.

## Errors
Every error is \`{error, message, details}\`: \`error\` is a stable snake_case code, \`message\` English text for people, \`details\` the specifics (for validation: one \`{path, message, keyword}\` per problem). A known path with a method it lacks gets 405 \`method_not_allowed\` with \`Allow\`; an unknown path 404 \`route_not_found\`.`;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * OpenAPI generated from the routes' TypeBox schemas, browsable at `/docs`. Each API operation
 * also lists the errors the HTTP edge gives before its handler runs: 400, 413 and 415 for a
 * body, 429 for a write.
 */
export default fp(
  async (fastify) => {
    fastify.addHook('onRoute', (route) => {
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (!response || !route.url.startsWith('/api/')) return;
      const methods = [route.method].flat().map((method) => method.toUpperCase());
      const codes = [
        ...(methods.some((method) => BODY_METHODS.has(method)) ? [400, 413, 415] : []),
        ...(methods.some((method) => WRITE_METHODS.has(method)) ? [429] : []),
      ];
      for (const code of codes) response[code] ??= ErrorSchema;
    });
    await fastify.register(swagger, {
      openapi: {
        info: { title: 'Samspil API', description: DESCRIPTION, version: '1' },
        tags: [
          { name: 'health' },
          { name: 'maps' },
          { name: 'entities', description: 'Actors, initiatives, plans, goals, areas, forums' },
          { name: 'facts', description: 'Commitments, collaborations, memberships, stances' },
          { name: 'graph' },
          { name: 'analysis' },
          { name: 'history', description: 'Who changed what, and undo' },
          {
            name: 'data',
            description: 'Import and export: Samspil workbook, CSV, backup, Kumu, GEXF, GraphML',
          },
          { name: 'auth', description: 'Signing in, your account and API tokens' },
          { name: 'access', description: 'Members, share links and users' },
        ],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'samspil_session' },
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'An API token, or a share link’s token for reads of its map',
            },
          },
        },
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
