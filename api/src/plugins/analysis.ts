import fp from 'fastify-plugin';
import { AnalysisService } from '../analysis/service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one analysis service of the app, and so one cache for every route that uses it. */
    analysis: AnalysisService;
  }
}

/** Shares one AnalysisService (and its cache) between the analysis routes and `/graph`. */
export default fp(
  async (fastify) => {
    fastify.decorate('analysis', new AnalysisService(fastify.repos.analysis));
  },
  { name: 'analysis', dependencies: ['repositories'] },
);
