import { startLocalEngine, type LocalEngine } from '../../neo4j/local-engine.ts';
import type { Config } from './config.ts';
import type { ConnectionSettings, Database } from './db/database.ts';

export interface Connection {
  settings: ConnectionSettings;
  /** The bundled engine when this process uses one; absent with NEO4J_URI. */
  engine?: LocalEngine;
}

/**
 * With NEO4J_URI: that server, cluster or Aura, and no local engine at all.
 * Without: the bundled local Neo4j under DATA_DIR (started, or reused if already running).
 */
export async function connect(config: Config, log?: (line: string) => void): Promise<Connection> {
  const { uri, username, password, database, boltPort } = config.neo4j;
  if (uri) {
    if (!password) throw new Error('NEO4J_URI is set, so NEO4J_PASSWORD must be set too.');
    return { settings: { uri, username, password, database } };
  }
  const engine = await startLocalEngine({ dataDir: config.dataDir, boltPort, log });
  return {
    settings: { uri: engine.uri, username: engine.username, password: engine.password },
    engine,
  };
}

/**
 * Lets the local engine's supervisor drive the database's breaker: requests fail at once from
 * the moment the engine dies, rather than from the first failed connection, and are served
 * again as soon as its restart answers, rather than at the next probe. Without a local engine
 * (NEO4J_URI) the breaker finds out by itself. Returns a function that unlinks the two.
 */
export function linkEngine(connection: Connection, db: Database): () => void {
  return (
    connection.engine?.onStatus((status) => {
      if (status === 'down') db.markUnavailable('the local engine stopped');
      else void db.probeNow();
    }) ?? (() => {})
  );
}
