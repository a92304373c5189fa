import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createMap, type TestContext } from '../helpers/app.ts';
import { buildActor, buildInitiative } from '../helpers/factories.ts';

/**
 * Writes that race each other, as real concurrent HTTP requests against the real engine: every
 * answer is a success or a clear 4xx, and what was acknowledged is what the graph holds.
 */

let ctx: TestContext;
let base: string;
beforeAll(async () => {
  ctx = await buildTestApp();
  base = `${await ctx.app.listen({ port: 0, host: '127.0.0.1' })}/api/v1`;
});
afterAll(() => ctx.close());

async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const auth = { authorization: `Bearer ${ctx.user.token}` };
  const response = await fetch(`${base}${path}`, {
    method,
    headers:
      body === undefined
        ? { ...auth, ...headers }
        : { 'content-type': 'application/json', ...auth, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
}

async function countOverBolt(cypher: string, params: Record<string, unknown>): Promise<number> {
  return ctx.db.read(async (tx) => {
    const result = await tx.run(cypher, params);
    return Number(result.records[0]!.get(0));
  });
}

describe('a fact created while one of its ends is deleted', () => {
  it('answers 201 or a 4xx, never a 5xx, and leaves no fact without its end', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 8; round++) {
      const mapId = await createMap(ctx.app);
      const initiative = await buildInitiative(ctx.app, mapId);
      const actors = await Promise.all(Array.from({ length: 7 }, () => buildActor(ctx.app, mapId)));
      const creates = actors.map((actor) =>
        send('POST', `/maps/${mapId}/commitments`, {
          actorId: actor.id,
          initiativeId: initiative.id,
          role: 'contributor',
          status: 'agreed',
        }),
      );
      const removal = send('DELETE', `/maps/${mapId}/initiatives/${initiative.id}`);
      const answers = await Promise.all([...creates, removal]);
      statuses.push(...answers.map((answer) => answer.status));
      for (const answer of answers.slice(0, -1)) {
        expect([201, 400]).toContain(answer.status);
        if (answer.status === 400) expect(answer.body.error).toBe('unknown_reference');
      }
      expect(answers.at(-1)!.status).toBe(204);
      expect(
        await countOverBolt(
          'MATCH ()-[r:COMMITTED_TO]->() WHERE r.mapId = $mapId RETURN count(r)',
          { mapId },
        ),
      ).toBe(0);
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});

describe('deleting a map while others write to it', () => {
  it('leaves nothing with its mapId behind, and every writer gets 201 or 404', async () => {
    const mapId = await createMap(ctx.app);
    await Promise.all(Array.from({ length: 40 }, () => buildActor(ctx.app, mapId)));
    let deleted = false;
    const answers: number[] = [];
    const writer = async () => {
      // Keep writing until the delete has answered, and a few times after.
      for (let after = 0; after < 3;) {
        const answer = await send('POST', `/maps/${mapId}/actors`, {
          name: 'Late writer',
          sector: 'business',
        });
        answers.push(answer.status);
        if (deleted) after++;
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const removal = await send('DELETE', `/maps/${mapId}`);
    deleted = true;
    await Promise.all(writers);
    expect(removal.status).toBe(204);
    expect(answers.every((status) => status === 201 || status === 404)).toBe(true);
    expect(answers.filter((status) => status === 404).length).toBeGreaterThanOrEqual(18);
    expect(
      await countOverBolt('MATCH (n) WHERE n.mapId = $mapId OR n.id = $mapId RETURN count(n)', {
        mapId,
      }),
    ).toBe(0);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retried create with the first result and creates once', async () => {
    const mapId = await createMap(ctx.app);
    const body = { name: 'Domea.dk', sector: 'housing' };
    const headers = { 'idempotency-key': 'create-domea-1' };
    const first = await send('POST', `/maps/${mapId}/actors`, body, headers);
    const again = await send('POST', `/maps/${mapId}/actors`, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const list = await send('GET', `/maps/${mapId}/actors`);
    expect(list.body.items.map((actor: { name: string }) => actor.name)).toEqual(['Domea.dk']);
  });

  it('creates once when the same key arrives several times at once, for maps too', async () => {
    const mapId = await createMap(ctx.app);
    const headers = { 'idempotency-key': 'burst' };
    const actors = await Promise.all(
      Array.from({ length: 5 }, () =>
        send('POST', `/maps/${mapId}/actors`, { name: 'VIBO', sector: 'housing' }, headers),
      ),
    );
    expect(new Set(actors.map((answer) => answer.body.id)).size).toBe(1);
    expect(actors.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);

    const key = { 'idempotency-key': `new-map-${mapId}` };
    const maps = await Promise.all(
      Array.from({ length: 4 }, () => send('POST', '/maps', { name: `Burst ${mapId}` }, key)),
    );
    expect(maps.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(maps.map((answer) => answer.body.id)).size).toBe(1);
    expect(
      await countOverBolt('MATCH (m:Map) WHERE m.name = $name RETURN count(m)', {
        name: `Burst ${mapId}`,
      }),
    ).toBe(1);
  });

  it('refuses the same key with another body, and keeps keys of different routes apart', async () => {
    const mapId = await createMap(ctx.app);
    const headers = { 'idempotency-key': 'shared' };
    expect(
      (await send('POST', `/maps/${mapId}/areas`, { name: 'Gadehavegård' }, headers)).status,
    ).toBe(201);
    const reused = await send('POST', `/maps/${mapId}/areas`, { name: 'Taastrupgaard' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toBe('idempotency_key_reused');
    const other = await send('POST', `/maps/${mapId}/goals`, { title: 'Tryghed' }, headers);
    expect(other.status).toBe(201);
    expect((await send('GET', `/maps/${mapId}/areas`)).body.items).toHaveLength(1);
  });
});

describe('the map revision and the change history', () => {
  const revision = (mapId: string) =>
    countOverBolt('MATCH (m:Map {id: $mapId}) RETURN m.revision', { mapId });
  const changes = (mapId: string) =>
    ctx.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (c:Change) WHERE c.mapId = $mapId
         RETURN c.entityType AS type, c.op AS op, c.cause AS cause, c.fields AS fields
         ORDER BY c.revision, c.entityType, c.id`,
        { mapId },
      );
      return result.records.map((record) => record.toObject());
    });

  it('raises the revision once per write, not for a refused one, and records each change', async () => {
    const mapId = await createMap(ctx.app);
    expect(await revision(mapId)).toBe(1);
    const actor = await buildActor(ctx.app, mapId, { name: 'Byrådet', sector: 'political' });
    expect(await revision(mapId)).toBe(2);
    expect(
      (await send('PATCH', `/maps/${mapId}/actors/${actor.id}`, { influence: 9 })).status,
    ).toBe(400);
    expect(await revision(mapId)).toBe(2);
    await send('PATCH', `/maps/${mapId}/actors/${actor.id}`, { influence: 5 });
    await send('PUT', `/maps/${mapId}/layout`, { positions: { [actor.id]: { x: 1, y: 2 } } });
    await send('PATCH', `/maps/${mapId}`, { settings: { staleAfterDays: 30 } });
    expect(await revision(mapId)).toBe(5);
    const initiative = await buildInitiative(ctx.app, mapId);
    await send('POST', `/maps/${mapId}/commitments`, {
      actorId: actor.id,
      initiativeId: initiative.id,
      role: 'endorser',
      status: 'agreed',
    });
    expect((await send('DELETE', `/maps/${mapId}/actors/${actor.id}`)).status).toBe(204);
    expect(await revision(mapId)).toBe(8);
    expect(await changes(mapId)).toEqual([
      { type: 'map', op: 'create', cause: 'request', fields: expect.arrayContaining(['name']) },
      { type: 'actor', op: 'create', cause: 'request', fields: expect.arrayContaining(['name']) },
      { type: 'actor', op: 'update', cause: 'request', fields: ['influence'] },
      { type: 'layout', op: 'update', cause: 'request', fields: [actor.id] },
      { type: 'map', op: 'update', cause: 'request', fields: ['settings'] },
      {
        type: 'initiative',
        op: 'create',
        cause: 'request',
        fields: expect.arrayContaining(['title']),
      },
      {
        type: 'commitment',
        op: 'create',
        cause: 'request',
        fields: expect.arrayContaining(['role']),
      },
      { type: 'actor', op: 'delete', cause: 'request', fields: expect.arrayContaining(['name']) },
      {
        type: 'commitment',
        op: 'delete',
        cause: 'cascade',
        fields: expect.arrayContaining(['role']),
      },
    ]);
  });
});
