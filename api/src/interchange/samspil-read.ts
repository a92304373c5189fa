import {
  ALL_MODELS,
  TABLE_MODELS,
  columnsOf,
  headerIndex,
  ID_HEADER,
  isFactModel,
  modelOfSheet,
  normaliseHeader,
  type AnyModel,
  type Column,
} from './columns.ts';
import {
  cellAttribute,
  cellChoice,
  cellDate,
  cellInteger,
  cellList,
  cellText,
  isProblem,
  type Cell,
  type CellProblem,
} from './cells.ts';
import { emptyRow, type ImportRow, type ImportSet, type Ref } from './import-set.ts';
import type { RawProblem } from './messages.ts';
import type { Table } from './tables.ts';
import type { Field } from '../../../graph-schema/index.ts';
import { BACKUP_FORMAT, type ImportFormat } from '../../../graph-schema/index.ts';

/**
 * Samspil's own files: the workbook (one sheet per entity and fact kind, as `format=xlsx`
 * writes it), the zip of CSV files (`format=csv`), a single CSV file, and the JSON backup.
 */

/** A cell as the value of a field, by the field's storage; a problem when it is not one. */
export function fieldCell(field: Field, cell: Cell): unknown {
  switch (field.storage) {
    case 'int':
      return cellInteger(cell);
    case 'date':
      return cellDate(cell);
    case 'stringList':
      return cellList(cell) ?? [];
    default:
      return field.options ? cellChoice(cell, field.options) : cellText(cell);
  }
}

function sourceParts(field: Field): Record<string, { enum?: string[] }> {
  return (field.schema as { properties?: Record<string, { enum?: string[] }> }).properties ?? {};
}

/** What one sheet's header row says: which field each column holds, or which custom field. */
interface Layout {
  columns: ({ column: Column } | { custom: string } | null)[];
  headers: string[];
  idColumn: number | null;
}

function layoutOf(
  model: AnyModel,
  headerCells: Cell[],
  sheet: string,
  warnings: RawProblem[],
): Layout {
  const index = headerIndex(model);
  const seen = new Set<string>();
  const layout: Layout = { columns: [], headers: [], idColumn: null };
  headerCells.forEach((cell, position) => {
    const header = cellText(cell) ?? '';
    layout.headers.push(header);
    const key = normaliseHeader(header);
    if (key === '') {
      layout.columns.push(null);
      return;
    }
    if (seen.has(key)) {
      warnings.push({ sheet, row: 1, column: header, code: 'duplicate_column', level: 'warning' });
      layout.columns.push(null);
      return;
    }
    seen.add(key);
    if (key === normaliseHeader(ID_HEADER)) {
      layout.idColumn = position;
      layout.columns.push(null);
      return;
    }
    const column = index.get(key);
    layout.columns.push(column ? { column } : { custom: header });
  });
  return layout;
}

/** The columns a sheet must have: a node's name; a fact's two ends (by name or by id). */
function missingColumns(model: AnyModel, layout: Layout): string[] {
  const has = (field: string) =>
    layout.columns.some((entry) => entry && 'column' in entry && entry.column.field === field);
  const headerOf = (field: string) =>
    columnsOf(model).find((column) => column.field === field)!.header.en;
  if (!isFactModel(model)) return has(model.nameField) ? [] : [headerOf(model.nameField)];
  const missing: string[] = [];
  if (!has(model.from)) missing.push(headerOf(model.from));
  if (!model.to.some(has)) missing.push(model.to.map(headerOf).join(' / '));
  return missing;
}

/** Several names or ids in one cell, `|` between them. */
const many = (cell: Cell) => cellList(cell) ?? [];

/**
 * Pairs the names and ids a link's two columns give. When both columns have as many items,
 * they go together; otherwise the column that was filled in is taken alone, and when both were
 * but disagree in number, the names (what a person edits) win.
 */
function linkRefs(names: string[] | undefined, ids: string[] | undefined): Ref[] {
  if (names && ids && names.length === ids.length) {
    return names.map((name, i) => ({ name, id: ids[i] }));
  }
  if (names && names.length) return names.map((name) => ({ name }));
  return (ids ?? []).map((id) => ({ id }));
}

function problemAt(row: ImportRow, column: string, value: Cell, problem: CellProblem): RawProblem {
  return {
    sheet: row.sheet,
    row: row.row,
    column,
    value,
    code: problem.code,
    params: problem.params,
    level: 'error',
  };
}

/** One data row of a Samspil sheet as an import row. */
function readRow(
  model: AnyModel,
  sheet: string,
  rowNumber: number,
  cells: Cell[],
  layout: Layout,
  issues: Map<number, string>,
): ImportRow {
  const row = emptyRow(model, sheet, rowNumber);
  if (layout.idColumn !== null) row.key = cellText(cells[layout.idColumn] ?? null);
  const names: Record<string, string[]> = {};
  const ids: Record<string, string[]> = {};
  const sources: Record<string, Record<string, unknown>> = {};
  layout.columns.forEach((entry, position) => {
    if (!entry) return;
    const cell = cells[position] ?? null;
    const header = layout.headers[position]!;
    if (issues.has(position)) {
      row.problems.push({
        sheet,
        row: rowNumber,
        column: header,
        value: `=${issues.get(position)}`,
        code: 'formula_without_value',
        level: 'error',
      });
      return;
    }
    if ('custom' in entry) {
      row.attributes ??= { replace: false, values: {} };
      row.attributes.values[entry.custom.trim()] = cellAttribute(cell);
      return;
    }
    const { column } = entry;
    const field = model.fields[column.field]!;
    row.columns[column.field] ??= header;
    switch (column.part) {
      case 'value': {
        const value = fieldCell(field, cell);
        if (isProblem(value)) row.problems.push(problemAt(row, header, cell, value));
        else row.values[column.field] = value;
        break;
      }
      case 'name':
        names[column.field] = many(cell);
        break;
      case 'id':
        ids[column.field] = many(cell);
        row.columns[column.field] = row.columns[column.field] ?? header;
        break;
      case 'json':
        readObjects(row, column.field, header, cell);
        break;
      default: {
        const part = column.part.slice('source.'.length);
        const options = sourceParts(field)[part]?.enum;
        const value = options ? cellChoice(cell, options) : cellText(cell);
        if (isProblem(value)) row.problems.push(problemAt(row, header, cell, value));
        else (sources[column.field] ??= {})[part] = value;
        row.columns[`${column.field}.${part}`] = header;
      }
    }
  });
  for (const field of new Set([...Object.keys(names), ...Object.keys(ids)])) {
    const refs = linkRefs(names[field], ids[field]);
    row.refs[field] = refs.length ? refs : null;
  }
  for (const [field, parts] of Object.entries(sources)) {
    const given = Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== null));
    row.values[field] = Object.keys(given).length ? given : null;
  }
  return row;
}

/** A link-with-properties column: JSON text, an array of objects naming their targets. */
function readObjects(row: ImportRow, field: string, header: string, cell: Cell): void {
  const text = cellText(cell);
  if (text === null) {
    row.objects[field] = null;
    return;
  }
  const key = row.model.fields[field]!.link!.key!;
  try {
    const items = JSON.parse(text) as unknown;
    if (!Array.isArray(items)) throw new Error('not an array');
    row.objects[field] = items.map((item) => {
      const { [key]: target, ...props } = item as Record<string, unknown>;
      return { ref: { either: String(target ?? '') }, props };
    });
  } catch {
    row.problems.push(
      problemAt(row, header, cell, { code: 'invalid', params: { detail: 'JSON' } }),
    );
  }
}

/** The model a CSV file holds when its name does not say: the one whose columns it has most of. */
function guessModel(headerCells: Cell[]): AnyModel | undefined {
  const headers = headerCells.map((cell) => normaliseHeader(cellText(cell) ?? ''));
  let best: AnyModel | undefined;
  let bestScore = 0;
  for (const model of TABLE_MODELS) {
    const index = headerIndex(model);
    const layout = {
      columns: headers.map((h) => (index.has(h) ? { column: index.get(h)! } : null)),
      headers,
      idColumn: null,
    };
    if (missingColumns(model, layout).length) continue;
    const required = Object.entries(model.fields)
      .filter(([, f]) => f.required)
      .map(([name]) => name);
    const fields = new Set(layout.columns.filter((c) => c).map((c) => c!.column.field));
    if (!required.every((name) => fields.has(name))) continue;
    const score = fields.size;
    if (score > bestScore) {
      best = model;
      bestScore = score;
    }
  }
  return best;
}

export const isIgnoredSheet = (name: string) => /\(ignore\)/i.test(name);
const isReadme = (name: string) => /^(readme|læs ?mig)$/i.test(name.trim());

/** True when the tables are Samspil's: one of them is named as one of Samspil's sheets. */
export const looksSamspil = (tables: Table[]) =>
  tables.some((table) => !isIgnoredSheet(table.name) && modelOfSheet(table.name));

/** Samspil's workbook, zip of CSV files or single CSV file as import rows. */
export function readSamspilTables(
  tables: Table[],
  format: ImportFormat,
  options: { single?: boolean } = {},
): ImportSet {
  const set: ImportSet = {
    source: 'samspil',
    format,
    rows: [],
    rowCount: 0,
    fatal: [],
    warnings: [],
    customFields: [],
    mapping: null,
  };
  for (const table of tables) {
    if (isIgnoredSheet(table.name) || isReadme(table.name)) continue;
    const [header, ...data] = table.rows;
    const model =
      modelOfSheet(table.name) ?? (options.single && header ? guessModel(header.cells) : undefined);
    if (!model) {
      if (table.rows.length) {
        set.warnings.push({
          sheet: table.name,
          row: null,
          code: 'sheet_ignored',
          level: 'warning',
        });
      }
      continue;
    }
    if (!header) continue;
    const layout = layoutOf(model, header.cells, table.name, set.warnings);
    const missing = missingColumns(model, layout);
    for (const column of missing) {
      set.fatal.push({
        sheet: table.name,
        row: header.row,
        column,
        code: 'missing_column',
        params: { column },
        level: 'error',
      });
    }
    if (missing.length) continue;
    const custom = layout.columns.flatMap((entry) =>
      entry && 'custom' in entry ? [entry.custom] : [],
    );
    if (custom.length) set.customFields.push({ sheet: table.name, columns: custom });
    const issuesByRow = new Map<number, Map<number, string>>();
    for (const issue of table.issues) {
      if (!issuesByRow.has(issue.row)) issuesByRow.set(issue.row, new Map());
      issuesByRow.get(issue.row)!.set(issue.column, issue.formula);
    }
    for (const { row, cells } of data) {
      set.rowCount++;
      set.rows.push(
        readRow(model, table.name, row, cells, layout, issuesByRow.get(row) ?? new Map()),
      );
    }
  }
  if (set.rows.length === 0 && set.fatal.length === 0) {
    const sheets = TABLE_MODELS.map((model) => model.names?.en[1] ?? model.collection).join(', ');
    set.fatal.push({
      sheet: '',
      row: null,
      code: 'nothing_to_import',
      params: { sheets },
      level: 'error',
    });
  }
  return set;
}

/** True for a Samspil backup (`format=json`). */
export const isBackup = (
  json: unknown,
): json is { format: string; content: Record<string, unknown> } =>
  typeof json === 'object' &&
  json !== null &&
  (json as { format?: unknown }).format === BACKUP_FORMAT;

/** A Samspil backup as import rows: every entity by its id, references by id. */
export function readBackup(json: {
  content: Record<string, unknown>;
  map?: unknown;
  layout?: unknown;
}): ImportSet {
  const set: ImportSet = {
    source: 'samspil',
    format: 'json',
    rows: [],
    rowCount: 0,
    fatal: [],
    warnings: [],
    customFields: [],
    mapping: null,
  };
  const content = (typeof json.content === 'object' && json.content) || {};
  for (const [collection, items] of Object.entries(content)) {
    const model = ALL_MODELS.find((m) => m.collection === collection);
    if (!model || !Array.isArray(items)) {
      set.warnings.push({ sheet: collection, row: null, code: 'sheet_ignored', level: 'warning' });
      continue;
    }
    items.forEach((item, index) => {
      set.rowCount++;
      const row = emptyRow(model, collection, index + 1);
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        row.problems.push({
          sheet: collection,
          row: index + 1,
          code: 'invalid',
          params: { detail: 'not an object' },
          value: item as Cell,
          level: 'error',
        });
        set.rows.push(row);
        return;
      }
      const entity = item as Record<string, unknown>;
      row.key = typeof entity.id === 'string' ? entity.id : null;
      for (const [name, field] of Object.entries(model.fields) as [string, Field][]) {
        if (!(name in entity)) continue;
        const value = entity[name];
        row.columns[name] = name;
        if (name === 'attributes') {
          const values =
            value && typeof value === 'object' && !Array.isArray(value)
              ? (value as Record<string, string | number | null>)
              : {};
          row.attributes = { replace: true, values };
        } else if (field.storage === 'end') {
          row.refs[name] = typeof value === 'string' ? [{ id: value }] : null;
        } else if (field.link?.key) {
          const key = field.link.key;
          row.objects[name] = Array.isArray(value)
            ? value.map((object) => {
                const { [key]: target, ...props } = object as Record<string, unknown>;
                return { ref: { id: String(target ?? '') }, props };
              })
            : null;
        } else if (field.storage === 'link') {
          const list = Array.isArray(value)
            ? value
            : value === null || value === undefined
              ? []
              : [value];
          row.refs[name] = list.length ? list.map((id) => ({ id: String(id) })) : null;
        } else {
          row.values[name] = value;
        }
      }
      set.rows.push(row);
    });
  }
  const map = json.map as Record<string, unknown> | undefined;
  if (map && typeof map === 'object') {
    const { name, description, locale, currency, settings } = map;
    set.map = { name, description, locale, currency, settings } as never;
  }
  if (json.layout && typeof json.layout === 'object') {
    set.layout = json.layout as Record<string, { x: number; y: number }>;
  }
  return set;
}
