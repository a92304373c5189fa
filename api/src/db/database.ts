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
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.username, settings.password), {
      // Fail fast while the database is down, so requests get a 503 instead of hanging.
      maxTransactionRetryTime: 5_000,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxConnectionPoolSize: 100,
      userAgent: 'samspil',
    });
    this.database = settings.database;
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  /** Server version and edition, as `/health` reports them. */
  async serverInfo(): Promise<{ version: string; edition: string }> {
    return this.read(async (tx) => {
      const result = await tx.run(
        'CALL dbms.components() YIELD name, versions, edition WHERE name = "Neo4j Kernel" RETURN versions[0] AS version, edition',
      );
      const record = result.records[0];
      return { version: record?.get('version') ?? 'unknown', edition: record?.get('edition') ?? 'unknown' };
    });
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
