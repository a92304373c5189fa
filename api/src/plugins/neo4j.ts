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
 * answers and applies migrations. The app does not close the driver when it closes: whoever built
 * the `Database` owns its lifetime, so tests can build several apps over one driver.
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
