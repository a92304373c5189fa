declare module 'cytoscape-svg' {
  import type { Ext } from 'cytoscape';

  /** Adds `cy.svg({ full, scale, bg })`, which returns the view as an SVG document. */
  const extension: Ext;
  export default extension;
}
