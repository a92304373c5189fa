import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildArea,
  buildCollaboration,
  buildCommitment,
  buildForum,
  buildGoal,
  buildInitiative,
  buildMembership,
  buildPlan,
  buildStance,
} from '../helpers/factories.ts';
import { addDays, AS_OF, gapsOf, getGaps, theGap } from './helpers.ts';

/**
 * Every gap rule of docs/gap-rules.md on small maps: one that triggers it and one that narrowly does
 * not. Each test builds its own map through the API, against the run's real Neo4j.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const app = () => ctx.app;
const actor = (mapId: string, fields: Record<string, unknown> = {}) =>
  buildActor(app(), mapId, fields);
const initiative = (mapId: string, fields: Record<string, unknown> = {}) =>
  buildInitiative(app(), mapId, fields);
const commit = (mapId: string, fields: Record<string, unknown>) =>
  buildCommitment(app(), mapId, fields);
const collaborate = (mapId: string, a: string, b: string, fields: Record<string, unknown> = {}) =>
  buildCollaboration(app(), mapId, { actorAId: a, actorBId: b, ...fields });

/** Two actors working together: a collaboration valid at AS_OF. */
const link = (mapId: string, a: string, b: string) => collaborate(mapId, a, b);

describe('unowned_initiative', () => {
  it('is high for an active initiative with no owner at all', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId, { status: 'active' });
    const gap = theGap(await getGaps(app(), mapId), 'unowned_initiative', work.id);
    expect(gap.severity).toBe('high');
    expect(gap.subject).toEqual({ type: 'initiative', id: work.id, name: work.title });
  });

  it('is medium with only a proposed owner, naming it, and medium for an idea', async () => {
    const mapId = await createMap(app());
    const planned = await initiative(mapId, { status: 'planned' });
    const idea = await initiative(mapId, { status: 'idea' });
    const proposer = await actor(mapId);
    await commit(mapId, { actorId: proposer.id, initiativeId: planned.id, status: 'proposed' });
    const body = await getGaps(app(), mapId);
    const gap = theGap(body, 'unowned_initiative', planned.id);
    expect(gap.severity).toBe('medium');
    expect(gap.related.map((r) => r.id)).toEqual([proposer.id]);
    expect(theGap(body, 'unowned_initiative', idea.id).severity).toBe('medium');
  });

  it('is absent with an agreed owner whose period starts or ends exactly on asOf', async () => {
    const mapId = await createMap(app());
    const first = await initiative(mapId);
    const second = await initiative(mapId);
    const owner = await actor(mapId);
    await commit(mapId, {
      actorId: owner.id,
      initiativeId: first.id,
      status: 'agreed',
      from: AS_OF,
    });
    await commit(mapId, {
      actorId: owner.id,
      initiativeId: second.id,
      status: 'formalised',
      to: AS_OF,
    });
    const body = await getGaps(app(), mapId);
    expect(gapsOf(body, 'unowned_initiative')).toEqual([]);
  });

  it('counts no withdrawn, expired or future owner', async () => {
    const mapId = await createMap(app());
    const withdrawn = await initiative(mapId);
    const expired = await initiative(mapId);
    const future = await initiative(mapId);
    const owner = await actor(mapId);
    await commit(mapId, {
      actorId: owner.id,
      initiativeId: withdrawn.id,
      status: 'withdrawn',
      to: addDays(AS_OF, 30),
    });
    await commit(mapId, { actorId: owner.id, initiativeId: expired.id, to: addDays(AS_OF, -1) });
    await commit(mapId, { actorId: owner.id, initiativeId: future.id, from: addDays(AS_OF, 1) });
    const body = await getGaps(app(), mapId);
    for (const work of [withdrawn, expired, future]) {
      expect(theGap(body, 'unowned_initiative', work.id).severity).toBe('high');
    }
    // The future owner counts once its period has begun.
    const later = await getGaps(app(), mapId, { asOf: addDays(AS_OF, 1) });
    expect(gapsOf(later, 'unowned_initiative', future.id)).toEqual([]);
  });

  it('ignores completed and cancelled initiatives', async () => {
    const mapId = await createMap(app());
    await initiative(mapId, { status: 'completed' });
    await initiative(mapId, { status: 'cancelled' });
    expect(gapsOf(await getGaps(app(), mapId), 'unowned_initiative')).toEqual([]);
  });
});

describe('contested_ownership', () => {
  it('flags two agreed owners that are not coordinated, listing the pair', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [a, b] = [await actor(mapId), await actor(mapId)];
    await commit(mapId, { actorId: a.id, initiativeId: work.id, status: 'agreed' });
    await commit(mapId, { actorId: b.id, initiativeId: work.id, status: 'formalised' });
    const gap = theGap(await getGaps(app(), mapId), 'contested_ownership', work.id);
    expect(gap.severity).toBe('medium');
    expect(gap.related.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(gap.details!.uncoordinatedPairs).toEqual([[a.id, b.id].sort()]);
  });

  it('is absent for joint owners who collaborate or share a forum', async () => {
    const mapId = await createMap(app());
    const [first, second] = [await initiative(mapId), await initiative(mapId)];
    const [a, b, c, d] = [
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
    ];
    await commit(mapId, { actorId: a.id, initiativeId: first.id });
    await commit(mapId, { actorId: b.id, initiativeId: first.id });
    await link(mapId, a.id, b.id);
    await commit(mapId, { actorId: c.id, initiativeId: second.id });
    await commit(mapId, { actorId: d.id, initiativeId: second.id });
    const forum = await buildForum(app(), mapId);
    await buildMembership(app(), mapId, { actorId: c.id, forumId: forum.id });
    await buildMembership(app(), mapId, { actorId: d.id, forumId: forum.id });
    expect(gapsOf(await getGaps(app(), mapId), 'contested_ownership')).toEqual([]);
  });

  it('does not count a tension, an expired collaboration or PART_OF as coordination', async () => {
    const mapId = await createMap(app());
    const parent = await actor(mapId);
    const works = [await initiative(mapId), await initiative(mapId), await initiative(mapId)];
    const pairs = [];
    for (const work of works) {
      const a = await actor(mapId, { parentId: parent.id });
      const b = await actor(mapId, { parentId: parent.id });
      await commit(mapId, { actorId: a.id, initiativeId: work.id });
      await commit(mapId, { actorId: b.id, initiativeId: work.id });
      pairs.push([a.id, b.id]);
    }
    await collaborate(mapId, pairs[0]![0]!, pairs[0]![1]!, { kind: 'tension' });
    await collaborate(mapId, pairs[1]![0]!, pairs[1]![1]!, { to: addDays(AS_OF, -1) });
    const body = await getGaps(app(), mapId);
    for (const work of works) expect(gapsOf(body, 'contested_ownership', work.id)).toHaveLength(1);
  });

  it('needs two agreed or formalised owners: a proposed second owner is not contested', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [a, b] = [await actor(mapId), await actor(mapId)];
    await commit(mapId, { actorId: a.id, initiativeId: work.id, status: 'agreed' });
    await commit(mapId, { actorId: b.id, initiativeId: work.id, status: 'proposed' });
    expect(gapsOf(await getGaps(app(), mapId), 'contested_ownership')).toEqual([]);
  });
});

describe('unfunded_initiative', () => {
  it('is medium with partial funding and states the shortfall', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId, { budget: 1_000_000 });
    const [funder, prospect] = [await actor(mapId), await actor(mapId)];
    await commit(mapId, {
      actorId: funder.id,
      initiativeId: work.id,
      role: 'funder',
      amount: 400_000,
    });
    await commit(mapId, {
      actorId: prospect.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'proposed',
      amount: 600_000,
    });
    const body = await getGaps(app(), mapId, { lang: 'en' });
    const gap = theGap(body, 'unfunded_initiative', work.id);
    expect(gap.severity).toBe('medium');
    expect(gap.details).toMatchObject({
      budget: 1_000_000,
      funded: 400_000,
      shortfall: 600_000,
      proposed: 600_000,
    });
    expect(gap.message).toContain('DKK 600,000');
    const danish = await getGaps(app(), mapId, { lang: 'da' });
    expect(theGap(danish, 'unfunded_initiative', work.id).message).toContain('600.000 kr.');
  });

  it('is high when no agreed or formalised funding exists at all', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId, { budget: 500 });
    const funder = await actor(mapId);
    await commit(mapId, {
      actorId: funder.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'proposed',
      amount: 500,
    });
    expect(theGap(await getGaps(app(), mapId), 'unfunded_initiative', work.id).severity).toBe(
      'high',
    );
  });

  it('is absent when agreed and formalised funding together meet the budget, or there is no budget', async () => {
    const mapId = await createMap(app());
    const funded = await initiative(mapId, { budget: 1_000 });
    await initiative(mapId);
    await initiative(mapId, { budget: 0 });
    const [a, b] = [await actor(mapId), await actor(mapId)];
    await commit(mapId, {
      actorId: a.id,
      initiativeId: funded.id,
      role: 'funder',
      status: 'agreed',
      amount: 600,
    });
    await commit(mapId, {
      actorId: b.id,
      initiativeId: funded.id,
      role: 'funder',
      status: 'formalised',
      amount: 400,
    });
    expect(gapsOf(await getGaps(app(), mapId), 'unfunded_initiative')).toEqual([]);
  });

  it('does not count a withdrawn grant', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId, { budget: 1_000 });
    const funder = await actor(mapId);
    await commit(mapId, {
      actorId: funder.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'withdrawn',
      amount: 1_000,
      to: addDays(AS_OF, 10),
    });
    expect(theGap(await getGaps(app(), mapId), 'unfunded_initiative', work.id).severity).toBe(
      'high',
    );
  });
});

describe('unanchored_plan', () => {
  it('flags a live plan without an agreed or formalised owner', async () => {
    const mapId = await createMap(app());
    const plan = await buildPlan(app(), mapId);
    const proposer = await actor(mapId);
    await commit(mapId, { actorId: proposer.id, planId: plan.id, status: 'proposed' });
    const gap = theGap(await getGaps(app(), mapId), 'unanchored_plan', plan.id);
    expect(gap.severity).toBe('high');
    expect(gap.subject.type).toBe('plan');
    expect(gap.related.map((r) => r.id)).toEqual([proposer.id]);
  });

  it('is absent for an owned plan and for a cancelled one', async () => {
    const mapId = await createMap(app());
    const owned = await buildPlan(app(), mapId);
    await buildPlan(app(), mapId, { status: 'cancelled' });
    const owner = await actor(mapId);
    await commit(mapId, { actorId: owner.id, planId: owned.id, status: 'formalised' });
    expect(gapsOf(await getGaps(app(), mapId), 'unanchored_plan')).toEqual([]);
  });
});

describe('goal_without_initiative', () => {
  it('flags a goal advanced only by completed or cancelled initiatives', async () => {
    const mapId = await createMap(app());
    const goal = await buildGoal(app(), mapId);
    const done = await initiative(mapId, { status: 'completed', goalIds: [goal.id] });
    await initiative(mapId, { status: 'cancelled', goalIds: [goal.id] });
    const gap = theGap(await getGaps(app(), mapId), 'goal_without_initiative', goal.id);
    expect(gap.severity).toBe('medium');
    expect(gap.related.map((r) => r.id)).toContain(done.id);
  });

  it('is absent once an idea advances it (an idea is live)', async () => {
    const mapId = await createMap(app());
    const goal = await buildGoal(app(), mapId);
    await initiative(mapId, { status: 'idea', goalIds: [goal.id] });
    expect(gapsOf(await getGaps(app(), mapId), 'goal_without_initiative')).toEqual([]);
  });
});

describe('uncoordinated_partners', () => {
  it('is high when over half the partner pairs are uncoordinated', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [a, b, c] = [await actor(mapId), await actor(mapId), await actor(mapId)];
    await commit(mapId, { actorId: a.id, initiativeId: work.id, role: 'owner' });
    await commit(mapId, {
      actorId: b.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'proposed',
    });
    await commit(mapId, { actorId: c.id, initiativeId: work.id, role: 'contributor' });
    await link(mapId, a.id, b.id);
    const gap = theGap(await getGaps(app(), mapId), 'uncoordinated_partners', work.id);
    expect(gap.severity).toBe('high');
    expect(gap.details).toMatchObject({ totalPairs: 3 });
    expect(gap.details!.uncoordinatedPairs).toHaveLength(2);
  });

  it('is medium when at most half are uncoordinated', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [a, b, c] = [await actor(mapId), await actor(mapId), await actor(mapId)];
    for (const x of [a, b, c])
      await commit(mapId, { actorId: x.id, initiativeId: work.id, role: 'contributor' });
    await link(mapId, a.id, b.id);
    await link(mapId, b.id, c.id);
    const gap = theGap(await getGaps(app(), mapId), 'uncoordinated_partners', work.id);
    expect(gap.severity).toBe('medium');
    expect(gap.details!.uncoordinatedPairs).toEqual([[a.id, c.id].sort()]);
  });

  it('leaves endorsers and withdrawn partners out', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [owner, endorser, gone] = [await actor(mapId), await actor(mapId), await actor(mapId)];
    await commit(mapId, { actorId: owner.id, initiativeId: work.id, role: 'owner' });
    await commit(mapId, { actorId: endorser.id, initiativeId: work.id, role: 'endorser' });
    await commit(mapId, {
      actorId: gone.id,
      initiativeId: work.id,
      role: 'contributor',
      status: 'withdrawn',
      to: addDays(AS_OF, 5),
    });
    expect(gapsOf(await getGaps(app(), mapId), 'uncoordinated_partners')).toEqual([]);
  });

  it('is absent when a forum brings every partner together', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const forum = await buildForum(app(), mapId);
    for (let i = 0; i < 3; i++) {
      const x = await actor(mapId);
      await commit(mapId, { actorId: x.id, initiativeId: work.id, role: 'contributor' });
      await buildMembership(app(), mapId, { actorId: x.id, forumId: forum.id });
    }
    expect(gapsOf(await getGaps(app(), mapId), 'uncoordinated_partners')).toEqual([]);
  });

  it('reappears when the forum membership has ended by asOf', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const forum = await buildForum(app(), mapId);
    const [a, b] = [await actor(mapId), await actor(mapId)];
    for (const x of [a, b])
      await commit(mapId, { actorId: x.id, initiativeId: work.id, role: 'contributor' });
    await buildMembership(app(), mapId, { actorId: a.id, forumId: forum.id });
    await buildMembership(app(), mapId, {
      actorId: b.id,
      forumId: forum.id,
      to: addDays(AS_OF, -1),
    });
    expect(gapsOf(await getGaps(app(), mapId), 'uncoordinated_partners', work.id)).toHaveLength(1);
    expect(
      gapsOf(await getGaps(app(), mapId, { asOf: addDays(AS_OF, -1) }), 'uncoordinated_partners'),
    ).toEqual([]);
  });
});

describe('dependency_without_alliance', () => {
  it('flags a dependency whose owners do not work together, one gap per dependency', async () => {
    const mapId = await createMap(app());
    const needed = await initiative(mapId);
    const other = await initiative(mapId);
    const dependent = await initiative(mapId, { dependsOn: [needed.id, other.id] });
    const [x, y, z] = [await actor(mapId), await actor(mapId), await actor(mapId)];
    await commit(mapId, { actorId: x.id, initiativeId: dependent.id });
    await commit(mapId, { actorId: y.id, initiativeId: needed.id });
    await commit(mapId, { actorId: z.id, initiativeId: other.id });
    const body = await getGaps(app(), mapId);
    const gaps = gapsOf(body, 'dependency_without_alliance', dependent.id);
    expect(gaps).toHaveLength(2);
    const gap = gaps.find((g) => g.related[0]!.id === needed.id)!;
    expect(gap.severity).toBe('high');
    expect(gap.related.map((r) => r.id)).toEqual([needed.id, ...[x.id, y.id].sort()]);
    expect(new Set(gaps.map((g) => g.id)).size).toBe(2);
  });

  it('is absent when the owners collaborate, are the same actor, or the dependency is completed', async () => {
    const mapId = await createMap(app());
    const [x, y] = [await actor(mapId), await actor(mapId)];
    const linked = await initiative(mapId);
    const sameOwner = await initiative(mapId);
    const done = await initiative(mapId, { status: 'completed' });
    const dependent = await initiative(mapId, { dependsOn: [linked.id, sameOwner.id, done.id] });
    await commit(mapId, { actorId: x.id, initiativeId: dependent.id });
    await commit(mapId, { actorId: y.id, initiativeId: linked.id });
    await commit(mapId, { actorId: x.id, initiativeId: sameOwner.id });
    await commit(mapId, { actorId: y.id, initiativeId: done.id });
    await link(mapId, x.id, y.id);
    await collaborate(mapId, x.id, y.id, { kind: 'tension' });
    expect(gapsOf(await getGaps(app(), mapId), 'dependency_without_alliance')).toEqual([]);
  });
});

describe('blocked_dependency', () => {
  it('flags live work that depends on paused or cancelled work', async () => {
    const mapId = await createMap(app());
    const paused = await initiative(mapId, { status: 'paused' });
    const cancelled = await initiative(mapId, { status: 'cancelled' });
    const dependent = await initiative(mapId, { dependsOn: [paused.id, cancelled.id] });
    const body = await getGaps(app(), mapId);
    const gaps = gapsOf(body, 'blocked_dependency', dependent.id);
    expect(gaps.map((g) => g.related[0]!.id).sort()).toEqual([paused.id, cancelled.id].sort());
    expect(gaps.every((g) => g.severity === 'high')).toBe(true);
  });

  it('is absent when the dependency is active or the dependent work is completed', async () => {
    const mapId = await createMap(app());
    const active = await initiative(mapId, { status: 'active' });
    const paused = await initiative(mapId, { status: 'paused' });
    await initiative(mapId, { dependsOn: [active.id] });
    await initiative(mapId, { status: 'completed', dependsOn: [paused.id] });
    expect(gapsOf(await getGaps(app(), mapId), 'blocked_dependency')).toEqual([]);
  });
});

describe('missing_resident_voice', () => {
  it('flags located work that no resident body of that area backs or comments on', async () => {
    const mapId = await createMap(app());
    const area = await buildArea(app(), mapId);
    const otherArea = await buildArea(app(), mapId);
    const board = await actor(mapId, { sector: 'residents', areaIds: [area.id] });
    const elsewhere = await actor(mapId, { sector: 'residents', areaIds: [otherArea.id] });
    const work = await initiative(mapId, { areaIds: [area.id] });
    const plan = await buildPlan(app(), mapId, { areaIds: [area.id] });
    await buildStance(app(), mapId, { actorId: elsewhere.id, initiativeId: work.id });
    const body = await getGaps(app(), mapId);
    const gap = theGap(body, 'missing_resident_voice', work.id);
    expect(gap.severity).toBe('high');
    expect(gap.related.map((r) => r.id)).toEqual([area.id, board.id]);
    expect(theGap(body, 'missing_resident_voice', plan.id).subject.type).toBe('plan');
  });

  it('counts any valid stance as a voice, an opposing one too, and a commitment', async () => {
    const mapId = await createMap(app());
    const area = await buildArea(app(), mapId);
    const board = await actor(mapId, { sector: 'residents', areaIds: [area.id] });
    const opposed = await initiative(mapId, { areaIds: [area.id] });
    const committed = await initiative(mapId, { areaIds: [area.id] });
    await buildStance(app(), mapId, {
      actorId: board.id,
      initiativeId: opposed.id,
      position: 'opposes',
    });
    await commit(mapId, { actorId: board.id, initiativeId: committed.id, role: 'endorser' });
    expect(gapsOf(await getGaps(app(), mapId), 'missing_resident_voice')).toEqual([]);
  });

  it('does not count an expired stance, and ignores work with no area', async () => {
    const mapId = await createMap(app());
    const area = await buildArea(app(), mapId);
    const board = await actor(mapId, { sector: 'residents', areaIds: [area.id] });
    const work = await initiative(mapId, { areaIds: [area.id] });
    await initiative(mapId);
    await buildStance(app(), mapId, {
      actorId: board.id,
      initiativeId: work.id,
      to: addDays(AS_OF, -1),
    });
    const body = await getGaps(app(), mapId);
    expect(gapsOf(body, 'missing_resident_voice').map((g) => g.subject.id)).toEqual([work.id]);
  });
});

describe('missing_political_backing', () => {
  it('flags live work without political commitment or support, naming neutral stances', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const council = await actor(mapId, { sector: 'political' });
    await buildStance(app(), mapId, {
      actorId: council.id,
      initiativeId: work.id,
      position: 'neutral',
    });
    const gap = theGap(
      await getGaps(app(), mapId, { lang: 'en' }),
      'missing_political_backing',
      work.id,
    );
    expect(gap.severity).toBe('medium');
    expect(gap.explanation).toContain('neutral');
  });

  it('accepts support on a grandparent plan, and a political endorser commitment', async () => {
    const mapId = await createMap(app());
    const top = await buildPlan(app(), mapId);
    const middle = await buildPlan(app(), mapId, { parentId: top.id });
    await initiative(mapId, { planId: middle.id });
    const endorsed = await initiative(mapId);
    const council = await actor(mapId, { sector: 'political' });
    await buildStance(app(), mapId, { actorId: council.id, planId: top.id, position: 'champion' });
    await commit(mapId, { actorId: council.id, initiativeId: endorsed.id, role: 'endorser' });
    expect(gapsOf(await getGaps(app(), mapId), 'missing_political_backing')).toEqual([]);
  });

  it('does not accept support from a non-political actor or a future stance', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const department = await actor(mapId, { sector: 'municipal' });
    const council = await actor(mapId, { sector: 'political' });
    await buildStance(app(), mapId, {
      actorId: department.id,
      initiativeId: work.id,
      position: 'champion',
    });
    await buildStance(app(), mapId, {
      actorId: council.id,
      initiativeId: work.id,
      from: addDays(AS_OF, 1),
    });
    expect(gapsOf(await getGaps(app(), mapId), 'missing_political_backing', work.id)).toHaveLength(
      1,
    );
  });
});

describe('powerful_opposition', () => {
  it('flags an influential sceptic, one gap per opposing actor', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [sceptic, opponent] = [
      await actor(mapId, { influence: 4 }),
      await actor(mapId, { influence: 5 }),
    ];
    await buildStance(app(), mapId, {
      actorId: sceptic.id,
      initiativeId: work.id,
      position: 'sceptical',
    });
    await buildStance(app(), mapId, {
      actorId: opponent.id,
      initiativeId: work.id,
      position: 'opposes',
    });
    const gaps = gapsOf(await getGaps(app(), mapId), 'powerful_opposition', work.id);
    expect(gaps.map((g) => g.related[0]!.id).sort()).toEqual([sceptic.id, opponent.id].sort());
    expect(gaps.every((g) => g.severity === 'medium')).toBe(true);
  });

  it('is absent below influence 4, for support, and on completed work', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const done = await initiative(mapId, { status: 'completed' });
    const weak = await actor(mapId, { influence: 3 });
    const strong = await actor(mapId, { influence: 5 });
    await buildStance(app(), mapId, {
      actorId: weak.id,
      initiativeId: work.id,
      position: 'opposes',
    });
    await buildStance(app(), mapId, {
      actorId: strong.id,
      initiativeId: work.id,
      position: 'supports',
    });
    await buildStance(app(), mapId, {
      actorId: strong.id,
      initiativeId: done.id,
      position: 'opposes',
    });
    expect(gapsOf(await getGaps(app(), mapId), 'powerful_opposition')).toEqual([]);
  });
});

describe('isolated_actor', () => {
  it('is medium for a committed actor with no links and low for one without commitments', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const committed = await actor(mapId);
    const idle = await actor(mapId);
    await commit(mapId, { actorId: committed.id, initiativeId: work.id, role: 'contributor' });
    const body = await getGaps(app(), mapId);
    expect(theGap(body, 'isolated_actor', committed.id).severity).toBe('medium');
    expect(theGap(body, 'isolated_actor', idle.id).severity).toBe('low');
  });

  it('counts tension, PART_OF and a forum of one as no link at all', async () => {
    const mapId = await createMap(app());
    const [parent, child, rival, lonely] = [
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
    ];
    const patched = await call(app(), 'PATCH', `/maps/${mapId}/actors/${child.id}`, {
      parentId: parent.id,
    });
    expect(patched.status).toBe(200);
    await collaborate(mapId, parent.id, rival.id, { kind: 'tension' });
    const forum = await buildForum(app(), mapId);
    await buildMembership(app(), mapId, { actorId: lonely.id, forumId: forum.id });
    const body = await getGaps(app(), mapId);
    for (const x of [parent, child, rival, lonely])
      expect(gapsOf(body, 'isolated_actor', x.id)).toHaveLength(1);
  });

  it('is absent for actors linked by collaboration or forum', async () => {
    const mapId = await createMap(app());
    const [a, b, c, d] = [
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
    ];
    await collaborate(mapId, a.id, b.id, { kind: 'informal' });
    const forum = await buildForum(app(), mapId);
    await buildMembership(app(), mapId, { actorId: c.id, forumId: forum.id });
    await buildMembership(app(), mapId, { actorId: d.id, forumId: forum.id });
    expect(gapsOf(await getGaps(app(), mapId), 'isolated_actor')).toEqual([]);
  });
});

describe('single_point_of_failure', () => {
  it('flags a hub whose removal leaves two or more actors outside the largest piece', async () => {
    const mapId = await createMap(app());
    const hub = await actor(mapId);
    const leaves = [await actor(mapId), await actor(mapId), await actor(mapId)];
    for (const leaf of leaves) await link(mapId, hub.id, leaf.id);
    const gap = theGap(await getGaps(app(), mapId), 'single_point_of_failure', hub.id);
    expect(gap.severity).toBe('medium');
    expect(gap.details).toMatchObject({ cutOff: 2, pieces: [1, 1, 1] });
    expect(gap.related).toHaveLength(2);
    for (const leaf of leaves)
      expect(gapsOf(await getGaps(app(), mapId), 'single_point_of_failure', leaf.id)).toEqual([]);
  });

  it('is absent when only one actor would be cut off', async () => {
    const mapId = await createMap(app());
    const [a, b, c] = [await actor(mapId), await actor(mapId), await actor(mapId)];
    await link(mapId, a.id, b.id);
    await link(mapId, b.id, c.id);
    expect(gapsOf(await getGaps(app(), mapId), 'single_point_of_failure')).toEqual([]);
  });

  it('sees a forum as linking all its members, so a forum member is no cut', async () => {
    const mapId = await createMap(app());
    const [a, b, c, d] = [
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
      await actor(mapId),
    ];
    const forum = await buildForum(app(), mapId);
    for (const x of [a, b, c])
      await buildMembership(app(), mapId, { actorId: x.id, forumId: forum.id });
    // d hangs on a alone; b and c reach each other through the forum without a.
    await link(mapId, a.id, d.id);
    expect(gapsOf(await getGaps(app(), mapId), 'single_point_of_failure')).toEqual([]);
    const e = await actor(mapId);
    await link(mapId, a.id, e.id);
    // Now a carries d and e: two actors outside the largest piece (b, c).
    expect(
      theGap(await getGaps(app(), mapId), 'single_point_of_failure', a.id).details,
    ).toMatchObject({ cutOff: 2 });
  });
});

describe('expiring_commitment', () => {
  it('flags a commitment ending within the horizon while its target runs on', async () => {
    const mapId = await createMap(app());
    const open = await initiative(mapId);
    const longer = await initiative(mapId, { endDate: addDays(AS_OF, 400) });
    const x = await actor(mapId);
    const first = await commit(mapId, {
      actorId: x.id,
      initiativeId: open.id,
      role: 'funder',
      to: addDays(AS_OF, 100),
    });
    const second = await commit(mapId, {
      actorId: x.id,
      initiativeId: longer.id,
      to: addDays(AS_OF, 365),
    });
    const body = await getGaps(app(), mapId);
    const gap = theGap(body, 'expiring_commitment', first.id);
    expect(gap.subject.type).toBe('commitment');
    expect(gap.related.map((r) => r.id)).toEqual([x.id, open.id]);
    expect(gap.severity).toBe('medium');
    expect(gapsOf(body, 'expiring_commitment', second.id)).toHaveLength(1);
  });

  it('is absent beyond the horizon, when the target ends first, and honours the map setting', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const ending = await initiative(mapId, { endDate: addDays(AS_OF, 50) });
    const x = await actor(mapId);
    await commit(mapId, { actorId: x.id, initiativeId: work.id, to: addDays(AS_OF, 366) });
    await commit(mapId, { actorId: x.id, initiativeId: ending.id, to: addDays(AS_OF, 50) });
    const soon = await commit(mapId, {
      actorId: x.id,
      initiativeId: work.id,
      role: 'funder',
      to: addDays(AS_OF, 100),
    });
    expect(
      gapsOf(await getGaps(app(), mapId), 'expiring_commitment').map((g) => g.subject.id),
    ).toEqual([soon.id]);
    await call(app(), 'PATCH', `/maps/${mapId}`, { settings: { expiryHorizonDays: 30 } });
    expect(gapsOf(await getGaps(app(), mapId), 'expiring_commitment')).toEqual([]);
  });
});

describe('stale_fact', () => {
  it('flags facts verified more than staleAfterDays before asOf, of every fact type', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const [a, b] = [await actor(mapId), await actor(mapId)];
    const forum = await buildForum(app(), mapId);
    const old = addDays(AS_OF, -366);
    const facts = [
      await commit(mapId, { actorId: a.id, initiativeId: work.id, verifiedAt: old }),
      await collaborate(mapId, a.id, b.id, { verifiedAt: old }),
      await buildMembership(app(), mapId, { actorId: a.id, forumId: forum.id, verifiedAt: old }),
      await buildStance(app(), mapId, { actorId: b.id, initiativeId: work.id, verifiedAt: old }),
    ];
    const body = await getGaps(app(), mapId);
    const stale = gapsOf(body, 'stale_fact');
    expect(stale.map((g) => g.subject.id).sort()).toEqual(facts.map((f) => f.id).sort());
    expect(stale.map((g) => g.subject.type).sort()).toEqual([
      'collaboration',
      'commitment',
      'membership',
      'stance',
    ]);
    expect(stale.every((g) => g.severity === 'low')).toBe(true);
  });

  it('is absent within the window, for withdrawn commitments, and with a longer map setting', async () => {
    const mapId = await createMap(app());
    const work = await initiative(mapId);
    const x = await actor(mapId);
    await commit(mapId, { actorId: x.id, initiativeId: work.id, verifiedAt: addDays(AS_OF, -365) });
    await commit(mapId, {
      actorId: x.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'withdrawn',
      to: addDays(AS_OF, 10),
      verifiedAt: addDays(AS_OF, -900),
    });
    const older = await commit(mapId, {
      actorId: x.id,
      initiativeId: work.id,
      role: 'contributor',
      verifiedAt: addDays(AS_OF, -500),
    });
    expect(gapsOf(await getGaps(app(), mapId), 'stale_fact').map((g) => g.subject.id)).toEqual([
      older.id,
    ]);
    await call(app(), 'PATCH', `/maps/${mapId}`, { settings: { staleAfterDays: 600 } });
    expect(gapsOf(await getGaps(app(), mapId), 'stale_fact')).toEqual([]);
  });

  it('falls back to the last change when a fact was never verified', async () => {
    const mapId = await createMap(app());
    const [a, b] = [await actor(mapId), await actor(mapId)];
    const fresh = await collaborate(mapId, a.id, b.id);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      gapsOf(await getGaps(app(), mapId, { asOf: addDays(today, 365) }), 'stale_fact'),
    ).toEqual([]);
    const later = await getGaps(app(), mapId, { asOf: addDays(today, 367) });
    expect(gapsOf(later, 'stale_fact').map((g) => g.subject.id)).toEqual([fresh.id]);
  });
});

describe('live at a date: within its own period and the planning lead time', () => {
  /** Work with two partners who do not work together and no owner: two rules, two engines. */
  async function work(mapId: string, fields: Record<string, unknown>) {
    const target = await initiative(mapId, { status: 'planned', ...fields });
    for (let i = 0; i < 2; i++) {
      const partner = await actor(mapId);
      await commit(mapId, { actorId: partner.id, initiativeId: target.id, role: 'contributor' });
    }
    return target.id as string;
  }
  /** Which of `ids` have gaps of the Cypher rule and of the in-memory rule. */
  const flagged = (body: Awaited<ReturnType<typeof getGaps>>, ids: string[]) =>
    ids.map((id) => [
      gapsOf(body, 'unowned_initiative', id).length,
      gapsOf(body, 'uncoordinated_partners', id).length,
    ]);

  it('starts 365 days before the start date and ends on the end date, in Cypher and in memory', async () => {
    const mapId = await createMap(app());
    const ids = [
      await work(mapId, { startDate: addDays(AS_OF, 366) }),
      await work(mapId, { startDate: addDays(AS_OF, 365) }),
      await work(mapId, { endDate: addDays(AS_OF, -1) }),
      await work(mapId, { endDate: AS_OF }),
    ];
    expect(flagged(await getGaps(app(), mapId), ids)).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
    // A day later the first is within the lead time and the last has ended.
    expect(flagged(await getGaps(app(), mapId, { asOf: addDays(AS_OF, 1) }), ids)).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
      [0, 0],
    ]);
  });

  it('follows the map’s planning lead time', async () => {
    const mapId = await createMap(app());
    const ids = [
      await work(mapId, { startDate: addDays(AS_OF, 31) }),
      await work(mapId, { startDate: addDays(AS_OF, 30) }),
      await work(mapId, { startDate: addDays(AS_OF, 200) }),
    ];
    expect(flagged(await getGaps(app(), mapId), ids)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    // The setting is read as `planningLeadDays` on the map; a write raises the revision with it.
    await ctx.db.write((tx) =>
      tx.run(
        'MATCH (m:Map {id: $mapId}) SET m.planningLeadDays = 30, m.revision = coalesce(m.revision, 0) + 1',
        { mapId },
      ),
    );
    expect(flagged(await getGaps(app(), mapId), ids)).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
    ]);
  });

  it('applies to plans, goals, isolation and backing alike', async () => {
    const mapId = await createMap(app());
    const later = await buildPlan(app(), mapId, { startDate: addDays(AS_OF, 400) });
    const now = await buildPlan(app(), mapId, { startDate: addDays(AS_OF, 100) });
    const goal = await buildGoal(app(), mapId);
    const future = await initiative(mapId, {
      startDate: addDays(AS_OF, 400),
      goalIds: [goal.id],
    });
    const loner = await actor(mapId);
    await commit(mapId, { actorId: loner.id, initiativeId: future.id });
    const body = await getGaps(app(), mapId);
    expect(gapsOf(body, 'unanchored_plan').map((g) => g.subject.id)).toEqual([now.id]);
    const soon = await getGaps(app(), mapId, { asOf: addDays(AS_OF, 35) });
    expect(
      gapsOf(soon, 'unanchored_plan')
        .map((g) => g.subject.id)
        .sort(),
    ).toEqual([later.id, now.id].sort());
    const goalGap = theGap(body, 'goal_without_initiative', goal.id);
    expect(goalGap.related.map((r) => r.id)).toEqual([future.id]);
    // Committed only to work that is not live yet: isolated, but nothing at stake yet.
    expect(theGap(body, 'isolated_actor', loner.id).severity).toBe('low');
    const backing = await call(app(), 'GET', `/maps/${mapId}/backing?asOf=${AS_OF}`);
    expect(backing.body.items.map((item: { target: { id: string } }) => item.target.id)).toEqual([
      now.id,
    ]);
    const one = await call(app(), 'GET', `/maps/${mapId}/backing/${future.id}?asOf=${AS_OF}`);
    expect(one.body.target.live).toBe(false);
    const inTime = await call(
      app(),
      'GET',
      `/maps/${mapId}/backing/${future.id}?asOf=${addDays(AS_OF, 35)}`,
    );
    expect(inTime.body.target.live).toBe(true);
  });
});
