/** The shared core: imported by api, web, seed and tests; it imports nothing from them. */
export * from './enums.ts';
export * from './labels.ts';
export * from './common.ts';
export * from './entities.ts';
export type * from './bundle.ts';
export type * from './analysis.ts';
export * from './model.ts';
export * from './graph.ts';
export * from './history.ts';
export * from './interchange.ts';
export * from './access.ts';
