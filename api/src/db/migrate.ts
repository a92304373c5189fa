import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

const migrationsDir = fileURLToPath(new URL('../../../graph-schema/migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

/** `V0001__constraints.cypher` files in order; statements end with `;`, `//` lines are comments. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^V\d{4}__[\w-]+\.cypher$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const statements = text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .split(';')
        .map((statement) => statement.trim())
        .filter(Boolean);
      return {
        version: Number(file.slice(1, 5)),
        name: file.replace(/^V\d{4}__|\.cypher$/g, ''),
        checksum: createHash('sha256').update(text).digest('hex'),
        statements,
      };
    });
}

/**
 * Applies the migrations not yet recorded in the graph, in order, and records each as a
 * `(:Migration)` node. Every statement is idempotent (`IF NOT EXISTS`), so two processes
 * starting at once, or a run interrupted halfway, are both safe. Returns the versions applied.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<number[]> {
  const applied = await db.read(async (tx) => {
    const result = await tx.run('MATCH (m:Migration) RETURN m.version AS version');
    return new Set(result.records.map((record) => Number(record.get('version'))));
  });
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) {
      // Schema commands cannot share a transaction with data writes, so each runs alone.
      await db.write((tx) => tx.run(statement));
    }
    await db.write((tx) =>
      tx.run(
        `MERGE (m:Migration {version: $version})
         ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
        { version: migration.version, name: migration.name, checksum: migration.checksum },
      ),
    );
    done.push(migration.version);
  }
  return done;
}
