import type {
  ImportFormat,
  ImportSource,
  MapCreate,
  MappingReport,
} from '../../../graph-schema/index.ts';
import type { AnyModel } from './columns.ts';
import type { RawProblem } from './messages.ts';

/**
 * What a file says, whatever its format, before it is held against the map: one `ImportRow` per
 * entity or fact the file describes. The readers (Samspil workbook and backup, Kumu workbook and
 * blueprint) make these; the planner matches them against the map.
 */

/**
 * A reference to a node as a file writes it: by id, by name, or (Kumu's From and To) by a text
 * that is an element's ID when one has it and else its label.
 */
export interface Ref {
  id?: string;
  name?: string;
  either?: string;
}

/** A fact's other end when the file does not say which field it is (`initiativeId` or `planId`). */
export const ANY_TARGET = '*to';

export interface ImportRow {
  sheet: string;
  row: number | null;
  model: AnyModel;
  /** The row's ID column: an id in the map, or the file's own key for the row. */
  key: string | null;
  /** Field values as the API takes them; an absent field is not in the file, `null` clears it. */
  values: Record<string, unknown>;
  /** Links and ends by field; `null` clears a link. */
  refs: Record<string, Ref[] | null>;
  /** Links that carry properties: each object's target as a reference, the rest as it is. */
  objects: Record<string, { ref: Ref; props: Record<string, unknown> }[] | null>;
  /** Custom fields: merged key by key into what is stored, or (a backup) replacing it. */
  attributes: { replace: boolean; values: Record<string, string | number | null> } | null;
  /** The column each field came from, for the report. */
  columns: Record<string, string>;
  problems: RawProblem[];
  /** Kumu: an element made for a connection's end that has no element row. */
  implicit?: boolean;
  /** Kumu: the ends may be swapped when they fit only the other way round. */
  swappable?: boolean;
  /** Kumu: a later row describes the same element and wins (as Kumu does). */
  mergeDuplicates?: boolean;
  /**
   * Kumu: links read from a custom column whose header names a Samspil link; when a name does
   * not resolve, the column is kept as a custom field instead of failing the row.
   */
  lenient?: Record<string, { column: string; value: string | number | null }>;
}

export interface ImportSet {
  source: ImportSource;
  format: ImportFormat;
  rows: ImportRow[];
  /** Data rows read (for the report). */
  rowCount: number;
  /** Problems with the file or a whole sheet: these stop the import whatever `skipInvalid` says. */
  fatal: RawProblem[];
  warnings: RawProblem[];
  customFields: { sheet: string; columns: string[] }[];
  mapping: MappingReport | null;
  /** A backup's own map and layout, for a new map made from it. */
  map?: MapCreate;
  layout?: Record<string, { x: number; y: number }>;
}

export function emptyRow(model: AnyModel, sheet: string, row: number | null): ImportRow {
  return {
    sheet,
    row,
    model,
    key: null,
    values: {},
    refs: {},
    objects: {},
    attributes: null,
    columns: {},
    problems: [],
  };
}
