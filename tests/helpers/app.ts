import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/src/app.ts';
import { Database } from '../../api/src/db/database.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  close(): Promise<void>;
}

/** The real app against the run's real Neo4j (see global-setup.ts). */
export async function buildTestApp(): Promise<TestContext> {
  const db = new Database(inject('neo4j'));
  const app = await buildApp({ db, migrate: false });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** `app.inject` with JSON in and out; `body` is sent as JSON unless it is a string. */
export async function call(
  app: FastifyInstance,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    payload:
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = response.body ? safeJson(response.body) : null;
  return { status: response.statusCode, body: json as any, headers: response.headers };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fresh map of its own for each test: the isolation unit (Community has one database). */
export async function createMap(app: FastifyInstance, name = 'Test map'): Promise<string> {
  const response = await call(app, 'POST', '/maps', { name });
  if (response.status !== 201)
    throw new Error(`could not create map: ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}
