import type { Field, Locale, SamspilMap } from '../../../graph-schema/index.ts';
import { ALL_MODELS, columnsOf, isFactModel, type AnyModel, type Column } from './columns.ts';
import type { Content, Entity } from './plan.ts';

/**
 * What the exporters share: a map's rows by model, each column's value as a spreadsheet cell,
 * and the custom fields each model's entities have.
 */

export interface ExportInput {
  map: SamspilMap;
  content: Content;
  layout: Record<string, { x: number; y: number }>;
  lang: Locale;
  /** When the export was made (ISO 8601). */
  exportedAt: string;
}

/** A cell for a writer: a date is a `Date` (so spreadsheets show a date), text is text. */
export type OutCell = string | number | Date | null;

export const rowsOf = (content: Content, model: AnyModel): Entity[] =>
  content[model.collection] ?? [];

/** Every node's name by id, for the name columns of links and fact ends. */
export function nodeNames(content: Content): Map<string, string> {
  const names = new Map<string, string>();
  for (const model of ALL_MODELS) {
    if (isFactModel(model)) continue;
    for (const entity of rowsOf(content, model))
      names.set(entity.id, String(entity[model.nameField] ?? ''));
  }
  return names;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` as a date at midnight UTC (spreadsheets keep no time zone). */
export function dateCell(value: string): Date | string {
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : date;
}

const idsOf = (value: unknown): string[] =>
  Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];

/** One column's cell for one entity. */
export function columnCell(
  model: AnyModel,
  column: Column,
  entity: Entity,
  names: Map<string, string>,
): OutCell {
  const value = entity[column.field];
  const field = model.fields[column.field] as Field;
  switch (column.part) {
    case 'name': {
      const list = idsOf(value).map((id) => names.get(id) ?? id);
      return list.length ? list.join('|') : null;
    }
    case 'id': {
      const list = idsOf(value);
      return list.length ? list.join('|') : null;
    }
    case 'json':
      return Array.isArray(value) && value.length ? JSON.stringify(value) : null;
    case 'value':
      if (value === null || value === undefined) return null;
      if (field.storage === 'date') return dateCell(String(value));
      if (field.storage === 'stringList') {
        return (value as string[]).length ? (value as string[]).join('|') : null;
      }
      return typeof value === 'number' ? value : String(value);
    default: {
      const part = column.part.slice('source.'.length);
      const source = value as Record<string, unknown> | null;
      const inner = source?.[part];
      return inner === undefined || inner === null ? null : String(inner);
    }
  }
}

/** The custom field names of a model's entities, in the order they first appear. */
export function customKeys(entities: Entity[]): string[] {
  const keys = new Set<string>();
  for (const entity of entities) {
    const attributes = entity.attributes as Record<string, unknown> | null | undefined;
    for (const key of Object.keys(attributes ?? {})) keys.add(key);
  }
  return [...keys];
}

/** A custom field's cell: a number as a number, a `YYYY-MM-DD` text as a date. */
export function customCell(entity: Entity, key: string): OutCell {
  const value = (entity.attributes as Record<string, unknown> | null | undefined)?.[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return DATE.test(text) ? dateCell(text) : text;
}

export { columnsOf };
