import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../api/src/config.ts';
import { connect } from '../api/src/connect.ts';
import { Database, type ConnectionSettings } from '../api/src/db/database.ts';
import { migrate } from '../api/src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ConnectionSettings;
  }
}

/**
 * Starts one real Neo4j for the whole run: the server named by NEO4J_URI, or else the bundled
 * local engine on a fresh, temporary DATA_DIR that is removed afterwards. Migrations run once.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig();
  const dataDir = config.neo4j.uri ? null : mkdtempSync(join(tmpdir(), 'samspil-test-'));
  const connection = await connect(
    {
      ...config,
      dataDir: dataDir ?? config.dataDir,
      neo4j: { ...config.neo4j, boltPort: undefined },
    },
    (line) => process.stderr.write(`${line}\n`),
  );
  const db = new Database(connection.settings);
  await migrate(db);
  await db.close();
  project.provide('neo4j', connection.settings);
  return async () => {
    await connection.engine?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
