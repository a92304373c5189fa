/** Settings from the environment (the README lists them all); every one is optional. */
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
    /** Per-transaction timeout the server enforces (NEO4J_TX_TIMEOUT_MS). */
    transactionTimeoutMs: number;
  };
  seedDemo: boolean;
  http: HttpConfig;
  access: AccessConfig;
}

/** The HTTP edge: which `Host` names are served, how long a client may take, how fast it may write. */
export interface HttpConfig {
  /**
   * `Host` names served besides the loopback names: `HOST` and ALLOWED_HOSTS (comma-separated,
   * without ports). Anything else gets 421, so a DNS-rebinding page cannot drive the API.
   */
  allowedHosts: string[];
  /** Time to receive a whole request, headers and body (REQUEST_TIMEOUT_MS); then 408. */
  requestTimeoutMs: number;
  /** Idle time after which a socket is closed (CONNECTION_TIMEOUT_MS). */
  connectionTimeoutMs: number;
  /** Idle time of a kept-alive connection between requests (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Writes (POST, PUT, PATCH, DELETE) per client address and minute (RATE_LIMIT_WRITES_PER_MINUTE). */
  writesPerMinute: number;
}

/**
 * Defaults of the HTTP edge. The write limit is far above what people or the test suite do (the
 * busiest test file makes about 330 writes a minute through one app); it stops runaway scripts.
 * A request must arrive within 30 s, and a socket may idle for 2 minutes, longer than any
 * response takes to compute.
 */
export const defaultHttpConfig: HttpConfig = {
  allowedHosts: [],
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 120_000,
  keepAliveTimeoutMs: 72_000,
  writesPerMinute: 6_000,
};

/** People and access (docs/access.md). */
export interface AccessConfig {
  /** The first owner's email, used when the database has no user yet (SAMSPIL_ADMIN_EMAIL). */
  adminEmail: string;
  /** The first owner's password (SAMSPIL_ADMIN_PASSWORD); else one is generated into DATA_DIR. */
  adminPassword?: string;
  /** The address people open, for links (PUBLIC_URL); else http://HOST:PORT. */
  publicUrl?: string;
  /** Trust `X-Forwarded-Proto` and `-For` from a proxy in front (TRUST_PROXY). */
  trustProxy: boolean;
  /** Print a one-time sign-in link for the first owner at start (SAMSPIL_SIGN_IN_LINK). */
  signInLink: boolean;
}

const isOff = (value: string | undefined) => /^(false|0|no|off)$/i.test(value ?? '');
const isOn = (value: string | undefined) => /^(true|1|yes|on)$/i.test(value ?? '');

function port(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${name} must be a port number (0–65535), not "${value}"`);
  }
  return parsed;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new Error(`${name} must be a whole number of at least 1, not "${value}"`);
  }
  return Number(value);
}

function hostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  return {
    port: port('PORT', env.PORT, 3000)!,
    host,
    dataDir: env.DATA_DIR || './data',
    neo4j: {
      uri: env.NEO4J_URI || undefined,
      username: env.NEO4J_USERNAME || 'neo4j',
      password: env.NEO4J_PASSWORD || undefined,
      database: env.NEO4J_DATABASE || undefined,
      boltPort: port('NEO4J_BOLT_PORT', env.NEO4J_BOLT_PORT),
      transactionTimeoutMs: transactionTimeout(env.NEO4J_TX_TIMEOUT_MS),
    },
    seedDemo: !isOff(env.SEED_DEMO),
    http: {
      allowedHosts: [...new Set([host.toLowerCase(), ...hostList(env.ALLOWED_HOSTS)])],
      requestTimeoutMs: positive(
        'REQUEST_TIMEOUT_MS',
        env.REQUEST_TIMEOUT_MS,
        defaultHttpConfig.requestTimeoutMs,
      ),
      connectionTimeoutMs: positive(
        'CONNECTION_TIMEOUT_MS',
        env.CONNECTION_TIMEOUT_MS,
        defaultHttpConfig.connectionTimeoutMs,
      ),
      keepAliveTimeoutMs: positive(
        'KEEP_ALIVE_TIMEOUT_MS',
        env.KEEP_ALIVE_TIMEOUT_MS,
        defaultHttpConfig.keepAliveTimeoutMs,
      ),
      writesPerMinute: positive(
        'RATE_LIMIT_WRITES_PER_MINUTE',
        env.RATE_LIMIT_WRITES_PER_MINUTE,
        defaultHttpConfig.writesPerMinute,
      ),
    },
    access: {
      adminEmail: (env.SAMSPIL_ADMIN_EMAIL || 'admin@localhost').trim().toLowerCase(),
      adminPassword: env.SAMSPIL_ADMIN_PASSWORD || undefined,
      publicUrl: publicUrl(env.PUBLIC_URL),
      trustProxy: isOn(env.TRUST_PROXY),
      signInLink: !isOff(env.SAMSPIL_SIGN_IN_LINK),
    },
  };
}

/**
 * NEO4J_TX_TIMEOUT_MS, default 30 s: long enough for analysis of a 10k-actor map (1–2 s) and a
 * bulk import batch on a slow machine, short enough that a runaway query frees its locks.
 */
function transactionTimeout(value: string | undefined): number {
  if (value === undefined || value === '') return 30_000;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1000 || parsed > 3_600_000) {
    throw new Error(
      `NEO4J_TX_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 3600000, not "${value}"`,
    );
  }
  return parsed;
}

function publicUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!/^https?:\/\/[^\s/?#]+\/?$/i.test(value)) {
    throw new Error(
      `PUBLIC_URL must be an origin such as https://samspil.example.dk, not "${value}"`,
    );
  }
  return value.replace(/\/$/, '');
}

/** Where people open the app: PUBLIC_URL, else HOST:PORT (a wildcard HOST as loopback). */
export function appOrigin(config: Config): string {
  if (config.access.publicUrl) return config.access.publicUrl;
  const host = ['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${config.port}`;
}
