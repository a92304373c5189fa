import fp from 'fastify-plugin';
import { FACT_DEFS, NODE_DEFS } from '../repositories/definitions.ts';
import { FactRepository } from '../repositories/fact-repository.ts';
import { MapRepository } from '../repositories/map-repository.ts';
import { NodeRepository } from '../repositories/node-repository.ts';
import { SnapshotRepository } from '../repositories/snapshot-repository.ts';

export interface Repositories {
  maps: MapRepository;
  snapshots: SnapshotRepository;
  /** By collection: `actors`, `initiatives`, … */
  nodes: Record<string, NodeRepository>;
  /** By collection: `commitments`, `collaborations`, … */
  facts: Record<string, FactRepository>;
}

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
  }
}

/** One repository per domain area, each handed the database; only repositories talk to Neo4j. */
export default fp(
  async (fastify) => {
    const db = fastify.db;
    fastify.decorate('repos', {
      maps: new MapRepository(db),
      snapshots: new SnapshotRepository(db),
      nodes: Object.fromEntries(
        NODE_DEFS.map((def) => [def.collection, new NodeRepository(db, def)]),
      ),
      facts: Object.fromEntries(
        FACT_DEFS.map((def) => [def.collection, new FactRepository(db, def)]),
      ),
    });
  },
  { name: 'repositories', dependencies: ['neo4j'] },
);
