import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../api/src/db/migrate.ts';
import { buildTestApp, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('migrations', () => {
  it('are ordered files with statements', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(
      [...migrations.map((m) => m.version)].sort((a, b) => a - b),
    );
    expect(migrations.every((m) => m.statements.length > 0)).toBe(true);
  });

  it('are recorded in the graph and apply nothing the second time', async () => {
    const all = loadMigrations();
    expect(await migrate(ctx.db)).toEqual([]);
    const recorded = await ctx.db.read(async (tx) => {
      const result = await tx.run(
        'MATCH (m:Migration) RETURN m.version AS v, m.checksum AS c ORDER BY v',
      );
      return result.records.map((r) => ({
        version: Number(r.get('v')),
        checksum: r.get('c') as string,
      }));
    });
    expect(recorded).toEqual(all.map((m) => ({ version: m.version, checksum: m.checksum })));
  });

  it('are idempotent even when every statement runs again', async () => {
    const forced = loadMigrations().map((m) => ({ ...m, version: m.version + 9000 }));
    try {
      expect(await migrate(ctx.db, forced)).toEqual(forced.map((m) => m.version));
    } finally {
      await ctx.db.write((tx) => tx.run('MATCH (m:Migration) WHERE m.version > 9000 DELETE m'));
    }
  });

  it('create a uniqueness constraint on every id and the name search index', async () => {
    const constraints = await ctx.db.read(async (tx) => {
      const result = await tx.run(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type WHERE type CONTAINS 'UNIQUENESS' RETURN labelsOrTypes[0] AS on, properties",
      );
      return result.records.map(
        (r) => `${r.get('on')}.${(r.get('properties') as string[]).join(',')}`,
      );
    });
    for (const on of [
      'Map',
      'Actor',
      'Initiative',
      'Plan',
      'Goal',
      'Area',
      'Forum',
      'Meeting',
      'Decision',
      'Action',
      'View',
      'COMMITTED_TO',
      'COLLABORATES_WITH',
      'MEMBER_OF',
      'STANCE',
    ]) {
      expect(constraints).toContain(`${on}.id`);
    }
    const fullText = await ctx.db.read(async (tx) => {
      const result = await tx.run(
        "SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN name",
      );
      return result.records.map((r) => r.get('name'));
    });
    expect(fullText).toEqual(
      expect.arrayContaining(['entity_names', 'record_titles', 'view_names']),
    );
  });

  it('make a duplicate id fail in the database itself', async () => {
    const attempt = ctx.db.write((tx) =>
      tx.run(
        "CREATE (:Goal {id: 'dup-goal', mapId: 'm'}) CREATE (:Goal {id: 'dup-goal', mapId: 'm'})",
      ),
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
  });
});
