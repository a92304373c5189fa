import { Type, type Static, type TSchema } from 'typebox';
import { IdSchema, Nullable, StringEnum, TimestampSchema } from './common.ts';
import { FACT_MODELS, MapSchema, NODE_MODELS } from './entities.ts';
import { inEveryFile, type FactModel, type Field, type NodeModel } from './model.ts';

/**
 * Data in and out of a map (docs/import-export.md): the import report, the Kumu type mapping,
 * the JSON backup and the writes an import hands the repository. Everything per kind is derived
 * from the model declarations, so a new entity or fact is imported and exported without a
 * change here.
 */

type AnyModel = NodeModel | FactModel;
const ALL_MODELS = [...NODE_MODELS, ...FACT_MODELS] as readonly AnyModel[];

export const EXPORT_FORMATS = ['xlsx', 'csv', 'json', 'kumu', 'gexf', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Whose layout a file follows: Samspil's own workbook and backup, or Kumu's. */
export const IMPORT_SOURCES = ['samspil', 'kumu'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
export const IMPORT_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The limits of an upload (docs/import-export.md, "Limits and safety"). */
export const IMPORT_LIMITS = {
  /** The uploaded file, in bytes. */
  fileBytes: 20 * 1024 * 1024,
  /** Data rows over all sheets (or elements and connections of a blueprint). */
  rows: 100_000,
  /** What a zip (an XLSX workbook is one) may unpack to, in bytes. */
  unpackedBytes: 300 * 1024 * 1024,
  /** Files in a zip. */
  zipEntries: 2_000,
  /** Columns of a sheet. */
  columns: 500,
} as const;

export const ProblemSchema = Type.Object(
  {
    sheet: Type.String({ description: 'The sheet, CSV file or blueprint part ("" for the file)' }),
    row: Nullable(
      Type.Integer({ description: 'The row as a spreadsheet numbers it (1 = header)' }),
    ),
    column: Nullable(Type.String()),
    value: Nullable(Type.String({ description: 'What the cell held, as text' })),
    message: Type.String({ description: 'In the language of the request' }),
    code: Type.String({ description: 'Stable machine code, e.g. `unknown_reference`' }),
    level: StringEnum(['error', 'warning'] as const),
  },
  { additionalProperties: false, title: 'ImportProblem' },
);
export type ImportProblem = Static<typeof ProblemSchema>;

const Count = Type.Integer({ minimum: 0 });
export const KindCountsSchema = Type.Object(
  { create: Count, update: Count, unchanged: Count, invalid: Count },
  { additionalProperties: false },
);
export type KindCounts = Static<typeof KindCountsSchema>;

/** One row that creates or changes something, for the report's table. */
export const RowChangeSchema = Type.Object(
  {
    sheet: Type.String(),
    row: Nullable(Type.Integer()),
    kind: Type.String({ description: 'actor, initiative, …, commitment, …' }),
    action: StringEnum(['create', 'update'] as const),
    /** The entity's id: the existing one for an update, the new one once a create is written. */
    id: Nullable(IdSchema),
    name: Type.String({ description: 'The name, or for a fact its two ends' }),
    fields: Type.Array(Type.String(), { description: 'The fields an update changes' }),
  },
  { additionalProperties: false },
);
export type RowChange = Static<typeof RowChangeSchema>;

/** The fields a type mapping must fill: each model's required choices (sector, role, …). */
export function mappingFields(model: AnyModel): [string, Field][] {
  return Object.entries(model.fields).filter(
    ([, field]) => field.required && field.storage === 'string' && field.options,
  );
}

function targetSchema(models: readonly AnyModel[]): TSchema {
  return Type.Union(
    models.map((model) =>
      Type.Object(
        {
          kind: Type.Literal(model.kind),
          values: Type.Object(
            Object.fromEntries(
              mappingFields(model).map(([name, field]) => [name, StringEnum(field.options!)]),
            ),
            { additionalProperties: false },
          ),
        },
        { additionalProperties: false },
      ),
    ),
  );
}

/**
 * What a Kumu type becomes: an element type one node kind, a connection type one fact kind, each
 * with the values of its required choices (an actor's sector, a commitment's role and status).
 */
export const ElementTargetSchema = targetSchema(NODE_MODELS.filter(inEveryFile));
export const ConnectionTargetSchema = targetSchema(FACT_MODELS);
export interface MappingTarget {
  kind: string;
  values: Record<string, string>;
}

const TypeName = Type.String({ maxLength: 200, description: 'A Kumu type; "" for none' });

/** The mapping a client sends (the `mapping` field of the upload), by Kumu type. */
export const KumuMappingSchema = Type.Object(
  {
    elements: Type.Optional(
      Type.Record(TypeName, ElementTargetSchema, {
        maxProperties: 1000,
        additionalProperties: false,
      }),
    ),
    connections: Type.Optional(
      Type.Record(TypeName, ConnectionTargetSchema, {
        maxProperties: 1000,
        additionalProperties: false,
      }),
    ),
  },
  { additionalProperties: false, title: 'KumuMapping' },
);
export interface KumuMapping {
  elements?: Record<string, MappingTarget>;
  connections?: Record<string, MappingTarget>;
}

const MappingEntry = (target: TSchema) =>
  Type.Object(
    {
      type: Type.String({ description: 'The Kumu type as the file writes it; "" for none' }),
      rows: Count,
      target,
      /** True when the target is the default guess rather than the request's choice. */
      guessed: Type.Boolean(),
    },
    { additionalProperties: false },
  );

/** The mapping an import used, with how many rows each type had. */
export const MappingReportSchema = Type.Object(
  {
    elements: Type.Array(MappingEntry(ElementTargetSchema)),
    connections: Type.Array(MappingEntry(ConnectionTargetSchema)),
  },
  { additionalProperties: false },
);
export interface MappingReport {
  elements: { type: string; rows: number; target: MappingTarget; guessed: boolean }[];
  connections: { type: string; rows: number; target: MappingTarget; guessed: boolean }[];
}

export const ImportReportSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    /** True when the import was written. */
    applied: Type.Boolean(),
    source: StringEnum(IMPORT_SOURCES),
    format: StringEnum(IMPORT_FORMATS),
    mapId: Nullable(IdSchema),
    /** A change of the import's history group: reverting it undoes the whole import. */
    changeId: Nullable(IdSchema),
    /** Data rows read (blank rows and ignored sheets not counted). */
    rows: Count,
    counts: Type.Object(
      Object.fromEntries(ALL_MODELS.map((model) => [model.kind, KindCountsSchema])),
      { additionalProperties: false },
    ),
    errors: Count,
    warnings: Count,
    /** The first problems (errors first), each in the request's language. */
    problems: Type.Array(ProblemSchema),
    changeCount: Count,
    /** The first rows that create or change something. */
    changes: Type.Array(RowChangeSchema),
    /** Columns kept as custom fields (`attributes`), by sheet. */
    customFields: Type.Array(
      Type.Object(
        { sheet: Type.String(), columns: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    mapping: Nullable(MappingReportSchema),
  },
  { additionalProperties: false, title: 'ImportReport' },
);
export type ImportReport = Omit<Static<typeof ImportReportSchema>, 'mapping'> & {
  mapping: MappingReport | null;
};

/** A refused import: the error shape, with the report that says why. */
export const ImportRefusedSchema = Type.Object(
  {
    error: Type.String(),
    message: Type.String(),
    details: Type.Array(Type.Any()),
    report: Type.Optional(ImportReportSchema),
  },
  { title: 'ImportRefused' },
);

/** `GET …/imports/:token/progress`: how far an import in flight has come. */
export const ImportProgressSchema = Type.Object(
  {
    phase: StringEnum(['reading', 'checking', 'writing', 'done'] as const),
    done: Count,
    total: Count,
  },
  { additionalProperties: false },
);
export type ImportProgress = Static<typeof ImportProgressSchema>;

/** `format=json`: a whole map, every entity and fact with its versions and provenance. */
export const BACKUP_FORMAT = 'samspil-backup';
export const BackupSchema = Type.Object(
  {
    format: Type.Literal(BACKUP_FORMAT),
    version: Type.Literal(1),
    exportedAt: TimestampSchema,
    map: MapSchema,
    layout: Type.Record(
      Type.String(),
      Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false }),
    ),
    content: Type.Object(
      Object.fromEntries(
        ALL_MODELS.map((model) => [model.collection, Type.Array(model.schemas.entity)]),
      ),
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, title: 'Backup' },
);

/** A new entity an import writes: its id and its create body, links and ends as ids. */
export interface EntityCreate {
  collection: string;
  id: string;
  body: Record<string, unknown>;
}

/** An entity an import changes: only the fields that change, and the entity before. */
export interface EntityUpdate {
  collection: string;
  id: string;
  patch: Record<string, unknown>;
  before: Record<string, unknown> & { id: string; version: number };
}

/**
 * What an import writes, already checked against the map as it is inside the write: what the
 * repository writes in batches and records in the history, in this order. New nodes come before
 * new facts, and a new node that links to another new node comes before it, so that reverting
 * the import can take them away one by one.
 */
export interface ImportWrites {
  creates: EntityCreate[];
  updates: EntityUpdate[];
}
