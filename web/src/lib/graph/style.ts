import type { StylesheetStyle } from 'cytoscape';
import { SECTORS, STATUSES, SEVERITIES } from '../../../../graph-schema/enums.ts';
import { EDGE_COLOR, NODE_SHAPE, SECTOR_LOOK, SEVERITY_LOOK, STATUS_LOOK } from './palette.ts';

/** The picked actors' halo: a strong blue that no sector, status or gap uses. */
export const PICKED_COLOR = '#1F4FD8';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Rendered label sizes (px): the most important labels, and the rest. */
export const LABEL_PX = { major: 13.5, minor: 12 } as const;

/**
 * The zoom the layout is computed for. Labels keep their size on screen at every zoom, so in the
 * model they are `LABEL_PX / zoom` large; the layout gives the most important ones the room they
 * take at this zoom, about where the whole demo map fits a projector's screen. At that zoom and
 * closer they do not overlap; further out, the less important give way (labels.ts). A constant,
 * so that the picture never depends on a screen.
 */
export const LAYOUT_ZOOM = 0.36;

/** The model font size that draws a label of `kind` at its rendered size at `zoom`. */
export function labelFontSize(kind: keyof typeof LABEL_PX, zoom: number): number {
  return LABEL_PX[kind] / zoom;
}

export interface StyleOptions {
  large?: boolean;
  /** The zoom the labels are sized for (see `labelFontSize`): the view's zoom on screen. */
  zoom?: number;
  /** For the layout: only the most important labels take room, the others none. */
  layout?: boolean;
}

/**
 * The one stylesheet of the map. It styles by class and data selectors only (classes come from
 * `to-elements.ts` and the graph component); no element carries a style of its own.
 *
 * Visual grammar, legible on a projector and for colour-blind readers:
 * - circles are actors (fill = sector, border style = sector group, size = influence/betweenness);
 *   rounded boxes are initiatives, cut boxes plans (fill + border style = status); every label
 *   sits below its shape, the most important ones larger;
 * - collaborations are blue, solid, without arrows; a **tension** is a thick vermillion line
 *   ending in bars (⊢—⊣); a **suggested alliance** is a bluish-green **dashed** line with
 *   hollow circles at both ends — they differ in colour, dash, width and end marks;
 * - commitments point from actor to target, black (owner), ochre (funder), grey (contributor,
 *   endorser); proposed ones are dotted, withdrawn/expired ones faded;
 * - stances end in a circle: green (support) or grey (neutral); sceptical and opposing stances
 *   are wine-coloured and end in a bar;
 * - at the overview facts are lighter and structural links hidden; a focus draws its part of
 *   the map at full strength and fades the rest.
 */
export function buildStylesheet(options: StyleOptions = {}): StylesheetStyle[] {
  const large = options.large ?? false;
  const zoom = options.zoom ?? 1;
  const minor = labelFontSize('minor', zoom);
  const major = labelFontSize('major', zoom);
  const minorLabel = options.layout ? '' : 'data(label)';
  const sheet: StylesheetStyle[] = [
    {
      selector: 'node',
      style: {
        label: minorLabel,
        'font-family': FONT,
        'font-size': minor,
        color: '#1a1a1a',
        'text-wrap': 'wrap',
        'text-max-width': `${Math.round(minor * 9)}px`,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': Math.round(minor * 0.25),
        'text-outline-color': '#ffffff',
        'text-outline-width': Math.max(2, minor * 0.12),
        'text-outline-opacity': 0.9,
        // A light plate behind the text: a label stays readable where lines cross it.
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.72,
        'text-background-shape': 'roundrectangle',
        'text-background-padding': `${Math.round(minor * 0.12)}px`,
        'line-height': 1.1,
        'border-width': 2,
        'overlay-padding': 6,
      },
    },
    {
      selector: 'node.major',
      style: {
        label: 'data(label)',
        'font-size': major,
        'font-weight': 600,
        'text-max-width': `${Math.round(major * 9)}px`,
        'text-margin-y': Math.round(major * 0.25),
        'text-outline-width': Math.max(2, major * 0.12),
        'text-background-padding': `${Math.round(major * 0.12)}px`,
      },
    },
    {
      selector: 'node.actor',
      style: {
        shape: NODE_SHAPE.actor,
        width: 'data(size)',
        height: 'data(size)',
        'border-width': 3.5,
      },
    },
    ...(SECTORS.map((sector) => ({
      selector: `node.sector-${sector}`,
      style: {
        'background-color': SECTOR_LOOK[sector].fill,
        'border-color': SECTOR_LOOK[sector].border,
        'border-style': SECTOR_LOOK[sector].borderStyle,
        ...(SECTOR_LOOK[sector].borderStyle === 'double' ? { 'border-width': 6 } : {}),
      },
    })) as StylesheetStyle[]),
    {
      selector: 'node.initiative',
      style: {
        shape: NODE_SHAPE.initiative,
        width: large ? 48 : 62,
        height: large ? 30 : 38,
        'border-width': 3,
      },
    },
    {
      selector: 'node.plan',
      style: {
        shape: NODE_SHAPE.plan,
        width: large ? 60 : 82,
        height: large ? 36 : 48,
        'border-width': 4,
        'font-weight': 700,
      },
    },
    ...(STATUSES.map((status) => ({
      selector: `node.status-${status}`,
      style: {
        'background-color': STATUS_LOOK[status].fill,
        'border-color': STATUS_LOOK[status].border,
        'border-style': STATUS_LOOK[status].borderStyle,
        ...(STATUS_LOOK[status].borderStyle === 'double' ? { 'border-width': 6 } : {}),
      },
    })) as StylesheetStyle[]),
    {
      selector: 'node.status-cancelled, node.status-completed',
      style: { color: '#4a4a4a' },
    },
    {
      selector: 'node.goal',
      style: {
        shape: NODE_SHAPE.goal,
        width: 46,
        height: 46,
        'background-color': '#F0E442',
        'border-color': '#6b6419',
      },
    },
    {
      selector: 'node.area',
      style: {
        shape: NODE_SHAPE.area,
        width: 70,
        height: 70,
        'background-color': '#E8F4F1',
        'border-color': '#1f5a50',
        'border-style': 'dashed',
        'font-weight': 600,
      },
    },
    {
      selector: 'node.forum',
      style: {
        shape: NODE_SHAPE.forum,
        width: 58,
        height: 50,
        'background-color': '#EDE8F6',
        'border-color': '#4b3f72',
        'border-width': 3,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': large ? 'haystack' : 'bezier',
        'line-color': EDGE_COLOR.structural,
        'target-arrow-color': EDGE_COLOR.structural,
        'source-arrow-color': EDGE_COLOR.structural,
        'arrow-scale': 1.1,
        opacity: 0.9,
      },
    },
    // Structural links: quiet, thin, grey.
    { selector: 'edge.link', style: { width: 1.5, opacity: 0.7 } },
    {
      selector: 'edge.depends_on',
      style: {
        'line-color': '#6b6b6b',
        'target-arrow-color': '#6b6b6b',
        'target-arrow-shape': 'chevron',
        'line-style': 'dotted',
        width: 2,
      },
    },
    {
      selector: 'edge.advances',
      style: {
        'target-arrow-shape': 'triangle',
        'line-color': '#b5ab4a',
        'target-arrow-color': '#b5ab4a',
      },
    },

    // Commitments: actor → target.
    {
      selector: 'edge.commitment',
      style: { 'target-arrow-shape': 'triangle', 'curve-style': large ? 'haystack' : 'bezier' },
    },
    {
      selector: 'edge.role-owner',
      style: { width: 4, 'line-color': EDGE_COLOR.owner, 'target-arrow-color': EDGE_COLOR.owner },
    },
    {
      selector: 'edge.role-funder',
      style: {
        width: 3.5,
        'line-color': EDGE_COLOR.funder,
        'target-arrow-color': EDGE_COLOR.funder,
        'target-arrow-shape': 'diamond',
      },
    },
    {
      selector: 'edge.role-contributor',
      style: {
        width: 2.5,
        'line-color': EDGE_COLOR.contributor,
        'target-arrow-color': EDGE_COLOR.contributor,
      },
    },
    {
      selector: 'edge.role-endorser',
      style: {
        width: 1.5,
        'line-color': EDGE_COLOR.endorser,
        'target-arrow-color': EDGE_COLOR.endorser,
        'target-arrow-shape': 'vee',
      },
    },
    { selector: 'edge.cstatus-proposed', style: { 'line-style': 'dotted', opacity: 0.75 } },
    { selector: 'edge.cstatus-formalised', style: { width: 5.5 } },
    { selector: 'edge.cstatus-withdrawn', style: { opacity: 0.25 } },

    // Collaborations: actor — actor, no arrows.
    {
      selector: 'edge.collaboration',
      style: {
        'line-color': EDGE_COLOR.collaboration,
        'curve-style': large ? 'haystack' : 'bezier',
      },
    },
    { selector: 'edge.collab-formal_agreement', style: { width: 6 } },
    { selector: 'edge.collab-partnership', style: { width: 3.5 } },
    {
      selector: 'edge.collab-network',
      style: { width: 2.5, 'line-color': EDGE_COLOR.collaborationLight },
    },
    {
      selector: 'edge.collab-informal',
      style: { width: 2, 'line-color': EDGE_COLOR.informal, 'line-style': 'dotted' },
    },
    {
      selector: 'edge.collab-tension',
      style: {
        width: 5,
        'line-color': EDGE_COLOR.tension,
        'line-style': 'solid',
        'source-arrow-shape': 'tee',
        'target-arrow-shape': 'tee',
        'source-arrow-color': EDGE_COLOR.tension,
        'target-arrow-color': EDGE_COLOR.tension,
        'arrow-scale': 1.4,
        'curve-style': 'bezier',
        opacity: 1,
      },
    },

    // Memberships: actor → forum.
    {
      selector: 'edge.membership',
      style: { width: 1.5, 'line-color': EDGE_COLOR.membership, 'target-arrow-shape': 'none' },
    },
    { selector: 'edge.mrole-chair', style: { width: 3 } },

    // Stances: actor → target, ending in a circle.
    {
      selector: 'edge.stance',
      style: {
        width: 2,
        'target-arrow-shape': 'circle',
        'curve-style': large ? 'haystack' : 'bezier',
      },
    },
    {
      selector: 'edge.position-champion, edge.position-supports',
      style: {
        'line-color': EDGE_COLOR.stancePositive,
        'target-arrow-color': EDGE_COLOR.stancePositive,
      },
    },
    { selector: 'edge.position-champion', style: { width: 3.5 } },
    {
      selector: 'edge.position-neutral',
      style: {
        'line-color': EDGE_COLOR.stanceNeutral,
        'target-arrow-color': EDGE_COLOR.stanceNeutral,
      },
    },
    {
      selector: 'edge.position-sceptical, edge.position-opposes',
      style: {
        'line-color': EDGE_COLOR.stanceNegative,
        'target-arrow-color': EDGE_COLOR.stanceNegative,
        'target-arrow-shape': 'tee',
      },
    },
    { selector: 'edge.position-opposes', style: { width: 3.5 } },

    // Facts not valid today (only when replaying without asOf, they still appear): faded.
    { selector: 'edge.invalid', style: { opacity: 0.3 } },

    // Suggested alliances: dashed bluish green, hollow circles at both ends.
    {
      selector: 'edge.suggested',
      style: {
        width: 3.5,
        'line-color': EDGE_COLOR.suggested,
        'line-style': 'dashed',
        'line-dash-pattern': [10, 7],
        'source-arrow-shape': 'circle',
        'target-arrow-shape': 'circle',
        'source-arrow-fill': 'hollow',
        'target-arrow-fill': 'hollow',
        'source-arrow-color': EDGE_COLOR.suggested,
        'target-arrow-color': EDGE_COLOR.suggested,
        'curve-style': 'bezier',
        opacity: 1,
        'z-index': 5,
      },
    },

    // Gap overlay: a halo behind the subject, wider for higher severity.
    ...(SEVERITIES.map((severity) => ({
      selector: `node.gap-${severity}`,
      style: {
        'underlay-color': SEVERITY_LOOK[severity].color,
        'underlay-padding': SEVERITY_LOOK[severity].padding,
        'underlay-opacity': 0.55,
        'underlay-shape': 'ellipse',
      },
    })) as StylesheetStyle[]),
    ...(SEVERITIES.map((severity) => ({
      selector: `edge.gap-${severity}`,
      style: {
        'underlay-color': SEVERITY_LOOK[severity].color,
        'underlay-padding': 5,
        'underlay-opacity': 0.5,
      },
    })) as StylesheetStyle[]),
    {
      selector: 'node.initiative.gap, node.plan.gap',
      style: { 'underlay-shape': 'round-rectangle' },
    },

    // At the overview: structural links hidden, facts lighter. A focus draws its part in full.
    { selector: 'edge.link', style: { display: 'none' } },
    { selector: 'edge.link.in-focus', style: { display: 'element' } },
    { selector: 'edge', style: { 'line-opacity': 0.55 } },
    { selector: 'edge.in-focus, edge.gap, edge.suggested', style: { 'line-opacity': 1 } },

    // The details selection, the picked actors and the keyboard's node.
    {
      selector: 'node.chosen',
      style: {
        'outline-width': 4,
        'outline-color': '#000000',
        'outline-offset': 4,
        'outline-opacity': 1,
        'z-index': 20,
      },
    },
    {
      selector: 'edge.chosen',
      style: { 'underlay-color': '#000000', 'underlay-padding': 4, 'underlay-opacity': 0.35 },
    },
    {
      selector: 'node.picked',
      style: {
        'underlay-color': PICKED_COLOR,
        'underlay-padding': 9,
        'underlay-opacity': 0.75,
        'underlay-shape': 'ellipse',
        'z-index': 15,
      },
    },
    {
      selector: 'node.initiative.picked, node.plan.picked',
      style: { 'underlay-shape': 'round-rectangle' },
    },
    { selector: '.faded', style: { opacity: 0.12 } },
    {
      selector: 'node.keyboard-focus',
      style: {
        'outline-width': 4,
        'outline-color': '#0b57d0',
        'outline-offset': 6,
        'outline-opacity': 1,
      },
    },
    // Labels that would overlap a more important one, or are too small to read, wait for a zoom,
    // a hover or a focus (see labels.ts); last, so that they win over the rules above.
    { selector: 'node.label-hidden', style: { 'text-opacity': 0 } },
  ];
  return sheet;
}
