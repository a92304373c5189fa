import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { buildTestApp, call, type TestContext } from '../helpers/app.ts';
import { gapsOf, getGaps, theGap, type GapBody } from './helpers.ts';

/**
 * The Høje-Taastrup demo map's findings, listed explicitly from the gaps the seed keeps on
 * purpose (see the top comment of seed/hoeje-taastrup.ts), at the date the seed is written for.
 */

const AS_OF = '2026-11-28';
let ctx: TestContext;
let mapId: string;
let body: GapBody;
const id = (key: string) => seededId(mapId, key);
const ids = (...keys: string[]) => keys.map(id).sort();
const subjects = (kind: string, severity?: string) =>
  gapsOf(body, kind)
    .filter((gap) => severity === undefined || gap.severity === severity)
    .map((gap) => gap.subject.id)
    .sort();

beforeAll(async () => {
  ctx = await buildTestApp();
  mapId = seededId('test', randomUUID());
  await loadDemoMap(ctx.db, { mapId });
  body = await getGaps(ctx.app, mapId, { asOf: AS_OF, lang: 'en' });
});
afterAll(() => ctx.close());

describe('the demo map', () => {
  it('has the two unowned initiatives, the school site among them, both medium (ideas)', () => {
    expect(subjects('unowned_initiative', 'medium')).toEqual(
      ids('charlotteskolen-site', 'billige-boliger'),
    );
    expect(subjects('unowned_initiative')).toHaveLength(2);
    const site = theGap(body, 'unowned_initiative', id('charlotteskolen-site'));
    // Both departments propose to lead; the developer that withdrew is not an owner.
    expect(site.related.map((r) => r.id).sort()).toEqual(ids('by-miljoe', 'isc'));
  });

  it('has the uncoordinated partners the seed lists, with their pairs and severities', () => {
    expect(subjects('uncoordinated_partners', 'high')).toEqual(
      ids('charlotteskolen-site', 'campus-akse'),
    );
    expect(subjects('uncoordinated_partners', 'medium')).toEqual(
      ids(
        'kvarterhus',
        'tg-boligsocial-2025',
        'selsmosekvarteret',
        'gh-fysisk',
        'gh-genhusning',
        'tg-renovering',
        'lommepengejob',
      ),
    );
    const pairs = (key: string) =>
      (theGap(body, 'uncoordinated_partners', id(key)).details!.uncoordinatedPairs as string[][])
        .map((pair) => [...pair].sort().join('|'))
        .sort();
    const pair = (a: string, b: string) => [id(a), id(b)].sort().join('|');
    expect(pairs('charlotteskolen-site')).toEqual(
      [pair('by-miljoe', 'isc'), pair('isc', 'vibo')].sort(),
    );
    expect(pairs('campus-akse')).toHaveLength(7);
    expect(pairs('kvarterhus')).toHaveLength(7);
    expect(pairs('tg-renovering')).toEqual([pair('kab', 'lbf')]);
    expect(pairs('gh-genhusning')).toEqual([pair('domea-genhusning', 'kommune')]);
  });

  it('has the funding, goal, resident, political, opposition and expiry gaps', () => {
    const unfunded = theGap(body, 'unfunded_initiative', id('lommepengejob'));
    expect(unfunded).toMatchObject({
      severity: 'medium',
      details: { budget: 1_200_000, funded: 600_000, shortfall: 600_000 },
    });
    expect(unfunded.message).toContain('DKK 600,000');
    expect(subjects('unfunded_initiative')).toHaveLength(1);
    expect(subjects('goal_without_initiative')).toEqual(ids('g-effekt', 'g-forankring'));
    expect(subjects('missing_resident_voice')).toEqual(
      ids(
        'p-strategisk',
        'selsmosekvarteret',
        'campus-akse',
        'charlotteskolen-site',
        'kroppedal-lokalhistorie',
      ),
    );
    expect(subjects('missing_political_backing')).toEqual(
      ids('kroppedal-lokalhistorie', 'lommepengejob', 'billige-boliger'),
    );
    const opposition = gapsOf(body, 'powerful_opposition')
      .map((g) => `${g.subject.id}|${g.related[0]!.id}`)
      .sort();
    expect(opposition).toEqual(
      [
        `${id('gh-genhusning')}|${id('gh-afdbest')}`,
        `${id('charlotteskolen-site')}|${id('isu')}`,
      ].sort(),
    );
    expect(subjects('expiring_commitment')).toEqual(
      ids('commitment:nydansker:tg-boligsocial-2025:contributor'),
    );
  });

  it('has the isolated actors and the single points of failure', () => {
    expect(subjects('isolated_actor', 'medium')).toEqual(ids('pension', 'vandkunsten'));
    expect(subjects('isolated_actor', 'low')).toEqual(
      ids(
        'naerheden',
        'charlotteskolen',
        'haandvaerkere',
        'ck-boligsocial-team',
        'team-niels-bjoern',
        'hedeselskabet',
        'eu-desire',
        'kadk',
      ),
    );
    expect(subjects('single_point_of_failure')).toEqual(
      ids(
        'vibo',
        'domea',
        'lbf',
        'by-miljoe',
        'bkh',
        'tg-boligsocial-team',
        'isc',
        'ca135-afdbest',
      ),
    );
    const vibo = theGap(body, 'single_point_of_failure', id('vibo'));
    expect(vibo.related.map((r) => r.id).sort()).toEqual(
      ids('ca135-afdbest', 'ca121-afdbest', 'vibo-orgbest'),
    );
  });

  it('has the stale facts, and the collaboration that turns stale on 2026-12-01', async () => {
    expect(subjects('stale_fact')).toEqual(
      ids(
        'commitment:kommune:p-charlottekvarteret:owner',
        'commitment:dfb:tryghedsaftale:owner',
        'membership:politi:f-tryghed',
      ),
    );
    const later = await getGaps(ctx.app, mapId, { asOf: '2026-12-02', kind: 'stale_fact' });
    expect(later.gaps.map((g) => g.subject.id)).toContain(id('collaboration:bl:akb:network'));
  });

  it('has none of the gaps the seed avoids on purpose, and nothing else', () => {
    for (const kind of [
      'contested_ownership',
      'unanchored_plan',
      'dependency_without_alliance',
      'blocked_dependency',
    ]) {
      expect(gapsOf(body, kind), kind).toEqual([]);
    }
    expect(body.summary).toMatchObject({ total: 46, bySeverity: { high: 7, medium: 28, low: 11 } });
  });

  it('suggests linking the two departments that both want to lead the school site first', async () => {
    const response = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/alliances?asOf=${AS_OF}&lang=en&limit=10`,
    );
    expect(response.status).toBe(200);
    const [top] = response.body.suggestions;
    expect([top.actorA.id, top.actorB.id].sort()).toEqual(ids('by-miljoe', 'isc'));
    const kinds = top.reasons.map((r: { kind: string }) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['shared_initiative', 'same_organisation']));
    const sharedInitiatives = top.reasons.find(
      (r: { kind: string }) => r.kind === 'shared_initiative',
    ).related;
    expect(sharedInitiatives.map((r: { id: string }) => r.id)).toContain(
      id('charlotteskolen-site'),
    );
    // It shrinks the school site's uncoordinated-partners gap, by the same id /gaps gives it.
    expect(top.reduces).toContain(
      theGap(body, 'uncoordinated_partners', id('charlotteskolen-site')).id,
    );
  });

  it('suggests a link for the isolated pension investor that closes its isolated_actor gap', async () => {
    const response = await call(ctx.app, 'GET', `/maps/${mapId}/alliances?asOf=${AS_OF}&limit=100`);
    const pension = response.body.suggestions.filter(
      (s: { actorA: { id: string }; actorB: { id: string } }) =>
        [s.actorA.id, s.actorB.id].includes(id('pension')),
    );
    expect(pension.length).toBeGreaterThan(0);
    expect(pension[0].closes).toContain(theGap(body, 'isolated_actor', id('pension')).id);
  });

  it('shows the school site’s backing: proposed owners, political support via its plan, no resident voice', async () => {
    const response = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/backing/${id('charlotteskolen-site')}?asOf=${AS_OF}&lang=en`,
    );
    expect(response.status).toBe(200);
    const owners = response.body.claims.filter((c: { role: string }) => c.role === 'owner');
    expect(owners.map((c: { actor: { id: string } }) => c.actor.id).sort()).toEqual(
      ids('by-miljoe', 'isc'),
    );
    expect(owners.every((c: { status: string }) => c.status === 'proposed')).toBe(true);
    expect(response.body.flags.political.state).toBe('backed');
    expect(response.body.flags.resident.state).toBe('not_recorded');
    // Before the developer withdrew, its claim is still visible in a replay, marked withdrawn.
    const earlier = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/backing/${id('charlotteskolen-site')}?asOf=2025-01-01`,
    );
    const withdrawn = earlier.body.claims.find(
      (c: { actor: { id: string } }) => c.actor.id === id('naerheden'),
    );
    expect(withdrawn).toMatchObject({ status: 'withdrawn', backs: false });
  });

  it('marks the single points of failure as articulation points in the metrics', async () => {
    const response = await call(ctx.app, 'GET', `/maps/${mapId}/metrics?asOf=${AS_OF}`);
    expect(response.status).toBe(200);
    const cuts = new Set(
      response.body.actors
        .filter((a: { articulationPoint: boolean }) => a.articulationPoint)
        .map((a: { id: string }) => a.id),
    );
    for (const spof of subjects('single_point_of_failure')) expect(cuts.has(spof)).toBe(true);
    const isolated = response.body.actors
      .filter((a: { degree: number }) => a.degree === 0)
      .map((a: { id: string }) => a.id);
    expect(isolated.sort()).toEqual(subjects('isolated_actor'));
  });
});
