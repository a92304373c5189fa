import type { Core } from 'cytoscape';
import { loadCytoscape } from './cytoscape-loader.ts';
import type { EdgeMark, EdgeSample } from './legend.ts';

/**
 * Pictures of the map to take away: the current view as PNG (at a chosen scale) or SVG, each
 * with the map's title, its date and a legend of what it draws, so that the picture explains
 * itself in a slide or a report.
 */

export interface LegendGlyph {
  label: string;
  /** A node: its shape and colours; an edge: its sample. */
  node?: { shape: 'circle' | 'round' | 'cut'; fill: string; stroke: string; dash?: string };
  edge?: EdgeSample;
}

export interface PictureMeta {
  title: string;
  /** The date and what is shown, e.g. "Pr. 1. juni 2019 · Filtre: Boligorganisation". */
  subtitle: string;
  legend: { heading: string; items: LegendGlyph[] }[];
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const HEADER = 70;
const LEGEND_WIDTH = 260;
const ROW = 21;
const MARGIN = 20;

/** Where each legend line goes, in unscaled pixels from the legend's top left. */
function legendRows(meta: PictureMeta): { y: number; heading?: string; item?: LegendGlyph }[] {
  const rows: { y: number; heading?: string; item?: LegendGlyph }[] = [];
  let y = 0;
  for (const section of meta.legend) {
    if (section.items.length === 0) continue;
    rows.push({ y, heading: section.heading });
    y += ROW + 2;
    for (const item of section.items) {
      rows.push({ y, item });
      y += ROW;
    }
    y += 10;
  }
  return rows;
}

const legendHeight = (meta: PictureMeta) => {
  const rows = legendRows(meta);
  return rows.length ? rows[rows.length - 1]!.y + ROW : 0;
};

function drawMark(
  ctx: CanvasRenderingContext2D,
  mark: EdgeMark | undefined,
  x: number,
  y: number,
  color: string,
  towards: 1 | -1,
): void {
  if (!mark) return;
  ctx.save();
  ctx.setLineDash([]);
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.beginPath();
  if (mark === 'arrow') {
    ctx.moveTo(x, y);
    ctx.lineTo(x - 7 * towards, y - 5);
    ctx.lineTo(x - 7 * towards, y + 5);
    ctx.fill();
  } else if (mark === 'diamond') {
    ctx.moveTo(x, y);
    ctx.lineTo(x - 5 * towards, y - 5);
    ctx.lineTo(x - 10 * towards, y);
    ctx.lineTo(x - 5 * towards, y + 5);
    ctx.fill();
  } else if (mark === 'tee') {
    ctx.lineWidth = 3.5;
    ctx.moveTo(x, y - 7);
    ctx.lineTo(x, y + 7);
    ctx.stroke();
  } else if (mark === 'circle') {
    ctx.arc(x - 3 * towards, y, 4, 0, Math.PI * 2);
    ctx.fill();
  } else {
    ctx.fillStyle = '#ffffff';
    ctx.lineWidth = 2;
    ctx.arc(x - 1 * towards, y, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}

function drawGlyph(ctx: CanvasRenderingContext2D, item: LegendGlyph, x: number, y: number): void {
  ctx.save();
  if (item.node) {
    const { shape, fill, stroke, dash } = item.node;
    ctx.fillStyle = fill;
    ctx.strokeStyle = stroke;
    ctx.lineWidth = 2.5;
    if (dash) ctx.setLineDash(dash.split(' ').map(Number));
    ctx.beginPath();
    if (shape === 'circle') ctx.arc(x + 14, y, 8, 0, Math.PI * 2);
    else if (shape === 'round') ctx.roundRect(x + 2, y - 7, 24, 14, 4);
    else {
      ctx.moveTo(x + 6, y - 8);
      ctx.lineTo(x + 22, y - 8);
      ctx.lineTo(x + 27, y - 3);
      ctx.lineTo(x + 27, y + 3);
      ctx.lineTo(x + 22, y + 8);
      ctx.lineTo(x + 6, y + 8);
      ctx.lineTo(x + 1, y + 3);
      ctx.lineTo(x + 1, y - 3);
      ctx.closePath();
    }
    ctx.fill();
    ctx.stroke();
  } else if (item.edge) {
    const edge = item.edge;
    ctx.strokeStyle = edge.color;
    ctx.lineWidth = edge.width;
    ctx.lineCap = edge.dash?.startsWith('1 ') ? 'round' : 'butt';
    ctx.setLineDash(edge.dash ? edge.dash.split(' ').map(Number) : []);
    ctx.beginPath();
    ctx.moveTo(x + 4, y);
    ctx.lineTo(x + 44, y);
    ctx.stroke();
    drawMark(ctx, edge.start, x + 4, y, edge.color, -1);
    drawMark(ctx, edge.end, x + 44, y, edge.color, 1);
  }
  ctx.restore();
}

/** The current view as a PNG with title, date and legend; `scale` multiplies every pixel. */
export async function exportPng(core: Core, meta: PictureMeta, scale: number): Promise<Blob> {
  const graph = (await core.png({
    output: 'blob-promise',
    full: false,
    scale,
    bg: '#ffffff',
  })) as Blob;
  const bitmap = await createImageBitmap(graph);
  const graphWidth = core.width();
  const graphHeight = core.height();
  const width = graphWidth + LEGEND_WIDTH + MARGIN;
  const height = HEADER + Math.max(graphHeight, legendHeight(meta) + MARGIN);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#12263f';
  ctx.font = `700 21px ${FONT}`;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(meta.title, MARGIN, 32, width - 2 * MARGIN);
  ctx.font = `14px ${FONT}`;
  ctx.fillStyle = '#3d4a5c';
  ctx.fillText(meta.subtitle, MARGIN, 55, width - 2 * MARGIN);
  ctx.strokeStyle = '#d5dbe3';
  ctx.beginPath();
  ctx.moveTo(0, HEADER - 0.5);
  ctx.lineTo(width, HEADER - 0.5);
  ctx.stroke();
  ctx.drawImage(bitmap, 0, HEADER, graphWidth, graphHeight);
  const left = graphWidth + MARGIN;
  for (const row of legendRows(meta)) {
    const y = HEADER + MARGIN + row.y + ROW / 2;
    if (row.heading) {
      ctx.font = `700 13px ${FONT}`;
      ctx.fillStyle = '#3d4a5c';
      ctx.fillText(row.heading.toUpperCase(), left, y + 4);
    } else if (row.item) {
      drawGlyph(ctx, row.item, left, y);
      ctx.font = `13px ${FONT}`;
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText(row.item.label, left + 54, y + 4.5, LEGEND_WIDTH - 58);
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function svgMark(mark: EdgeMark | undefined, x: number, y: number, color: string, towards: 1 | -1) {
  if (!mark) return '';
  const t = towards;
  if (mark === 'arrow')
    return `<polygon points="${x},${y} ${x - 7 * t},${y - 5} ${x - 7 * t},${y + 5}" fill="${color}"/>`;
  if (mark === 'diamond')
    return `<polygon points="${x},${y} ${x - 5 * t},${y - 5} ${x - 10 * t},${y} ${x - 5 * t},${y + 5}" fill="${color}"/>`;
  if (mark === 'tee')
    return `<line x1="${x}" y1="${y - 7}" x2="${x}" y2="${y + 7}" stroke="${color}" stroke-width="3.5"/>`;
  if (mark === 'circle') return `<circle cx="${x - 3 * t}" cy="${y}" r="4" fill="${color}"/>`;
  return `<circle cx="${x - t}" cy="${y}" r="4" fill="#fff" stroke="${color}" stroke-width="2"/>`;
}

function svgGlyph(item: LegendGlyph, x: number, y: number): string {
  if (item.node) {
    const { shape, fill, stroke, dash } = item.node;
    const paint = `fill="${fill}" stroke="${stroke}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
    if (shape === 'circle') return `<circle cx="${x + 14}" cy="${y}" r="8" ${paint}/>`;
    if (shape === 'round')
      return `<rect x="${x + 2}" y="${y - 7}" width="24" height="14" rx="4" ${paint}/>`;
    const points = [
      [6, -8],
      [22, -8],
      [27, -3],
      [27, 3],
      [22, 8],
      [6, 8],
      [1, 3],
      [1, -3],
    ]
      .map(([dx, dy]) => `${x + dx!},${y + dy!}`)
      .join(' ');
    return `<polygon points="${points}" ${paint}/>`;
  }
  const edge = item.edge!;
  const dash = edge.dash ? ` stroke-dasharray="${edge.dash}"` : '';
  const cap = edge.dash?.startsWith('1 ') ? ' stroke-linecap="round"' : '';
  return (
    `<line x1="${x + 4}" y1="${y}" x2="${x + 44}" y2="${y}" stroke="${edge.color}" stroke-width="${edge.width}"${dash}${cap}/>` +
    svgMark(edge.start, x + 4, y, edge.color, -1) +
    svgMark(edge.end, x + 44, y, edge.color, 1)
  );
}

let svgRegistered: Promise<void> | null = null;

/** cytoscape-svg, loaded on first use: only an SVG export needs it. */
function registerSvg(): Promise<void> {
  svgRegistered ??= Promise.all([loadCytoscape(), import('cytoscape-svg')]).then(
    ([cytoscape, extension]) => {
      cytoscape.use(extension.default);
    },
  );
  return svgRegistered;
}

/** The current view as an SVG document with title, date and legend. */
export async function exportSvg(core: Core, meta: PictureMeta): Promise<string> {
  await registerSvg();
  const inner = (core as Core & { svg(options: object): string })
    .svg({ full: false, scale: 1, bg: '#ffffff' })
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '');
  const graphWidth = core.width();
  const graphHeight = core.height();
  const width = graphWidth + LEGEND_WIDTH + MARGIN;
  const height = HEADER + Math.max(graphHeight, legendHeight(meta) + MARGIN);
  const left = graphWidth + MARGIN;
  const legend = legendRows(meta)
    .map((row) => {
      const y = HEADER + MARGIN + row.y + ROW / 2;
      if (row.heading)
        return `<text x="${left}" y="${y + 4}" font-weight="700" font-size="13" fill="#3d4a5c">${escapeXml(row.heading.toUpperCase())}</text>`;
      const item = row.item!;
      return `${svgGlyph(item, left, y)}<text x="${left + 54}" y="${y + 4.5}" font-size="13" fill="#1a1a1a">${escapeXml(item.label)}</text>`;
    })
    .join('');
  // The drawing's own size goes: an attribute given twice makes the file invalid XML.
  const nested = inner.replace(
    /^\s*<svg\b([^>]*)>/,
    (_tag, attributes: string) =>
      `<svg x="0" y="${HEADER}" width="${graphWidth}" height="${graphHeight}"${attributes.replace(/\s(?:width|height)="[^"]*"/g, '')}>`,
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>` +
    `<title>${escapeXml(meta.title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${MARGIN}" y="32" font-size="21" font-weight="700" fill="#12263f">${escapeXml(meta.title)}</text>` +
    `<text x="${MARGIN}" y="55" font-size="14" fill="#3d4a5c">${escapeXml(meta.subtitle)}</text>` +
    `<line x1="0" y1="${HEADER - 0.5}" x2="${width}" y2="${HEADER - 0.5}" stroke="#d5dbe3"/>` +
    nested +
    legend +
    `</svg>`
  );
}

/** Hands `blob` to the browser as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the map's name and the date: `hoeje-taastrup-2019-06-01.png`. */
export function pictureName(title: string, date: string, extension: string): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'samspil'}-${date}.${extension}`;
}
