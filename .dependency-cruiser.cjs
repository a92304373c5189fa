/**
 * The rooms of the code and the way imports may run between them (docs/architecture.md).
 * `npm run lint` checks them, so a wrong import fails CI.
 */
const room = (path) => `^${path}`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'The import graph has no cycle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'graph-schema-imports-nothing-of-ours',
      severity: 'error',
      comment: 'graph-schema is the shared core: it imports nothing from the other rooms.',
      from: { path: room('graph-schema/') },
      to: { path: room('(api|web|seed|tests|bench|neo4j)/') },
    },
    {
      name: 'web-imports-only-graph-schema',
      severity: 'error',
      comment: 'The web app runs in the browser and knows the API only through graph-schema.',
      from: { path: room('web/') },
      to: { path: room('(api|seed|tests|bench|neo4j)/') },
    },
    {
      name: 'analysis-imports-only-graph-schema',
      severity: 'error',
      comment: 'The analysis is pure functions over rows: no database, no routes.',
      from: { path: room('api/src/analysis/') },
      to: { path: room('(api/src/(?!analysis/)|web|seed|tests|bench|neo4j)') },
    },
    {
      name: 'interchange-imports-only-graph-schema',
      severity: 'error',
      comment:
        'Reading and writing files (parsers, the Kumu mapping, the import plan, the report, the exports) is pure logic over rows: no database, no routes.',
      from: { path: room('api/src/interchange/') },
      to: { path: room('(api/src/(?!interchange/)|web|seed|tests|bench|neo4j)') },
    },
    {
      name: 'db-imports-only-graph-schema',
      severity: 'error',
      comment: 'The driver, values and migrations know only the schema.',
      from: { path: room('api/src/db/') },
      to: { path: room('(api/src/(?!db/)|web|seed|tests|bench)') },
    },
    {
      name: 'repositories-import-db-and-graph-schema',
      severity: 'error',
      comment: 'Repositories hold all the Cypher; they know the database and the schema only.',
      from: { path: room('api/src/repositories/') },
      to: {
        path: room('(api/src/(?!(repositories|db)/|errors\\.ts)|web|seed|tests|bench|neo4j)'),
      },
    },
    {
      name: 'nothing-imports-entry-points',
      severity: 'error',
      comment: 'Entry points put the rooms together; nothing imports them.',
      from: {},
      to: { path: '^(api/src/(server|dev)\\.ts|seed/cli\\.ts|bench/run\\.ts)$' },
    },
    {
      name: 'only-entry-points-and-tests-import-seed',
      severity: 'error',
      comment: 'The seeders write through the repositories; the API does not know them.',
      from: { path: room('(api|web|graph-schema|neo4j)/'), pathNot: '^api/src/(server|dev)\\.ts$' },
      to: { path: room('seed/') },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      comment: 'Tests may import anything; nothing imports tests.',
      from: { pathNot: room('tests/') },
      to: { path: room('tests/') },
    },
    {
      name: 'routes-do-not-talk-to-the-database',
      severity: 'error',
      comment: 'Routes are thin: they call repositories and the analysis, never the driver.',
      from: { path: room('api/src/(routes|presenters)/') },
      to: { path: '^node_modules/neo4j-driver' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|web/dist|neo4j/target|data|test-results)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.svelte'] },
  },
};
