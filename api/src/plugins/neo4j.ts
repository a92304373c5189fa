import fp from 'fastify-plugin';
import { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
}

export interface Neo4jPluginOptions {
  db: Database;
  /** Apply pending migrations at start (the app does; tests that share one database do it once). */
  migrate?: boolean;
}

/**
 * Decorates the app with `db` (the driver behind managed transactions), checks that the database
 * answers, applies migrations, and closes the driver when the app closes. The app does not own
 * the database's lifetime: whoever built the `Database` does.
 */
export default fp<Neo4jPluginOptions>(
  async (fastify, options) => {
    const { db } = options;
    await db.driver.verifyConnectivity({ database: db.database });
    if (options.migrate ?? true) {
      const applied = await migrate(db);
      if (applied.length > 0) fastify.log.info({ applied }, 'graph schema migrated');
    }
    fastify.decorate('db', db);
  },
  { name: 'neo4j' },
);
