import neo4j, {
  ManagedTransaction,
  Neo4jError,
  isRetryableError,
  type Driver,
  type SessionMode,
  type Transaction,
} from 'neo4j-driver';

export interface ConnectionSettings {
  uri: string;
  username: string;
  password: string;
  database?: string;
}

export interface DatabaseOptions {
  /**
   * How long one transaction may run before the server terminates it, in ms (default 30 s).
   * Sent with every transaction; it overrides the server's own default.
   */
  transactionTimeoutMs?: number;
  /** How often a database known to be down is probed, in ms (default 300). */
  probeIntervalMs?: number;
  /** Lines for people when the database goes away and when it is back. */
  log?: (line: string) => void;
}

/**
 * The database cannot be reached. `mayHaveCommitted` is false when nothing reached the database
 * (the breaker was open, or the connection failed before the commit was sent), and true when a
 * write lost its connection while its commit was on the way: it may have been saved.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    readonly mayHaveCommitted: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What `/health` shows: the server, and how long one round trip to it took. */
export interface ServerInfo {
  version: string;
  edition: string;
  latencyMs: number;
}

const CONNECTION_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
/** The server is up but the database is not (it is starting, stopping or recovering). */
const DATABASE_UNAVAILABLE = 'Neo.TransientError.General.DatabaseUnavailable';
/** The driver's pool had no free connection within `connectionAcquisitionTimeout`. */
const POOL_EXHAUSTED = /^Connection acquisition timed out/;
/** The server ended a transaction that ran past its timeout, and rolled it back. */
const TIMED_OUT = /^Neo\.ClientError\.Transaction\.TransactionTimedOut/;

/** Transient errors (deadlocks, a database still starting) are retried for this long. */
const RETRY_BUDGET_MS = 5_000;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * The driver plus the database name, and a circuit breaker in front of both.
 *
 * Every read and write is one transaction that is retried on transient errors such as
 * deadlocks. A lost connection is not retried: the driver's own retries (1 s, 2 s, 4 s) made
 * every request wait 6–8 s for its 503, and retrying a write whose commit may have landed could
 * apply it twice. Instead, the first connection failure opens the breaker: new transactions fail
 * at once with a `DatabaseUnavailableError`, and a probe every `probeIntervalMs` closes the
 * breaker as soon as the database answers. The local engine's supervisor can open and probe it
 * directly (`markUnavailable`, `probeNow`), since it knows first.
 */
export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;
  private readonly transactionTimeoutMs: number;
  private readonly probeIntervalMs: number;
  private readonly log: (line: string) => void;
  /** When the breaker opened; null while it is closed. */
  private downSince: number | null = null;
  private probeTimer: NodeJS.Timeout | undefined;
  private probing: Promise<boolean> | undefined;
  private closed = false;
  private edition: string | undefined;
  private serverInfoInFlight: Promise<ServerInfo> | undefined;

  constructor(settings: ConnectionSettings, options: DatabaseOptions = {}) {
    this.driver = neo4j.driver(
      settings.uri,
      neo4j.auth.basic(settings.username, settings.password),
      {
        connectionAcquisitionTimeout: 10_000,
        connectionTimeout: 5_000,
        maxConnectionPoolSize: 100,
        userAgent: 'samspil',
      },
    );
    this.database = settings.database;
    this.transactionTimeoutMs = options.transactionTimeoutMs ?? 30_000;
    this.probeIntervalMs = options.probeIntervalMs ?? 300;
    this.log = options.log ?? (() => {});
  }

  /** False while the breaker is open: transactions then fail at once. */
  get available(): boolean {
    return this.downSince === null;
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.READ, work);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.transaction(neo4j.session.WRITE, work);
  }

  /** Opens the breaker, e.g. because the local engine is known to have died. */
  markUnavailable(reason: string): void {
    if (this.closed || this.downSince !== null) return;
    this.downSince = Date.now();
    this.log(`Neo4j: the database cannot be reached (${reason}); answering 503 until it is back`);
    this.probeTimer = setInterval(() => void this.probeNow(), this.probeIntervalMs);
    this.probeTimer.unref();
  }

  /**
   * Probes at once (one probe at a time) and closes the breaker if the database answers.
   * Resolves with whether it is available.
   */
  probeNow(): Promise<boolean> {
    if (this.downSince === null) return Promise.resolve(true);
    this.probing ??= this.probe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  /**
   * Server version, edition and the latency of one round trip, for `/health`. Concurrent calls
   * share one probe, so a stalled server does not collect a pile of them. Rejects with a
   * `DatabaseUnavailableError` while the breaker is open or when the server cannot be reached.
   */
  serverInfo(): Promise<ServerInfo> {
    if (this.downSince !== null) {
      return Promise.reject(
        new DatabaseUnavailableError('The database cannot be reached right now.', false),
      );
    }
    this.serverInfoInFlight ??= this.fetchServerInfo().finally(
      () => (this.serverInfoInFlight = undefined),
    );
    return this.serverInfoInFlight;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.probeTimer);
    await this.driver.close();
  }

  private async fetchServerInfo(): Promise<ServerInfo> {
    const started = performance.now();
    let info;
    try {
      info = await this.driver.getServerInfo({ database: this.database });
    } catch (error) {
      throw this.unavailable(error, false) ?? error;
    }
    const latencyMs = performance.now() - started;
    const version = /Neo4j\/(\S+)/.exec(info.agent ?? '')?.[1] ?? 'unknown';
    this.edition ??= await this.read(async (tx) => {
      const result = await tx.run(
        "CALL dbms.components() YIELD name, edition WHERE name = 'Neo4j Kernel' RETURN edition",
      );
      return (result.records[0]?.get('edition') as string | undefined) ?? 'unknown';
    });
    return { version, edition: this.edition, latencyMs };
  }

  private async transaction<T>(
    mode: SessionMode,
    work: (tx: ManagedTransaction) => Promise<T>,
  ): Promise<T> {
    if (this.downSince !== null) {
      throw new DatabaseUnavailableError(
        'The database cannot be reached right now; nothing was sent to it.',
        false,
      );
    }
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    const started = Date.now();
    let delay = 100;
    try {
      for (;;) {
        let tx: Transaction | undefined;
        let committing = false;
        try {
          tx = await session.beginTransaction({ timeout: this.transactionTimeoutMs });
          const result = await work(ManagedTransaction.fromTransaction(tx));
          committing = true;
          await tx.commit();
          return result;
        } catch (error) {
          if (tx?.isOpen()) await tx.rollback().catch(() => {});
          const down = this.unavailable(error, mode === neo4j.session.WRITE && committing);
          if (down) throw down;
          if (!isRetryableError(error) || Date.now() - started > RETRY_BUDGET_MS) {
            throw this.refused(error) ?? error;
          }
          if (this.downSince !== null) {
            throw new DatabaseUnavailableError('The database became unavailable.', false, {
              cause: error,
            });
          }
          await sleep(delay * (0.8 + Math.random() * 0.4));
          delay = Math.min(delay * 2, 1_000);
        }
      }
    } finally {
      await session.close().catch(() => {});
    }
  }

  /**
   * A lost or refused connection opens the breaker and becomes a `DatabaseUnavailableError`, as
   * does a pool with no free connection; anything else is left alone (null).
   */
  private unavailable(error: unknown, mayHaveCommitted: boolean): DatabaseUnavailableError | null {
    if (error instanceof DatabaseUnavailableError) return error;
    if (!(error instanceof Neo4jError)) return null;
    if (POOL_EXHAUSTED.test(error.message)) {
      // Every connection is busy (a stalled server holds them all): nothing was sent, and the
      // server may well be up, so the breaker stays closed.
      return new DatabaseUnavailableError(
        'No connection to the database was free in time.',
        false,
        {
          cause: error,
        },
      );
    }
    if (!CONNECTION_CODES.has(error.code)) return null;
    this.markUnavailable(error.code);
    return new DatabaseUnavailableError(
      mayHaveCommitted
        ? 'The database became unavailable while a change was being saved; it may have been saved.'
        : 'The database cannot be reached right now.',
      mayHaveCommitted,
      { cause: error },
    );
  }

  /**
   * The server refused or ended the transaction and rolled it back: a database that stayed
   * unavailable through the retries (this opens the breaker), or a transaction that ran out of
   * time (this does not: the server answers, it was only this work that took too long).
   */
  private refused(error: unknown): DatabaseUnavailableError | null {
    if (!(error instanceof Neo4jError)) return null;
    if (error.code === DATABASE_UNAVAILABLE) {
      this.markUnavailable(error.code);
      return new DatabaseUnavailableError('The database is not available right now.', false, {
        cause: error,
      });
    }
    if (TIMED_OUT.test(error.code)) {
      return new DatabaseUnavailableError(
        `The database did not finish within ${this.transactionTimeoutMs} ms.`,
        false,
        { cause: error },
      );
    }
    return null;
  }

  /** One auto-commit `RETURN 1` on our database: the server answers and the database is online. */
  private async probe(): Promise<boolean> {
    const session = this.driver.session({ database: this.database });
    try {
      await withTimeout(session.run('RETURN 1'), PROBE_TIMEOUT_MS);
    } catch {
      return false;
    } finally {
      void session.close().catch(() => {});
    }
    if (this.downSince !== null && !this.closed) {
      this.log(`Neo4j: the database answers again after ${seconds(Date.now() - this.downSince)}`);
    }
    clearInterval(this.probeTimer);
    this.downSince = null;
    return true;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function withTimeout<T>(promise: PromiseLike<T>, ms: number): Promise<T> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
    Promise.resolve(promise).then(
      (value) => {
        clearTimeout(timer);
        done(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        fail(error);
      },
    );
  });
}
