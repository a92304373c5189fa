import type { Sector, Severity, Status } from '../../../../graph-schema/enums.ts';

/**
 * Colours of the map, chosen to survive colour blindness and a washed-out projector: the
 * Okabe–Ito set and Paul Tol's "muted" set. Thirteen sectors cannot all differ by hue alone, so
 * each sector also has its own border style (see `style.ts` and the legend); neighbouring hues
 * never share one.
 */
export interface SectorLook {
  fill: string;
  border: string;
  borderStyle: 'solid' | 'double' | 'dashed' | 'dotted';
}

export const SECTOR_LOOK: Record<Sector, SectorLook> = {
  municipal: { fill: '#0072B2', border: '#003f63', borderStyle: 'solid' },
  political: { fill: '#332288', border: '#1a1145', borderStyle: 'double' },
  housing: { fill: '#E69F00', border: '#7a5400', borderStyle: 'solid' },
  residents: { fill: '#CC79A7', border: '#6e3556', borderStyle: 'solid' },
  social_programme: { fill: '#882255', border: '#44112a', borderStyle: 'double' },
  education: { fill: '#56B4E9', border: '#1d6690', borderStyle: 'dashed' },
  business: { fill: '#999933', border: '#4d4d19', borderStyle: 'dotted' },
  investor: { fill: '#DDCC77', border: '#6f6436', borderStyle: 'dashed' },
  foundation: { fill: '#117733', border: '#083b19', borderStyle: 'solid' },
  civil_society: { fill: '#44AA99', border: '#1f5a50', borderStyle: 'dashed' },
  culture: { fill: '#AA4499', border: '#55224c', borderStyle: 'dashed' },
  state: { fill: '#555555', border: '#1f1f1f', borderStyle: 'double' },
  other: { fill: '#BBBBBB', border: '#5e5e5e', borderStyle: 'dotted' },
};

/** Initiative and plan status: a light fill (dark text stays readable) plus a border style. */
export const STATUS_LOOK: Record<
  Status,
  { fill: string; border: string; borderStyle: SectorLook['borderStyle'] }
> = {
  idea: { fill: '#F2F2F2', border: '#6b6b6b', borderStyle: 'dotted' },
  planned: { fill: '#D6EAF8', border: '#0072B2', borderStyle: 'dashed' },
  active: { fill: '#CDEBDD', border: '#007A56', borderStyle: 'solid' },
  completed: { fill: '#E4E4E4', border: '#444444', borderStyle: 'double' },
  paused: { fill: '#FBEBC2', border: '#8A6100', borderStyle: 'dashed' },
  cancelled: { fill: '#F6DCD0', border: '#A33F00', borderStyle: 'dotted' },
};

/** Gap severity: an outer halo on the subject; high is also the widest. */
export const SEVERITY_LOOK: Record<Severity, { color: string; padding: number; text: string }> = {
  high: { color: '#D55E00', padding: 14, text: '#8F3A00' },
  medium: { color: '#E69F00', padding: 10, text: '#6B4A00' },
  low: { color: '#56B4E9', padding: 7, text: '#1D5F86' },
};

/** Edge colours (see style.ts for widths, dashes and arrows). */
export const EDGE_COLOR = {
  owner: '#1a1a1a',
  funder: '#B36F00',
  contributor: '#5a5a5a',
  endorser: '#8c8c8c',
  collaboration: '#0072B2',
  collaborationLight: '#56B4E9',
  informal: '#7a9fb8',
  tension: '#D55E00',
  suggested: '#009E73',
  stancePositive: '#117733',
  stanceNeutral: '#8c8c8c',
  stanceNegative: '#882255',
  membership: '#9a8fb8',
  structural: '#b5b5b5',
} as const;

/** Node shapes by kind: circles are always actors. */
export const NODE_SHAPE = {
  actor: 'ellipse',
  initiative: 'round-rectangle',
  plan: 'cut-rectangle',
  goal: 'star',
  area: 'round-octagon',
  forum: 'hexagon',
} as const;
