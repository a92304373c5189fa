import fp from 'fastify-plugin';
import { FACT_MODELS, NODE_MODELS } from '../../../graph-schema/index.ts';
import { AccessRepository } from '../repositories/access-repository.ts';
import { AnalysisRepository } from '../repositories/analysis-repository.ts';
import { FactRepository } from '../repositories/fact-repository.ts';
import { HistoryRepository } from '../repositories/history-repository.ts';
import { ImportRepository } from '../repositories/import-repository.ts';
import { MapRepository } from '../repositories/map-repository.ts';
import { MemberRepository } from '../repositories/member-repository.ts';
import { NodeRepository } from '../repositories/node-repository.ts';
import { SnapshotRepository } from '../repositories/snapshot-repository.ts';

type NodeModels = (typeof NODE_MODELS)[number];
type FactModels = (typeof FACT_MODELS)[number];

export interface Repositories {
  maps: MapRepository;
  snapshots: SnapshotRepository;
  /** By collection: `actors`, `initiatives`, … */
  nodes: { [M in NodeModels as M['collection']]: NodeRepository<M> };
  /** By collection: `commitments`, `collaborations`, … */
  facts: { [M in FactModels as M['collection']]: FactRepository<M> };
  history: HistoryRepository;
  imports: ImportRepository;
  analysis: AnalysisRepository;
  /** Users and their credentials. */
  access: AccessRepository;
  /** Roles on maps and share links. */
  members: MemberRepository;
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
    const nodes = Object.fromEntries(
      NODE_MODELS.map((model) => [model.collection, new NodeRepository(db, model)]),
    );
    const facts = Object.fromEntries(
      FACT_MODELS.map((model) => [model.collection, new FactRepository(db, model)]),
    );
    fastify.decorate('repos', {
      maps: new MapRepository(db),
      snapshots: new SnapshotRepository(db),
      nodes: nodes as Repositories['nodes'],
      facts: facts as Repositories['facts'],
      history: new HistoryRepository(db, { nodes, facts }),
      imports: new ImportRepository(db),
      analysis: new AnalysisRepository(db),
      access: new AccessRepository(db),
      members: new MemberRepository(db),
    });
  },
  { name: 'repositories', dependencies: ['neo4j'] },
);
