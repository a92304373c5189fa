import type { FastifyInstance } from 'fastify';
import type { GapReport } from '../../graph-schema/index.ts';
import { call } from '../helpers/app.ts';

/** The analysis date the rule tests look at; facts are placed around it. */
export const AS_OF = '2026-06-01';

export { addDays } from '../../api/src/analysis/validity.ts';

/** What `GET /gaps` answers: the shared contract. */
export type GapBody = GapReport;

/** `GET /gaps` with a query; fails the test unless the answer is 200. */
export async function getGaps(
  app: FastifyInstance,
  mapId: string,
  query: Record<string, string | string[]> = {},
  headers: Record<string, string> = {},
): Promise<GapBody> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ asOf: AS_OF, ...query })) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  const response = await call(app, 'GET', `/maps/${mapId}/gaps?${params}`, undefined, headers);
  if (response.status !== 200)
    throw new Error(`gaps → ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as GapBody;
}

/** The gaps of one kind, optionally about one subject. */
export function gapsOf(body: GapBody, kind: string, subjectId?: string) {
  return body.gaps.filter(
    (gap) => gap.kind === kind && (subjectId === undefined || gap.subject.id === subjectId),
  );
}

/** The single gap of a kind about a subject; fails unless there is exactly one. */
export function theGap(body: GapBody, kind: string, subjectId: string) {
  const found = gapsOf(body, kind, subjectId);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${kind} gap about ${subjectId}, found ${found.length}: ${JSON.stringify(body.gaps.map((g) => [g.kind, g.subject.name]))}`,
    );
  }
  return found[0]!;
}
