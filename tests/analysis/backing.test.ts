import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildCommitment,
  buildInitiative,
  buildPlan,
  buildStance,
} from '../helpers/factories.ts';
import { addDays, AS_OF } from './helpers.ts';

/** `GET /backing` and `/backing/:targetId`: who backs what, how solidly, and what is missing. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

async function backing(mapId: string, targetId: string, query = '') {
  const response = await call(
    ctx.app,
    'GET',
    `/maps/${mapId}/backing/${targetId}?asOf=${AS_OF}${query}`,
  );
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body;
}

const actor = (mapId: string, fields: Record<string, unknown>) =>
  buildActor(ctx.app, mapId, fields);

describe('GET /backing/:targetId', () => {
  it('lists every claim by sector with status, amount, validity, source and check date', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus', budget: 1_000 });
    const housing = await actor(mapId, { name: 'DFB', sector: 'housing' });
    const fund = await actor(mapId, { name: 'Realdania', sector: 'foundation' });
    const residents = await actor(mapId, { name: 'Afdelingsbestyrelsen', sector: 'residents' });
    await buildCommitment(ctx.app, mapId, {
      actorId: housing.id,
      initiativeId: work.id,
      role: 'owner',
      status: 'formalised',
      from: '2024-01-01',
      verifiedAt: '2026-01-15',
      source: { kind: 'public', url: 'https://example.org/kvarterhus' },
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: fund.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'agreed',
      amount: 300,
      fundingType: 'grant',
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: residents.id,
      initiativeId: work.id,
      role: 'contributor',
      source: { kind: 'illustrative', note: 'Plausible, not verified' },
    });
    const body = await backing(mapId, work.id, '&lang=en');
    expect(body.target).toMatchObject({
      type: 'initiative',
      id: work.id,
      title: 'Kvarterhus',
      budget: 1_000,
      live: true,
    });
    expect(body.bySector.map((group: { sector: string }) => group.sector)).toEqual([
      'housing',
      'residents',
      'foundation',
    ]);
    const owner = body.claims.find((c: { actor: { id: string } }) => c.actor.id === housing.id);
    expect(owner).toMatchObject({
      kind: 'commitment',
      role: 'owner',
      status: 'formalised',
      validity: { from: '2024-01-01', to: null },
      verifiedAt: '2026-01-15',
      source: { kind: 'public', url: 'https://example.org/kvarterhus' },
      illustrative: false,
      backs: true,
      via: null,
    });
    expect(owner.reliability).toBe('Public source; verified 2026-01-15');
    const illustrative = body.claims.find(
      (c: { actor: { id: string } }) => c.actor.id === residents.id,
    );
    expect(illustrative.illustrative).toBe(true);
    expect(illustrative.reliability).toMatch(/^Illustrative example – not verified/);
    const grant = body.claims.find((c: { actor: { id: string } }) => c.actor.id === fund.id);
    expect(grant).toMatchObject({ amount: 300, fundingType: 'grant', status: 'agreed' });
  });

  it('stacks funding by status against the budget', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId, { budget: 1_000 });
    const statuses = ['proposed', 'agreed', 'formalised'] as const;
    const amounts = { proposed: 200, agreed: 300, formalised: 100 };
    for (const status of statuses) {
      const funder = await actor(mapId, { sector: 'investor' });
      await buildCommitment(ctx.app, mapId, {
        actorId: funder.id,
        initiativeId: work.id,
        role: 'funder',
        status,
        amount: amounts[status],
      });
    }
    const gone = await actor(mapId, { sector: 'foundation' });
    await buildCommitment(ctx.app, mapId, {
      actorId: gone.id,
      initiativeId: work.id,
      role: 'funder',
      status: 'withdrawn',
      amount: 5_000,
      to: addDays(AS_OF, 20),
    });
    const body = await backing(mapId, work.id);
    expect(body.funding).toMatchObject({
      budget: 1_000,
      byStatus: { proposed: 200, agreed: 300, formalised: 100 },
      secured: 400,
      shortfall: 600,
      coverage: 0.4,
    });
    // The withdrawn grant is shown, marked, and counts for nothing.
    const withdrawn = body.claims.find((c: { actor: { id: string } }) => c.actor.id === gone.id);
    expect(withdrawn).toMatchObject({ status: 'withdrawn', backs: false });
    expect(body.flags.economic.state).toBe('backed');
  });

  it('tells "not recorded" from "none" for political, resident and economic backing', async () => {
    const mapId = await createMap(ctx.app);
    const silent = await buildInitiative(ctx.app, mapId, { budget: 100 });
    const refused = await buildInitiative(ctx.app, mapId, { budget: 100 });
    const backed = await buildInitiative(ctx.app, mapId, { budget: 100 });
    const council = await actor(mapId, { sector: 'political' });
    const board = await actor(mapId, { sector: 'residents' });
    const bank = await actor(mapId, { sector: 'investor' });
    await buildStance(ctx.app, mapId, {
      actorId: council.id,
      initiativeId: refused.id,
      position: 'neutral',
    });
    await buildStance(ctx.app, mapId, {
      actorId: board.id,
      initiativeId: refused.id,
      position: 'opposes',
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: bank.id,
      initiativeId: refused.id,
      role: 'funder',
      status: 'proposed',
      amount: 100,
    });
    await buildStance(ctx.app, mapId, {
      actorId: council.id,
      initiativeId: backed.id,
      position: 'champion',
    });
    await buildStance(ctx.app, mapId, {
      actorId: board.id,
      initiativeId: backed.id,
      position: 'supports',
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: bank.id,
      initiativeId: backed.id,
      role: 'funder',
      amount: 100,
    });
    const states = async (id: string) => {
      const { flags } = await backing(mapId, id);
      return [flags.political.state, flags.resident.state, flags.economic.state];
    };
    expect(await states(silent.id)).toEqual(['not_recorded', 'not_recorded', 'not_recorded']);
    expect(await states(refused.id)).toEqual(['none', 'none', 'none']);
    expect(await states(backed.id)).toEqual(['backed', 'backed', 'backed']);
    const { flags } = await backing(mapId, refused.id, '&lang=en');
    expect(flags).toMatchObject({
      missingPolitical: true,
      missingResident: true,
      missingEconomic: true,
    });
    expect(flags.political.text).toMatch(/^No political backing/);
    const silentFlags = (await backing(mapId, silent.id, '&lang=da')).flags;
    expect(silentFlags.political.text).toBe('Politisk opbakning ikke registreret');
  });

  it('counts political support on a parent plan, as the gap rule does, shown via the plan', async () => {
    const mapId = await createMap(ctx.app);
    const plan = await buildPlan(ctx.app, mapId, { title: 'Udviklingsplan' });
    const work = await buildInitiative(ctx.app, mapId, { planId: plan.id });
    const mayor = await actor(mapId, { sector: 'political' });
    await buildStance(ctx.app, mapId, { actorId: mayor.id, planId: plan.id, position: 'champion' });
    const body = await backing(mapId, work.id);
    expect(body.flags.political.state).toBe('backed');
    const inherited = body.claims.find((c: { actor: { id: string } }) => c.actor.id === mayor.id);
    expect(inherited.via).toMatchObject({ type: 'plan', id: plan.id, label: 'via Udviklingsplan' });
  });

  it('shows a plan’s own claims and, labelled "via", those of its initiatives and sub-plans', async () => {
    const mapId = await createMap(ctx.app);
    const plan = await buildPlan(ctx.app, mapId, { budget: 10_000 });
    const sub = await buildPlan(ctx.app, mapId, { parentId: plan.id });
    const direct = await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus', planId: plan.id });
    const nested = await buildInitiative(ctx.app, mapId, { title: 'Renovering', planId: sub.id });
    await buildInitiative(ctx.app, mapId, {
      title: 'Afsluttet',
      planId: plan.id,
      status: 'completed',
    });
    const [owner, funder, builder] = [
      await actor(mapId, { sector: 'municipal' }),
      await actor(mapId, { sector: 'foundation' }),
      await actor(mapId, { sector: 'business' }),
    ];
    await buildCommitment(ctx.app, mapId, { actorId: owner.id, planId: plan.id, role: 'owner' });
    await buildCommitment(ctx.app, mapId, {
      actorId: funder.id,
      initiativeId: direct.id,
      role: 'funder',
      amount: 700,
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: builder.id,
      initiativeId: nested.id,
      role: 'contributor',
    });
    const body = await backing(mapId, plan.id);
    const byActor = (id: string) =>
      body.claims.find((c: { actor: { id: string } }) => c.actor.id === id);
    expect(byActor(owner.id).via).toBeNull();
    expect(byActor(funder.id).via).toMatchObject({
      type: 'initiative',
      id: direct.id,
      label: 'via Kvarterhus',
    });
    expect(byActor(builder.id).via).toMatchObject({ id: nested.id, label: 'via Renovering' });
    // Own claims come first.
    expect(body.claims[0].actor.id).toBe(owner.id);
    expect(body.funding.byStatus).toEqual({ proposed: 0, agreed: 0, formalised: 0 });
    expect(body.funding.viaInitiatives).toEqual({ proposed: 0, agreed: 700, formalised: 0 });
  });

  it('looks at asOf: an ended claim is gone', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId);
    const x = await actor(mapId, { sector: 'business' });
    await buildCommitment(ctx.app, mapId, {
      actorId: x.id,
      initiativeId: work.id,
      to: addDays(AS_OF, -1),
    });
    expect((await backing(mapId, work.id)).claims).toEqual([]);
    const earlier = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/backing/${work.id}?asOf=${addDays(AS_OF, -1)}`,
    );
    expect(earlier.body.claims).toHaveLength(1);
  });

  it('answers 404 for an id that is no initiative or plan of the map', async () => {
    const mapId = await createMap(ctx.app);
    const x = await actor(mapId, { sector: 'business' });
    for (const id of [x.id, '01NOSUCHTARGET000000000000']) {
      const response = await call(ctx.app, 'GET', `/maps/${mapId}/backing/${id}`);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('not_found');
    }
  });
});

describe('GET /backing', () => {
  it('covers every live initiative and plan, plans first', async () => {
    const mapId = await createMap(ctx.app);
    const plan = await buildPlan(ctx.app, mapId);
    const live = await buildInitiative(ctx.app, mapId, { status: 'paused' });
    await buildInitiative(ctx.app, mapId, { status: 'completed' });
    await buildPlan(ctx.app, mapId, { status: 'cancelled' });
    const response = await call(ctx.app, 'GET', `/maps/${mapId}/backing?asOf=${AS_OF}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { target: { id: string } }) => item.target.id)).toEqual([
      plan.id,
      live.id,
    ]);
  });

  it('answers 400 for an unknown parameter', async () => {
    const mapId = await createMap(ctx.app);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/backing?sector=political`)).status).toBe(
      400,
    );
  });
});
