import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';

export interface ConnectionSettings {
  uri: string;
  username: string;
  password: string;
  database?: string;
}

/**
 * The driver plus the database name. Every read and write goes through a managed transaction
 * (`executeRead` / `executeWrite`), so cluster routing and retries of transient errors work.
 */
export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;

  constructor(settings: ConnectionSettings) {
    this.driver = neo4j.driver(
      settings.uri,
      neo4j.auth.basic(settings.username, settings.password),
      {
        // Fail fast while the database is down, so requests get a 503 instead of hanging.
        maxTransactionRetryTime: 5_000,
        connectionAcquisitionTimeout: 10_000,
        connectionTimeout: 5_000,
        maxConnectionPoolSize: 100,
        userAgent: 'samspil',
      },
    );
    this.database = settings.database;
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  private edition: string | undefined;

  /**
   * Server version and edition, as `/health` reports them. A probe must answer at once, so it
   * asks the driver for server info (no transaction retries, which would hold a 503 back for
   * seconds); the edition needs one query and is remembered.
   */
  async serverInfo(): Promise<{ version: string; edition: string }> {
    const info = await this.driver.getServerInfo({ database: this.database });
    const version = /Neo4j\/(\S+)/.exec(info.agent ?? '')?.[1] ?? 'unknown';
    this.edition ??= await this.read(async (tx) => {
      const result = await tx.run(
        "CALL dbms.components() YIELD name, edition WHERE name = 'Neo4j Kernel' RETURN edition",
      );
      return (result.records[0]?.get('edition') as string | undefined) ?? 'unknown';
    });
    return { version, edition: this.edition };
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
