import {
  FACT_MODELS,
  inEveryFile,
  mappingFields,
  NODE_MODELS,
  type FactModel,
  type Field,
  type ImportFormat,
  type KumuMapping,
  type MappingReport,
  type MappingTarget,
  type NodeModel,
} from '../../../graph-schema/index.ts';
import { cellAttribute, cellInteger, cellList, cellText, isProblem, type Cell } from './cells.ts';
import { headerIndex, isFactModel, modelNames, normaliseHeader, type AnyModel } from './columns.ts';
import { ANY_TARGET, emptyRow, type ImportRow, type ImportSet } from './import-set.ts';
import type { RawProblem } from './messages.ts';
import { fieldCell, isIgnoredSheet } from './samspil-read.ts';
import type { Table, TableRow } from './tables.ts';
import { validateField } from './validate.ts';

/**
 * Kumu's files (docs/import-export.md, "Kumu"): workbooks and CSV files with element sheets
 * (`Label` first, or `ID` then `Label`) and connection sheets (`From` and `To`), and the JSON
 * blueprint, in the short form (`{label, type}`) and as Kumu's project export writes it
 * (`{_id, attributes: {label, "element type"}}`). Each Kumu type becomes a Samspil kind through
 * the type mapping; columns Samspil knows (Sector, Status, Role, …) fill their fields, and every
 * other column is kept as a custom field.
 */

const DEFAULT_ELEMENT_KIND = 'actor';
const DEFAULT_CONNECTION_KIND = 'collaboration';

/** One element as Kumu describes it, from any of its formats. */
interface KumuElement {
  sheet: string;
  row: number | null;
  id: string | null;
  label: string | null;
  type: string;
  description: Cell;
  tags: Cell;
  custom: [string, Cell][];
}

interface KumuConnection {
  sheet: string;
  row: number | null;
  id: string | null;
  from: string | null;
  to: string[];
  type: string;
  direction: string | null;
  description: Cell;
  strength: Cell;
  custom: [string, Cell][];
}

const norm = normaliseHeader;

const ELEMENT_COLUMNS = new Set(['id', 'label', 'type', 'element type', 'description', 'tags']);
const CONNECTION_COLUMNS = new Set([
  'id',
  'from',
  'to',
  'type',
  'connection type',
  'direction',
  'description',
  'strength',
]);

/** Rows split where two or more blank rows come between them: Kumu's sections in one sheet. */
function sections(rows: TableRow[]): TableRow[][] {
  const out: TableRow[][] = [];
  let current: TableRow[] = [];
  for (const row of rows) {
    const previous = current[current.length - 1];
    if (previous && row.row - previous.row > 2) {
      out.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length) out.push(current);
  return out;
}

/** Kumu's sheets as elements and connections; a section with neither `Label` nor `From`/`To` is fatal. */
function fromTables(tables: Table[], splitSections: boolean, fatal: RawProblem[]) {
  const elements: KumuElement[] = [];
  const connections: KumuConnection[] = [];
  const customFields: { sheet: string; columns: string[] }[] = [];
  let rowCount = 0;
  for (const table of tables) {
    if (isIgnoredSheet(table.name)) continue;
    for (const section of splitSections ? sections(table.rows) : [table.rows]) {
      const [header, ...data] = section;
      if (!header) continue;
      const headers = header.cells.map((cell) => cellText(cell) ?? '');
      const keys = headers.map(norm);
      const at = (name: string) => keys.indexOf(name);
      const isConnections = at('from') >= 0 && at('to') >= 0;
      if (!isConnections && at('label') < 0) {
        fatal.push({
          sheet: table.name,
          row: header.row,
          column: 'Label',
          code: 'missing_column',
          params: { column: 'Label' },
          level: 'error',
        });
        continue;
      }
      const known = isConnections ? CONNECTION_COLUMNS : ELEMENT_COLUMNS;
      const custom = headers
        .map((h, i) => [h, i] as const)
        .filter(
          ([h, i]) => h.trim() !== '' && !known.has(keys[i]!) && keys.indexOf(keys[i]!) === i,
        );
      if (custom.length) {
        customFields.push({ sheet: table.name, columns: custom.map(([h]) => h) });
      }
      const get = (cells: TableRow['cells'], name: string) => {
        const index = at(name);
        return index >= 0 ? (cells[index] ?? null) : null;
      };
      const typeOf = (cells: TableRow['cells'], second: string) =>
        cellText(get(cells, 'type') ?? get(cells, second)) ?? '';
      const issueColumns = new Set(
        table.issues
          .filter((issue) => issue.row > header.row)
          .map((issue) => `${issue.row}:${issue.column}`),
      );
      for (const { row, cells } of data) {
        rowCount++;
        const customCells: [string, Cell][] = custom.map(([h, i]) => [
          h.trim(),
          issueColumns.has(`${row}:${i}`) ? null : (cells[i] ?? null),
        ]);
        if (isConnections) {
          connections.push({
            sheet: table.name,
            row,
            id: cellText(get(cells, 'id')),
            from: cellText(get(cells, 'from')),
            to: cellList(get(cells, 'to')) ?? [],
            type: typeOf(cells, 'connection type'),
            direction: cellText(get(cells, 'direction')),
            description: get(cells, 'description'),
            strength: get(cells, 'strength'),
            custom: customCells,
          });
        } else {
          elements.push({
            sheet: table.name,
            row,
            id: cellText(get(cells, 'id')),
            label: cellText(get(cells, 'label')),
            type: typeOf(cells, 'element type'),
            description: get(cells, 'description'),
            tags: get(cells, 'tags'),
            custom: customCells,
          });
        }
      }
    }
  }
  return { elements, connections, customFields, rowCount };
}

/** A blueprint value as a cell: lists joined with `|`, as Kumu's spreadsheets write them. */
function jsonCell(value: unknown): Cell | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value.filter((item) => item !== null).join('|');
  }
  return undefined;
}

const text = (value: unknown) => {
  const cell = jsonCell(value);
  return cell === undefined ? null : cellText(cell);
};

/** True for a Kumu blueprint: an object with `elements` or `connections` arrays. */
export const isBlueprint = (
  json: unknown,
): json is { elements?: unknown[]; connections?: unknown[] } =>
  typeof json === 'object' &&
  json !== null &&
  (Array.isArray((json as { elements?: unknown }).elements) ||
    Array.isArray((json as { connections?: unknown }).connections));

function fromBlueprint(
  json: { elements?: unknown[]; connections?: unknown[] },
  warnings: RawProblem[],
) {
  const elements: KumuElement[] = [];
  const connections: KumuConnection[] = [];
  const customColumns = { elements: new Set<string>(), connections: new Set<string>() };
  const split = (
    object: Record<string, unknown>,
    sheet: 'elements' | 'connections',
    row: number,
    known: Set<string>,
  ) => {
    // The project export nests fields under `attributes`; the short form has them at the top.
    const fields =
      typeof object.attributes === 'object' && object.attributes !== null
        ? { ...(object.attributes as Record<string, unknown>) }
        : { ...object };
    const get = (...names: string[]) => {
      for (const name of names) {
        const key = Object.keys(fields).find((k) => norm(k) === name);
        if (key !== undefined) return fields[key];
      }
      return undefined;
    };
    const custom: [string, Cell][] = [];
    for (const [key, value] of Object.entries(fields)) {
      const k = norm(key);
      if (known.has(k) || k === '_id' || k === 'attributes') continue;
      const cell = jsonCell(value);
      if (cell === undefined) {
        warnings.push({
          sheet,
          row,
          column: key,
          value: JSON.stringify(value),
          code: 'not_kept',
          level: 'warning',
        });
        continue;
      }
      customColumns[sheet].add(key);
      custom.push([key, cell]);
    }
    return { get, custom };
  };
  (json.elements ?? []).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const object = item as Record<string, unknown>;
    const { get, custom } = split(object, 'elements', index + 1, ELEMENT_COLUMNS);
    elements.push({
      sheet: 'elements',
      row: index + 1,
      id: text(object._id ?? object.id ?? get('id')),
      label: text(get('label')),
      type: text(get('element type', 'type')) ?? '',
      description: jsonCell(get('description')) ?? null,
      tags: jsonCell(get('tags')) ?? null,
      custom,
    });
  });
  (json.connections ?? []).forEach((item, index) => {
    if (typeof item !== 'object' || item === null) return;
    const object = item as Record<string, unknown>;
    const { get, custom } = split(object, 'connections', index + 1, CONNECTION_COLUMNS);
    const to = object.to ?? get('to');
    connections.push({
      sheet: 'connections',
      row: index + 1,
      id: text(object._id ?? object.id ?? get('id')),
      from: text(object.from ?? get('from')),
      to: Array.isArray(to) ? to.map(String) : (cellList(jsonCell(to) ?? null) ?? []),
      type: text(get('connection type', 'type')) ?? '',
      direction: text(object.direction ?? get('direction')),
      description: jsonCell(get('description')) ?? null,
      strength: jsonCell(get('strength')) ?? null,
      custom,
    });
  });
  const customFields = (['elements', 'connections'] as const)
    .filter((sheet) => customColumns[sheet].size)
    .map((sheet) => ({ sheet, columns: [...customColumns[sheet]] }));
  return { elements, connections, customFields, rowCount: elements.length + connections.length };
}

/* The type mapping. */

const nodeModels = (NODE_MODELS as readonly NodeModel[]).filter(inEveryFile);
const factModels = FACT_MODELS as readonly FactModel[];

const wordsOf = (model: AnyModel) => {
  const names = modelNames(model);
  return [model.kind, model.collection, ...names.da, ...names.en].map((word) => norm(word));
};

const optionKey = (text: string) => norm(text).replace(/[\s-]+/g, '_');

function target(model: AnyModel, preset: Record<string, string> = {}): MappingTarget {
  const values: Record<string, string> = {};
  for (const [name, field] of mappingFields(model)) {
    values[name] = preset[name] ?? field.fallback ?? field.options![0]!;
  }
  return { kind: model.kind, values };
}

/** The first model (in declaration order) with a mapping field that has `type` as an option. */
function byOption(models: readonly AnyModel[], type: string): MappingTarget | null {
  const wanted = optionKey(type);
  for (const model of models) {
    for (const [name, field] of mappingFields(model)) {
      if (field.options!.includes(wanted)) return target(model, { [name]: wanted });
    }
  }
  return null;
}

/**
 * The default target of a Kumu element type: the kind it names (`Initiative`, `Indsats`), else an
 * actor of the sector it names, else the forum kind it names, else an actor in sector `other`
 * that keeps the type as its free type.
 */
export function guessElement(type: string): MappingTarget {
  const word = norm(type);
  const named = word && nodeModels.find((model) => wordsOf(model).includes(word));
  if (named) return target(named);
  const actor = nodeModels.find((model) => model.kind === DEFAULT_ELEMENT_KIND)!;
  const forum = nodeModels.filter((model) => model.kind !== DEFAULT_ELEMENT_KIND);
  return (word && (byOption([actor], type) ?? byOption(forum, type))) || target(actor);
}

/**
 * The default target of a Kumu connection type: the kind it names (`Commitment`), else the fact
 * whose role, kind or position it names (`funder`, `member`, `opposes`), else an informal
 * collaboration.
 */
export function guessConnection(type: string): MappingTarget {
  const word = norm(type);
  const named = word && factModels.find((model) => wordsOf(model).includes(word));
  if (named) return target(named);
  const option = word ? byOption(factModels, type) : null;
  return option ?? target(factModels.find((model) => model.kind === DEFAULT_CONNECTION_KIND)!);
}

/** Whether a Kumu type names a kind or a sector, so it is not kept as an actor's free type. */
function namesKindOrOption(type: string): boolean {
  const word = norm(type);
  if (!word) return true;
  if (nodeModels.some((model) => wordsOf(model).includes(word))) return true;
  return nodeModels.some((model) =>
    mappingFields(model).some(([, field]) => field.options!.includes(optionKey(type))),
  );
}

function lookup(mapping: Record<string, MappingTarget> | undefined, type: string) {
  if (!mapping) return undefined;
  return mapping[type] ?? Object.entries(mapping).find(([key]) => norm(key) === norm(type))?.[1];
}

/* Rows. */

function customCell(row: ImportRow, header: string, cell: Cell) {
  const value = cellAttribute(cell);
  row.attributes ??= { replace: false, values: {} };
  if (value !== null) row.attributes.values[header] = value;
}

/**
 * A column beyond Kumu's own: a Samspil field of the row's kind when its header names one and the
 * value fits (Sector, Status, Role, Valid from, …), else a custom field.
 */
function readCustom(row: ImportRow, header: string, cell: Cell, problems: RawProblem[]) {
  const column = headerIndex(row.model).get(norm(header));
  if (!column || cell === null) return customCell(row, header, cell);
  const field = row.model.fields[column.field] as Field;
  const keep = (reason: string) => {
    problems.push({
      sheet: row.sheet,
      row: row.row,
      column: header,
      value: cell,
      code: 'kept_as_custom',
      params: { reason },
      level: 'warning',
    });
    customCell(row, header, cell);
  };
  if (column.part === 'name' || column.part === 'id') {
    const items = cellList(cell) ?? [];
    row.refs[column.field] = items.map((item) =>
      column.part === 'id' ? { id: item } : { name: item },
    );
    row.columns[column.field] = header;
    (row.lenient ??= {})[column.field] = { column: header, value: cellAttribute(cell) };
    return;
  }
  if (column.part !== 'value') return customCell(row, header, cell);
  const value = fieldCell(field, cell);
  if (isProblem(value)) return keep(value.code);
  const finding = validateField(row.model, column.field, value);
  if (finding) return keep(finding.code);
  row.values[column.field] = value;
  row.columns[column.field] = header;
}

function elementRow(
  element: KumuElement,
  mapping: MappingTarget,
  problems: RawProblem[],
): ImportRow {
  const model = nodeModels.find((m) => m.kind === mapping.kind)!;
  const row = emptyRow(model, element.sheet, element.row);
  row.key = element.id;
  row.mergeDuplicates = true;
  row.values[model.nameField] = element.label;
  row.columns[model.nameField] = 'Label';
  Object.assign(row.values, mapping.values);
  for (const name of Object.keys(mapping.values)) row.columns[name] = 'Type';
  if ('type' in model.fields && !namesKindOrOption(element.type)) {
    row.values.type = element.type;
    row.columns.type = 'Type';
  }
  if ('description' in model.fields) {
    row.values.description = cellText(element.description);
    row.columns.description = 'Description';
  } else if (element.description !== null) {
    customCell(row, 'Description', element.description);
  }
  const tags = model.fields.tags;
  if (tags?.storage === 'stringList') {
    row.values.tags = cellList(element.tags) ?? [];
    row.columns.tags = 'Tags';
  } else if (element.tags !== null) {
    customCell(row, 'Tags', element.tags);
  }
  for (const [header, cell] of element.custom) readCustom(row, header, cell, problems);
  return row;
}

function connectionRows(
  connection: KumuConnection,
  mapping: MappingTarget,
  problems: RawProblem[],
): ImportRow[] {
  const model = factModels.find((m) => m.kind === mapping.kind)!;
  return connection.to.map((to, index) => {
    const row = emptyRow(model, connection.sheet, connection.row);
    row.key = index === 0 ? connection.id : null;
    row.swappable = true;
    row.refs[model.from] = connection.from === null ? null : [{ either: connection.from }];
    row.columns[model.from] = 'From';
    row.refs[ANY_TARGET] = [{ either: to }];
    row.columns[ANY_TARGET] = 'To';
    Object.assign(row.values, mapping.values);
    for (const name of Object.keys(mapping.values)) row.columns[name] = 'Type';
    if ('note' in model.fields) {
      row.values.note = cellText(connection.description);
      row.columns.note = 'Description';
    }
    if (connection.strength !== null) {
      const strength = cellInteger(connection.strength);
      const fits =
        'strength' in model.fields &&
        !isProblem(strength) &&
        !validateField(model, 'strength', strength);
      if (fits) {
        row.values.strength = strength;
        row.columns.strength = 'Strength';
      } else {
        if ('strength' in model.fields) {
          problems.push({
            sheet: row.sheet,
            row: row.row,
            column: 'Strength',
            value: connection.strength,
            code: 'kept_as_custom',
            params: { reason: 'too_large' },
            level: 'warning',
          });
        }
        customCell(row, 'Strength', connection.strength);
      }
    }
    for (const [header, cell] of connection.custom) readCustom(row, header, cell, problems);
    return row;
  });
}

function mappingReport(
  types: Map<string, { spelling: string; rows: number }>,
  given: Record<string, MappingTarget> | undefined,
  guess: (type: string) => MappingTarget,
) {
  return [...types.values()].map(({ spelling, rows }) => {
    const chosen = lookup(given, spelling);
    return { type: spelling, rows, target: chosen ?? guess(spelling), guessed: !chosen };
  });
}

function countTypes(items: { type: string }[]) {
  const types = new Map<string, { spelling: string; rows: number }>();
  for (const item of items) {
    const key = norm(item.type);
    const entry = types.get(key) ?? { spelling: item.type.trim(), rows: 0 };
    entry.rows++;
    types.set(key, entry);
  }
  return types;
}

function build(
  source: {
    elements: KumuElement[];
    connections: KumuConnection[];
    customFields: ImportSet['customFields'];
    rowCount: number;
  },
  format: ImportFormat,
  mapping: KumuMapping,
  fatal: RawProblem[],
  warnings: RawProblem[],
): ImportSet {
  const { elements, connections } = source;
  // Ends that name no element row become elements of their own, as Kumu makes them.
  const named = new Set<string>();
  for (const element of elements) {
    if (element.id) named.add(norm(element.id));
    if (element.label) named.add(norm(element.label));
  }
  const implicit = new Map<string, KumuElement>();
  for (const connection of connections) {
    for (const end of [connection.from, ...connection.to]) {
      if (end === null || named.has(norm(end)) || implicit.has(norm(end))) continue;
      implicit.set(norm(end), {
        sheet: connection.sheet,
        row: connection.row,
        id: null,
        label: end,
        type: '',
        description: null,
        tags: null,
        custom: [],
      });
    }
  }
  const elementTypes = countTypes([...elements, ...implicit.values()]);
  const report: MappingReport = {
    elements: mappingReport(elementTypes, mapping.elements, guessElement),
    connections: mappingReport(countTypes(connections), mapping.connections, guessConnection),
  };
  const elementTargets = new Map(report.elements.map((entry) => [norm(entry.type), entry.target]));
  const connectionTargets = new Map(
    report.connections.map((entry) => [norm(entry.type), entry.target]),
  );
  const elementTarget = (type: string) => elementTargets.get(norm(type))!;
  const connectionTarget = (type: string) => connectionTargets.get(norm(type))!;
  const rows: ImportRow[] = [];
  for (const element of elements)
    rows.push(elementRow(element, elementTarget(element.type), warnings));
  for (const element of implicit.values()) {
    const row = elementRow(element, elementTarget(''), warnings);
    row.implicit = true;
    row.columns[(row.model as NodeModel).nameField] = 'To';
    rows.push(row);
  }
  for (const connection of connections) {
    if (connection.from === null || connection.to.length === 0) {
      const column = connection.from === null ? 'From' : 'To';
      const model = factModels.find((m) => m.kind === connectionTarget(connection.type).kind)!;
      const row = emptyRow(model, connection.sheet, connection.row);
      row.problems.push({
        sheet: connection.sheet,
        row: connection.row,
        column,
        code: 'required',
        level: 'error',
      });
      rows.push(row);
      continue;
    }
    rows.push(...connectionRows(connection, connectionTarget(connection.type), warnings));
  }
  for (const row of rows) {
    if (!isFactModel(row.model) && row.values[row.model.nameField] === null) {
      row.problems.push({
        sheet: row.sheet,
        row: row.row,
        column: 'Label',
        code: 'required',
        level: 'error',
      });
    }
  }
  if (rows.length === 0 && fatal.length === 0) {
    fatal.push({
      sheet: '',
      row: null,
      code: 'nothing_to_import',
      params: { sheets: 'Elements, Connections' },
      level: 'error',
    });
  }
  return {
    source: 'kumu',
    format,
    rows,
    rowCount: source.rowCount,
    fatal,
    warnings,
    customFields: source.customFields,
    mapping: report,
  };
}

/** Kumu's workbook or CSV file as import rows, with the types mapped. */
export function readKumuTables(
  tables: Table[],
  format: ImportFormat,
  mapping: KumuMapping = {},
): ImportSet {
  const fatal: RawProblem[] = [];
  const source = fromTables(tables, format === 'xlsx', fatal);
  return build(source, format, mapping, fatal, []);
}

/** A Kumu blueprint as import rows, with the types mapped. */
export function readBlueprint(
  json: { elements?: unknown[]; connections?: unknown[] },
  mapping: KumuMapping = {},
): ImportSet {
  const warnings: RawProblem[] = [];
  return build(fromBlueprint(json, warnings), 'json', mapping, [], warnings);
}

/** True when a table looks like one of Kumu's: `Label`, or `From` and `To`, in its header. */
export function looksKumu(tables: Table[]): boolean {
  return tables.some((table) => {
    const header = table.rows[0]?.cells.map((cell) => norm(cellText(cell) ?? '')) ?? [];
    return header.includes('label') || (header.includes('from') && header.includes('to'));
  });
}
