import type cytoscape from 'cytoscape';

let loading: Promise<typeof cytoscape> | null = null;

/**
 * Cytoscape and fcose, loaded on first use: they are most of the app's weight, so they stay
 * out of the initial bundle. `main.ts` starts the load early, in parallel with the first data.
 */
export function loadCytoscape(): Promise<typeof cytoscape> {
  loading ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(
    ([core, fcose]) => {
      core.default.use(fcose.default);
      return core.default;
    },
  );
  return loading;
}
