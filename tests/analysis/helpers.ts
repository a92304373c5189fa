import type { FastifyInstance } from 'fastify';
import type { Gap, GapKind, GapReport } from '../../graph-schema/index.ts';
import { call } from '../helpers/app.ts';

/** The analysis date the rule tests look at; facts are placed around it. */
export const AS_OF = '2026-06-01';

export { addDays } from '../../graph-schema/validity.ts';

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

/** A gap of one kind, with that kind's `details`. */
export type GapOf<K extends GapKind> = Extract<Gap, { kind: K }>;

/** The gaps of one kind, optionally about one subject. */
export function gapsOf<K extends GapKind>(body: GapBody, kind: K, subjectId?: string): GapOf<K>[] {
  return body.gaps.filter(
    (gap): gap is GapOf<K> =>
      gap.kind === kind && (subjectId === undefined || gap.subject.id === subjectId),
  );
}

/** The single gap of a kind about a subject; fails unless there is exactly one. */
export function theGap<K extends GapKind>(body: GapBody, kind: K, subjectId: string): GapOf<K> {
  const found = gapsOf(body, kind, subjectId);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${kind} gap about ${subjectId}, found ${found.length}: ${JSON.stringify(body.gaps.map((g) => [g.kind, g.subject.name]))}`,
    );
  }
  return found[0]!;
}
