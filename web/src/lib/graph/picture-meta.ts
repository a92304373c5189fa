import type { Core } from 'cytoscape';
import { SECTORS } from '../../../../graph-schema/enums.ts';
import { formatDate } from '../format.ts';
import type { AppState } from '../state/app.svelte.ts';
import type { PictureMeta } from './picture.ts';
import { edgeSamplesFor, NODE_SAMPLES } from './legend.ts';
import { SECTOR_LOOK, SEVERITY_LOOK } from './palette.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** The date a picture of the map shows: the replay date, or today. */
export const pictureDate = (app: AppState) => app.map.asOf ?? today();

/**
 * Title, date and legend of a picture of what `core` draws now: the legend names only the kinds,
 * sectors and connections in view, so that it stays short.
 */
export function pictureMeta(app: AppState, core: Core): PictureMeta {
  const { locale, filters, map } = app;
  const t = locale.t;
  const parts = [
    map.asOf
      ? t('picture.asOf', { date: formatDate(locale.lang, map.asOf) })
      : t('picture.today', { date: formatDate(locale.lang, today()) }),
  ];
  const names = [
    ...filters.sectors.map((sector) => locale.label('sector', sector)),
    ...filters.statuses.map((status) => locale.label('status', status)),
    ...[...filters.areas, ...filters.plans, ...filters.goals].map((id) => map.label(id)),
  ];
  if (names.length) parts.push(t('picture.filtered', { filters: names.join(', ') }));
  if (app.focusIds?.length)
    parts.push(t('picture.focus', { names: app.focusIds.map((id) => map.label(id)).join(', ') }));

  const drawn = core.elements(':visible');
  const kinds = new Set(drawn.nodes().map((node) => String(node.data('kind'))));
  const sectors = new Set<string>();
  drawn.nodes('.actor').forEach((node) => {
    for (const name of node.classes()) if (name.startsWith('sector-')) sectors.add(name.slice(7));
  });
  const edges = edgeSamplesFor(drawn.edges().map((edge) => edge.classes()));
  return {
    title: map.map?.name ?? t('app.name'),
    subtitle: parts.join(' · '),
    legend: [
      {
        heading: t('legend.nodes'),
        items: NODE_SAMPLES.filter((sample) => kinds.has(sample.kind)).map((sample) => ({
          label: t(sample.label),
          node: { shape: sample.shape, fill: sample.fill, stroke: sample.stroke },
        })),
      },
      {
        heading: t('legend.sectors'),
        items: SECTORS.filter((sector) => sectors.has(sector)).map((sector) => ({
          label: locale.label('sector', sector),
          node: {
            shape: 'circle' as const,
            fill: SECTOR_LOOK[sector].fill,
            stroke: SECTOR_LOOK[sector].border,
            ...(SECTOR_LOOK[sector].borderStyle === 'dashed' ? { dash: '4 2' } : {}),
            ...(SECTOR_LOOK[sector].borderStyle === 'dotted' ? { dash: '1.5 2' } : {}),
          },
        })),
      },
      {
        heading: t('legend.edges'),
        items: edges.map((edge) => ({
          label:
            'key' in edge.label
              ? t(edge.label.key)
              : locale.label(edge.label.group, edge.label.value),
          edge,
        })),
      },
      {
        heading: t('legend.gap'),
        items: filters.overlay
          ? (['high', 'medium', 'low'] as const).map((severity) => ({
              label: locale.label('severity', severity),
              node: {
                shape: 'circle' as const,
                fill: SEVERITY_LOOK[severity].color,
                stroke: SEVERITY_LOOK[severity].text,
              },
            }))
          : [],
      },
    ],
  };
}
