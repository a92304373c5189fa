import type { FactModel, Field, NodeModel } from '../../../graph-schema/index.ts';
import { TABLE_MODELS, columnsOf, isFactModel, modelNames, type Column } from './columns.ts';
import {
  columnCell,
  customCell,
  customKeys,
  nodeNames,
  rowsOf,
  type ExportInput,
  type OutCell,
} from './export-rows.ts';
import type { Entity } from './plan.ts';
import { writeXlsx, type Sheet } from './workbook-write.ts';

/**
 * `format=kumu`: a workbook Kumu imports (docs/import-export.md, "Kumu"). An Elements sheet with
 * `ID`, `Label`, `Type`, `Description` and `Tags`, and a Connections sheet with `ID`, `From`,
 * `To`, `Type`, `Direction`, `Description` and `Strength`, as Kumu's import guide lays them out.
 * Every other Samspil field, and every custom field, is a column of its own, which Kumu keeps
 * as a field and Samspil reads back into the same field. From and To hold the elements' IDs, as
 * Kumu asks when elements have IDs.
 */

const nodeModels = TABLE_MODELS.filter((m): m is NodeModel => !isFactModel(m));
const factModels = TABLE_MODELS.filter(isFactModel);

interface Extra {
  header: string;
  cell: (model: NodeModel | FactModel, entity: Entity) => OutCell;
}

/** The Samspil columns of each model that Kumu's own columns do not already cover, by header. */
function extraColumns(
  models: readonly (NodeModel | FactModel)[],
  skip: (model: NodeModel | FactModel, column: Column) => boolean,
  input: ExportInput,
  names: Map<string, string>,
): Extra[] {
  const byHeader = new Map<string, Map<string, Column>>();
  for (const model of models) {
    for (const column of columnsOf(model)) {
      if (column.part === 'id' || skip(model, column)) continue;
      const header = column.header[input.lang];
      if (!byHeader.has(header)) byHeader.set(header, new Map());
      byHeader.get(header)!.set(model.kind, column);
    }
  }
  return [...byHeader].map(([header, columns]) => ({
    header,
    cell: (model, entity) => {
      const column = columns.get(model.kind);
      return column ? columnCell(model, column, entity, names) : null;
    },
  }));
}

function customColumns(
  models: readonly (NodeModel | FactModel)[],
  input: ExportInput,
  taken: Set<string>,
): Extra[] {
  const keys = new Set<string>();
  for (const model of models)
    for (const key of customKeys(rowsOf(input.content, model))) keys.add(key);
  return [...keys]
    .filter((key) => !taken.has(key.toLowerCase()))
    .map((key) => ({ header: key, cell: (_model, entity) => customCell(entity, key) }));
}

/**
 * A custom field kept under one of Kumu's own column names (a non-numeric Strength, the Tags
 * of an element without tags), for that column when the model has no field of its own for it.
 */
function kept(entity: Entity, header: string): OutCell {
  const attributes = (entity.attributes ?? {}) as Record<string, string | number>;
  const key = Object.keys(attributes).find((name) => name.toLowerCase() === header.toLowerCase());
  return key === undefined ? null : attributes[key]!;
}

/** Kumu's Type of an element: an actor's own free type, else the noun of its kind. */
function elementType(model: NodeModel, entity: Entity, input: ExportInput): string {
  if (model.fields.type && typeof entity.type === 'string' && entity.type) return entity.type;
  return modelNames(model)[input.lang][0];
}

export function kumuSheets(input: ExportInput): Sheet[] {
  const names = nodeNames(input.content);
  const core = (model: NodeModel | FactModel, column: Column) => {
    if (isFactModel(model)) {
      return [model.from, ...model.to, 'note', 'strength'].includes(column.field);
    }
    return [model.nameField, 'description', 'type', 'tags'].includes(column.field);
  };
  const elementExtras = extraColumns(nodeModels, core, input, names);
  const elementCustom = customColumns(
    nodeModels,
    input,
    new Set([
      'id',
      'label',
      'type',
      'description',
      'tags',
      ...elementExtras.map((e) => e.header.toLowerCase()),
    ]),
  );
  const elements: OutCell[][] = [];
  for (const model of nodeModels) {
    for (const entity of rowsOf(input.content, model)) {
      const hasTags = (model.fields.tags as Field | undefined)?.storage === 'stringList';
      const tags = hasTags ? (entity.tags as string[]) : [];
      const description = (entity.description as string | null) ?? null;
      elements.push([
        entity.id,
        String(entity[model.nameField] ?? ''),
        elementType(model, entity, input),
        'description' in model.fields ? description : kept(entity, 'Description'),
        hasTags ? (tags.length ? tags.join('|') : null) : kept(entity, 'Tags'),
        ...elementExtras.map((extra) => extra.cell(model, entity)),
        ...elementCustom.map((extra) => extra.cell(model, entity)),
      ]);
    }
  }
  const connectionExtras = extraColumns(factModels, core, input, names);
  const connectionCustom = customColumns(
    factModels,
    input,
    new Set([
      'id',
      'from',
      'to',
      'type',
      'direction',
      'description',
      'strength',
      ...connectionExtras.map((e) => e.header.toLowerCase()),
    ]),
  );
  const connections: OutCell[][] = [];
  for (const model of factModels) {
    for (const entity of rowsOf(input.content, model)) {
      const toField = model.to.find((field) => entity[field]);
      connections.push([
        entity.id,
        entity[model.from] as string,
        toField ? (entity[toField] as string) : null,
        modelNames(model)[input.lang][0],
        model.undirected ? 'undirected' : 'directed',
        (entity.note as string | null) ?? null,
        typeof entity.strength === 'number' ? entity.strength : kept(entity, 'Strength'),
        ...connectionExtras.map((extra) => extra.cell(model, entity)),
        ...connectionCustom.map((extra) => extra.cell(model, entity)),
      ]);
    }
  }
  return [
    {
      name: 'Elements',
      header: [
        'ID',
        'Label',
        'Type',
        'Description',
        'Tags',
        ...elementExtras.map((e) => e.header),
        ...elementCustom.map((e) => e.header),
      ],
      rows: elements,
      choices: new Map(),
    },
    {
      name: 'Connections',
      header: [
        'ID',
        'From',
        'To',
        'Type',
        'Direction',
        'Description',
        'Strength',
        ...connectionExtras.map((e) => e.header),
        ...connectionCustom.map((e) => e.header),
      ],
      rows: connections,
      choices: new Map(),
    },
  ];
}

/** `format=kumu`: the Kumu workbook. */
export function kumuWorkbook(input: ExportInput): Promise<Uint8Array> {
  return writeXlsx(kumuSheets(input), input.map.name);
}
