/** Settings from the environment (DESIGN §7); every one is optional. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  neo4j: {
    uri?: string;
    username: string;
    password?: string;
    database?: string;
    boltPort?: number;
  };
  seedDemo: boolean;
}

function integer(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number (0–65535), not "${value}"`);
  }
  return parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: integer('PORT', env.PORT, 3000)!,
    host: env.HOST || '127.0.0.1',
    dataDir: env.DATA_DIR || './data',
    neo4j: {
      uri: env.NEO4J_URI || undefined,
      username: env.NEO4J_USERNAME || 'neo4j',
      password: env.NEO4J_PASSWORD || undefined,
      database: env.NEO4J_DATABASE || undefined,
      boltPort: integer('NEO4J_BOLT_PORT', env.NEO4J_BOLT_PORT),
    },
    seedDemo: !/^(false|0|no|off)$/i.test(env.SEED_DEMO ?? 'true'),
  };
}
