import { startLocalEngine, type LocalEngine } from '../../../neo4j/local-engine.ts';
import type { Config } from '../config.ts';
import type { ConnectionSettings } from './database.ts';

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
