import { SECTORS, type Sector } from '../../../../graph-schema/enums.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { GraphData } from '../types.ts';
import { EDGE_COLOR, SECTOR_LOOK, SEVERITY_LOOK } from './palette.ts';

/**
 * The legend's content, once: the on-screen legend (Legend.svelte), the exported pictures and the
 * printed map all draw from it, so what a picture explains is what the map draws.
 */

/** An end mark of an edge sample. */
export type EdgeMark = 'arrow' | 'tee' | 'circle' | 'hollow' | 'diamond';

export interface EdgeSample {
  key: string;
  /** A message key, or an enum label as `group.value`. */
  label: { key: MessageKey } | { group: string; value: string };
  color: string;
  width: number;
  dash?: string;
  start?: EdgeMark;
  end?: EdgeMark;
}

export const EDGE_SAMPLES: readonly EdgeSample[] = [
  {
    key: 'owner',
    label: { group: 'role', value: 'owner' },
    color: EDGE_COLOR.owner,
    width: 4,
    end: 'arrow',
  },
  {
    key: 'funder',
    label: { group: 'role', value: 'funder' },
    color: EDGE_COLOR.funder,
    width: 3.5,
    end: 'diamond',
  },
  {
    key: 'contributor',
    label: { group: 'role', value: 'contributor' },
    color: EDGE_COLOR.contributor,
    width: 2.5,
    end: 'arrow',
  },
  {
    key: 'proposed',
    label: { key: 'legend.proposed' },
    color: EDGE_COLOR.owner,
    width: 3,
    dash: '1 5',
    end: 'arrow',
  },
  {
    key: 'formal',
    label: { group: 'collaborationKind', value: 'formal_agreement' },
    color: EDGE_COLOR.collaboration,
    width: 6,
  },
  {
    key: 'partnership',
    label: { group: 'collaborationKind', value: 'partnership' },
    color: EDGE_COLOR.collaboration,
    width: 3.5,
  },
  {
    key: 'network',
    label: { group: 'collaborationKind', value: 'network' },
    color: EDGE_COLOR.collaborationLight,
    width: 2.5,
  },
  {
    key: 'informal',
    label: { group: 'collaborationKind', value: 'informal' },
    color: EDGE_COLOR.informal,
    width: 2,
    dash: '1 4',
  },
  {
    key: 'tension',
    label: { key: 'legend.tension' },
    color: EDGE_COLOR.tension,
    width: 5,
    start: 'tee',
    end: 'tee',
  },
  {
    key: 'suggested',
    label: { key: 'legend.suggested' },
    color: EDGE_COLOR.suggested,
    width: 3.5,
    dash: '10 7',
    start: 'hollow',
    end: 'hollow',
  },
  {
    key: 'supports',
    label: { group: 'position', value: 'supports' },
    color: EDGE_COLOR.stancePositive,
    width: 2,
    end: 'circle',
  },
  {
    key: 'opposes',
    label: { group: 'position', value: 'opposes' },
    color: EDGE_COLOR.stanceNegative,
    width: 3,
    end: 'tee',
  },
];

/** Node kinds as the legend draws them: SVG path data in a 28 × 22 box. */
export const NODE_SAMPLES = [
  { kind: 'actor', label: 'entity.actor', shape: 'circle', fill: '#0072B2', stroke: '#003f63' },
  {
    kind: 'initiative',
    label: 'entity.initiative',
    shape: 'round',
    fill: '#CDEBDD',
    stroke: '#007A56',
  },
  { kind: 'plan', label: 'entity.plan', shape: 'cut', fill: '#D6EAF8', stroke: '#0072B2' },
] as const satisfies readonly {
  kind: string;
  label: MessageKey;
  shape: string;
  fill: string;
  stroke: string;
}[];

/** The sectors of the actors in `graph`, in the fixed order of the sector list. */
export function sectorsIn(graph: GraphData): Sector[] {
  const present = new Set<string>();
  for (const { data } of graph.nodes)
    if (data.kind === 'actor' && data.sector) present.add(data.sector);
  return SECTORS.filter((sector) => present.has(sector));
}

const SAMPLE_OF_CLASS: Record<string, string> = {
  'role-owner': 'owner',
  'role-funder': 'funder',
  'role-contributor': 'contributor',
  'cstatus-proposed': 'proposed',
  'collab-formal_agreement': 'formal',
  'collab-partnership': 'partnership',
  'collab-network': 'network',
  'collab-informal': 'informal',
  'collab-tension': 'tension',
  suggested: 'suggested',
  'position-champion': 'supports',
  'position-supports': 'supports',
  'position-sceptical': 'opposes',
  'position-opposes': 'opposes',
};

/** The samples for the edges drawn, given each edge's classes (see to-elements.ts). */
export function edgeSamplesFor(edgeClasses: Iterable<readonly string[]>): EdgeSample[] {
  const keys = new Set<string>();
  for (const classes of edgeClasses)
    for (const name of classes) if (SAMPLE_OF_CLASS[name]) keys.add(SAMPLE_OF_CLASS[name]);
  return EDGE_SAMPLES.filter((sample) => keys.has(sample.key));
}

export { SECTOR_LOOK, SEVERITY_LOOK };
