import type { StylesheetStyle } from 'cytoscape';
import { SECTORS, STATUSES, SEVERITIES } from '../../../../graph-schema/enums.ts';
import { EDGE_COLOR, NODE_SHAPE, SECTOR_LOOK, SEVERITY_LOOK, STATUS_LOOK } from './palette.ts';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * The one stylesheet of the map. It styles by class and data selectors only (classes come from
 * `to-elements.ts`); no element carries a style of its own.
 *
 * Visual grammar, legible on a projector and for colour-blind readers:
 * - circles are actors (fill = sector, border style = sector group, size = influence/betweenness);
 *   rounded boxes are initiatives, cut boxes plans (fill + border style = status);
 * - collaborations are blue, solid, without arrows; a **tension** is a thick vermillion line
 *   ending in bars (⊢—⊣); a **suggested alliance** is a bluish-green **dashed** line with
 *   hollow circles at both ends — they differ in colour, dash, width and end marks;
 * - commitments point from actor to target, black (owner), ochre (funder), grey (contributor,
 *   endorser); proposed ones are dotted, withdrawn/expired ones faded;
 * - stances end in a circle: green (support) or grey (neutral); sceptical and opposing stances
 *   are wine-coloured and end in a bar.
 */
export function buildStylesheet(options: { large?: boolean } = {}): StylesheetStyle[] {
  const large = options.large ?? false;
  const sheet: StylesheetStyle[] = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': large ? 13 : 17,
        color: '#1a1a1a',
        'text-wrap': 'wrap',
        'text-max-width': large ? '140px' : '170px',
        'text-valign': 'bottom',
        'text-margin-y': 5,
        'text-outline-color': '#ffffff',
        'text-outline-width': 2.5,
        'min-zoomed-font-size': large ? 9 : 7,
        'border-width': 2,
        'overlay-padding': 6,
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
        width: large ? 150 : 200,
        height: large ? 54 : 72,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-margin-y': 0,
        'text-max-width': large ? '138px' : '186px',
        'text-outline-width': 0,
        'font-size': large ? 12.5 : 16,
        'font-weight': 600,
        'border-width': 3,
      },
    },
    {
      selector: 'node.plan',
      style: {
        shape: NODE_SHAPE.plan,
        width: large ? 180 : 240,
        height: large ? 64 : 86,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-margin-y': 0,
        'text-max-width': large ? '166px' : '222px',
        'text-outline-width': 0,
        'font-size': large ? 14 : 19,
        'font-weight': 700,
        'border-width': 4,
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
      selector: 'node.pinned',
      style: {
        'outline-width': 2,
        'outline-color': '#1a1a1a',
        'outline-offset': 3,
        'outline-opacity': 0.55,
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

    // Selection and focus.
    {
      selector: 'node:selected',
      style: {
        'outline-width': 4,
        'outline-color': '#000000',
        'outline-offset': 4,
        'outline-opacity': 1,
        'z-index': 20,
      },
    },
    {
      selector: 'edge:selected',
      style: { 'underlay-color': '#000000', 'underlay-padding': 4, 'underlay-opacity': 0.35 },
    },
    { selector: '.faded', style: { opacity: 0.15, 'text-opacity': 0.3 } },
    {
      selector: 'node.keyboard-focus',
      style: {
        'outline-width': 4,
        'outline-color': '#0b57d0',
        'outline-offset': 6,
        'outline-opacity': 1,
      },
    },
  ];
  return sheet;
}
