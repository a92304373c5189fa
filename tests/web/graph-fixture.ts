import { randomUUID } from 'node:crypto';
import type { MapBundle } from '../../graph-schema/index.ts';
import { BundleRepository } from '../../api/src/repositories/bundle-repository.ts';
import { systemWrite } from '../../api/src/repositories/map-write.ts';
import type { GraphData } from '../../web/src/lib/types.ts';
import { buildTestApp, call, grantRole } from '../helpers/app.ts';

/**
 * A small map with readable ids (`kommune`, `kvarterhus`, `c1`), written to the real database
 * and read back through the real `GET /graph`, so the web tests see exactly what the presenter
 * answers. Ids carry a suffix in the database (so the fixture can be loaded more than once into
 * one Neo4j) that is taken off again in the answer.
 */
function fixtureBundle(tag: string): MapBundle {
  const id = (name: string) => `${name}-${tag}`;
  const ids = (...names: string[]) => names.map(id);
  const actor = (name: string, label: string, sector: string, extra: object) => ({
    id: id(name),
    name: label,
    sector: sector as 'municipal',
    ...extra,
  });
  return {
    map: { id: id('map'), name: 'Fixture' },
    areas: [
      { id: id('tg'), name: 'Taastrupgaard' },
      { id: id('gh'), name: 'Gadehavegård' },
    ],
    goals: [{ id: id('g-liv'), title: 'Lokalt liv' }],
    plans: [
      { id: id('p-strat'), title: 'Strategisk plan', status: 'active', areaIds: ids('tg', 'gh') },
      {
        id: id('p-gh'),
        title: 'Gadehavegård-plan',
        status: 'active',
        parentId: id('p-strat'),
        areaIds: ids('gh'),
      },
    ],
    initiatives: [
      {
        id: id('kvarterhus'),
        title: 'Kvarterhus',
        status: 'planned',
        planId: id('p-gh'),
        areaIds: ids('gh'),
        goalIds: ids('g-liv'),
      },
      {
        id: id('renovering'),
        title: 'Renovering',
        status: 'active',
        areaIds: ids('tg'),
        dependsOn: ids('kvarterhus'),
      },
      { id: id('gammel'), title: 'Råderum', status: 'completed' },
    ],
    actors: [
      actor('kommune', 'Kommune', 'municipal', { influence: 5, interest: 4, areaIds: ids('tg') }),
      actor('akb', 'AKB', 'housing', { influence: 4, interest: 5, areaIds: ids('tg') }),
      actor('beboere', 'Afdelingsbestyrelse', 'residents', {
        influence: 2,
        interest: 5,
        areaIds: ids('gh'),
      }),
      actor('fond', 'Realdania', 'foundation', { interest: 3 }),
      actor('skole', 'Skole', 'education', { influence: 1, interest: 2 }),
    ],
    forums: [{ id: id('styregruppe'), name: 'Styregruppe', kind: 'steering_group' }],
    commitments: [
      {
        id: id('c1'),
        actorId: id('kommune'),
        initiativeId: id('kvarterhus'),
        role: 'owner',
        status: 'agreed',
      },
      {
        id: id('c2'),
        actorId: id('fond'),
        initiativeId: id('kvarterhus'),
        role: 'funder',
        status: 'proposed',
        amount: 15_000_000,
      },
      {
        id: id('c3'),
        actorId: id('akb'),
        initiativeId: id('renovering'),
        role: 'owner',
        status: 'formalised',
      },
      {
        id: id('c4'),
        actorId: id('skole'),
        initiativeId: id('gammel'),
        role: 'contributor',
        status: 'withdrawn',
        to: '2020-06-30',
      },
    ],
    collaborations: [
      { id: id('k1'), actorAId: id('kommune'), actorBId: id('akb'), kind: 'partnership' },
      { id: id('k2'), actorAId: id('beboere'), actorBId: id('akb'), kind: 'tension' },
    ],
    memberships: [
      { id: id('m1'), actorId: id('kommune'), forumId: id('styregruppe'), role: 'chair' },
      { id: id('m2'), actorId: id('beboere'), forumId: id('styregruppe'), role: 'member' },
    ],
    stances: [{ id: id('s1'), actorId: id('beboere'), planId: id('p-gh'), position: 'sceptical' }],
  };
}

/** Writes the fixture map and answers its `GET /graph`, with the readable ids. */
export async function loadGraphFixture(): Promise<GraphData> {
  const tag = randomUUID().slice(0, 8);
  const ctx = await buildTestApp();
  try {
    await new BundleRepository(ctx.db).import(fixtureBundle(tag), systemWrite());
    await grantRole(ctx.app, `map-${tag}`, ctx.user);
    const response = await call(ctx.app, 'GET', `/maps/map-${tag}/graph`);
    if (response.status !== 200) throw new Error(`GET /graph → ${response.status}`);
    return JSON.parse(JSON.stringify(response.body).replaceAll(`-${tag}`, '')) as GraphData;
  } finally {
    await ctx.close();
  }
}
