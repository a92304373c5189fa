import {
  Type,
  type Static,
  type TNull,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TUnion,
} from 'typebox';
import { MetaProperties } from './common.ts';
import type { FactType, Label, LinkType } from './labels.ts';

/**
 * The building blocks of the one model declaration (docs/data-model.md). Every entity and fact
 * is declared once, in `entities.ts`, as a list of fields. A field says what it accepts (its
 * TypeBox schema), how it is stored, how a form shows it and whether lists filter by it; the
 * request and response schemas, the repositories' Cypher, the list filters, the web app's forms
 * and the TypeScript types are all derived from that one list.
 */

/**
 * How a field is kept in Neo4j:
 * - `string`, `int`, `date`, `stringList`: one property (integers as Neo4j integers, dates as
 *   Neo4j `Date`);
 * - `source`: the three properties `sourceKind`, `sourceUrl`, `sourceNote`;
 * - `flat`: an object whose keys are properties of their own (a map's settings);
 * - `json`: one property holding JSON text, read and written whole;
 * - `link`: relationships to other nodes (see `LinkSpec`), not a property;
 * - `end`: one end of a fact, the node at either side of its relationship.
 */
export type Storage =
  'string' | 'int' | 'date' | 'stringList' | 'source' | 'flat' | 'json' | 'link' | 'end';

/** How a form shows a field; the web app has one control per widget. */
export type Widget =
  | 'text'
  | 'textarea'
  | 'select'
  | 'number'
  | 'scale'
  | 'strength'
  | 'date'
  | 'ref'
  | 'refs'
  | 'tags'
  | 'source'
  | 'items'
  | 'none';

/**
 * A structural link: relationships `(owner)-[:rel]->(target)` set as one id (`many: false`) or
 * an id array on the owning entity, and replaced whole on every write that names the field.
 * With `key`, the field is an array of objects instead of ids: each object names its target in
 * `key` (e.g. `actorId`), and its other fields are the relationship's properties (a meeting's
 * participants, each with a sentiment and a note).
 */
export interface LinkSpec {
  rel: LinkType;
  targets: readonly Label[];
  many: boolean;
  /** Refuse a link that would close a cycle (PART_OF, DEPENDS_ON). */
  acyclic?: boolean;
  /** For links that carry properties: the object field that holds the target's id. */
  key?: string;
}

/**
 * One field. `S` is the schema of the value in create and patch bodies, `R` whether a create
 * must give it, `N` whether it reads back as `null` when unset (arrays read back as `[]`, and a
 * field with a default reads back as the default), and `E` the schema of the stored value as it
 * reads back, when that differs from `S`.
 */
export interface Field<
  S extends TSchema = TSchema,
  R extends boolean = boolean,
  N extends boolean = boolean,
  E extends TSchema = S,
> {
  readonly schema: S;
  readonly entitySchema: E;
  readonly required: R;
  readonly nullable: N;
  readonly storage: Storage;
  readonly widget: Widget;
  /** The i18n key of the form label (default `field.<name>`). */
  readonly label?: string;
  /** The i18n group of an enum's value labels (`sector.municipal`, …). */
  readonly enumGroup?: string;
  readonly options?: readonly string[];
  /** The list query parameter that filters by this field (`?sector=`, `?areaId=`). */
  readonly filter?: string;
  readonly link?: LinkSpec;
  /** For an end: the labels the node at that end may have. */
  readonly end?: readonly Label[];
  /** What an unset field reads back as, when it has a default. */
  readonly defaultValue?: unknown;
  /** The spreadsheet column header (default: derived from the field's name, in English). */
  readonly column?: Words;
  /**
   * For a required choice: the value an import proposes when the file does not say (a Kumu
   * element type becomes an actor in sector `other`).
   */
  readonly fallback?: string;
  /** Text whose leading and trailing white space is dropped before it is stored. */
  readonly trim?: boolean;
  /**
   * For a `json` field whose value names entities by id (a saved view's focus and picks): the
   * value with every id given to `rename` replaced by its answer, and dropped when that is null.
   * An import calls it, so that a view restored as a new map names the new map's entities.
   */
  readonly renameIds?: (value: never, rename: (id: string) => string | null) => unknown;
}

export type Fields = Record<string, Field>;

/** A word or phrase in each language of the app, e.g. a column header. */
export interface Words {
  da: string;
  en: string;
}

/** Field options that only change how a field is shown, filtered, imported or exported. */
export interface FieldOptions {
  label?: string;
  enumGroup?: string;
  filter?: string;
  column?: Words;
  fallback?: string;
  trim?: boolean;
}

/** A field a create must give. */
export function required<S extends TSchema, N extends boolean, E extends TSchema>(
  field: Field<S, boolean, N, E>,
): Field<S, true, N, E> {
  return { ...field, required: true };
}

function field<S extends TSchema>(
  schema: S,
  storage: Storage,
  widget: Widget,
  options: FieldOptions & { options?: readonly string[]; renameIds?: Field['renameIds'] } = {},
): Field<S, false, true, S> {
  return {
    schema,
    entitySchema: schema,
    required: false,
    nullable: true,
    storage,
    widget,
    ...options,
  };
}

export const text = <S extends TSchema>(schema: S, options?: FieldOptions) =>
  field(schema, 'string', 'text', options);

export const longText = <S extends TSchema>(schema: S, options?: FieldOptions) =>
  field(schema, 'string', 'textarea', options);

export const integer = <S extends TSchema>(
  schema: S,
  widget: 'number' | 'scale' | 'strength',
  options?: FieldOptions,
) => field(schema, 'int', widget, options);

export const date = <S extends TSchema>(schema: S, options?: FieldOptions) =>
  field(schema, 'date', 'date', options);

export const source = <S extends TSchema>(schema: S, options?: FieldOptions) =>
  field(schema, 'source', 'source', options);

/** One of fixed values; `options` are the values, `enumGroup` names their translations. */
export const choice = <S extends TSchema>(
  schema: S,
  values: readonly string[],
  options: FieldOptions & { enumGroup: string },
) => field(schema, 'string', 'select', { ...options, options: values });

/** A list of free words; reads back as `[]` when unset. */
export function tags<S extends TSchema>(
  schema: S,
  options?: FieldOptions,
): Field<S, false, false, S> {
  return { ...field(schema, 'stringList', 'tags', options), nullable: false };
}

/** A link to one node (`parentId`). */
export const ref = <S extends TSchema>(
  schema: S,
  link: Omit<LinkSpec, 'many'>,
  options?: FieldOptions,
): Field<S, false, true, S> => ({
  ...field(schema, 'link', 'ref', options),
  link: { ...link, many: false },
});

/** Links to several nodes (`areaIds`); reads back as `[]` when unset. */
export const refs = <S extends TSchema>(
  schema: S,
  link: Omit<LinkSpec, 'many'>,
  options?: FieldOptions,
): Field<S, false, false, S> => ({
  ...field(schema, 'link', 'refs', options),
  nullable: false,
  link: { ...link, many: true },
});

/**
 * Links that carry properties: an array of objects, each naming its target in `key` and holding
 * the relationship's own properties (`participants: [{actorId, sentiment, note}]`); reads back
 * as `[]` when unset, ordered by target id. No two objects may name the same target.
 */
export const linkObjects = <S extends TSchema>(
  schema: S,
  link: Omit<LinkSpec, 'many' | 'key'> & { key: string },
  options?: FieldOptions,
): Field<S, false, false, S> => ({
  ...field(schema, 'link', 'items', options),
  nullable: false,
  link: { ...link, many: true },
});

/** One end of a fact: the id of the node at that end, set on create and never changed. */
export const end = <S extends TSchema>(
  schema: S,
  labels: readonly Label[],
  options?: FieldOptions,
): Field<S, false, true, S> => ({ ...field(schema, 'end', 'ref', options), end: labels });

/**
 * A field with a default: unset, it reads back as `value`. `entitySchema` describes the value as
 * it reads back (a map's settings come back complete, each with its default).
 */
export function withDefault<S extends TSchema, R extends boolean, E extends TSchema = S>(
  base: Field<S, R, boolean, TSchema>,
  value: unknown,
  entitySchema?: E,
): Field<S, R, false, E> {
  return {
    ...base,
    nullable: false,
    defaultValue: value,
    entitySchema: (entitySchema ?? base.schema) as E,
  };
}

/** An object stored as properties of its own, one per key (a map's settings). */
export const flat = <S extends TSchema>(schema: S, options?: FieldOptions) =>
  field(schema, 'flat', 'none', options);

/**
 * Free-form custom fields, kept as one JSON property and written whole; reads back as `{}` when
 * unset. Forms do not edit them; imports fill them from the columns a file has beyond the
 * model's own, exports write them back as columns.
 */
export function attributes<S extends TSchema>(
  schema: S,
  options?: FieldOptions,
): Field<S, false, false, S> {
  return { ...field(schema, 'json', 'none', options), nullable: false, defaultValue: {} };
}

/**
 * A whole object kept as one JSON property and written whole (a saved view's state); validated
 * by its schema like any other field. Forms do not edit it, and only the backup carries it.
 */
export function json<S extends TSchema>(
  schema: S,
  options?: FieldOptions & {
    renameIds?: (value: Static<S>, rename: (id: string) => string | null) => Static<S>;
  },
): Field<S, false, true, S> {
  const { renameIds, ...rest } = options ?? {};
  return field(schema, 'json', 'none', {
    ...rest,
    ...(renameIds ? { renameIds: renameIds as Field['renameIds'] } : {}),
  });
}

/* Schemas derived from fields. */

type Nullable<S extends TSchema> = TUnion<[S, TNull]>;

export type CreateProperties<F extends Fields> = {
  [K in keyof F]: F[K] extends Field<infer S, true, boolean, TSchema>
    ? S
    : F[K] extends Field<infer S, false, boolean, TSchema>
      ? TOptional<Nullable<S>>
      : never;
};

export type PatchProperties<F extends Fields> = {
  [K in keyof F]: F[K] extends Field<infer S, true, boolean, TSchema>
    ? TOptional<S>
    : F[K] extends Field<infer S, false, boolean, TSchema>
      ? TOptional<Nullable<S>>
      : never;
};

export type EntityProperties<F extends Fields> = {
  [K in keyof F]: F[K] extends Field<TSchema, true, boolean, infer E>
    ? E
    : F[K] extends Field<TSchema, false, false, infer E>
      ? E
      : F[K] extends Field<TSchema, false, true, infer E>
        ? Nullable<E>
        : never;
};

export type Meta = typeof MetaProperties;

export interface Schemas<F extends Fields, P extends TProperties = Meta> {
  create: TObject<CreateProperties<F>>;
  patch: TObject<PatchProperties<F>>;
  entity: TObject<P & EntityProperties<F>>;
}

const nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);

/**
 * The create, patch and entity schemas of a list of fields; the entity also carries `meta`,
 * the fields every stored entity has (id, mapId, version, timestamps).
 */
export function deriveSchemas<F extends Fields, P extends TProperties = Meta>(
  name: string,
  fields: F,
  meta: P = MetaProperties as unknown as P,
): Schemas<F, P> {
  const create: Record<string, TSchema> = {};
  const patch: Record<string, TSchema> = {};
  const entity: Record<string, TSchema> = { ...meta };
  for (const [key, f] of Object.entries(fields)) {
    create[key] = f.required ? f.schema : Type.Optional(nullable(f.schema));
    patch[key] = Type.Optional(f.required ? f.schema : nullable(f.schema));
    entity[key] = f.required || !f.nullable ? f.entitySchema : nullable(f.entitySchema);
  }
  return {
    create: Type.Object(create, { additionalProperties: false, title: `${name}Create` }),
    patch: Type.Object(patch, {
      additionalProperties: false,
      minProperties: 1,
      title: `${name}Patch`,
    }),
    entity: Type.Object(entity, { additionalProperties: false, title: name }),
  } as unknown as Schemas<F, P>;
}

/* Declarations. */

interface ModelBase<K extends string, F extends Fields, C extends string> {
  /** Singular, lower case: the kind of graph element, and the noun in messages. */
  kind: K;
  /** The route segment of the collection, e.g. `actors`. */
  collection: C;
  fields: F;
  /**
   * The nouns for people, singular and plural (`['Aktør', 'Aktører']`): a workbook's sheet
   * names, and the words an import recognises as this kind. Default: from `kind` and
   * `collection`, in English.
   */
  names?: { da: readonly [string, string]; en: readonly [string, string] };
  /**
   * Which files carry it: `all` (the default) every export and import, `backup` only the JSON
   * backup. A saved view is a way of looking at the map, not a row of a sheet or a node of a
   * network, so the workbook, the CSV files, Kumu, GEXF and GraphML leave it out.
   */
  files?: 'all' | 'backup';
}

export interface NodeModel<
  K extends string = string,
  F extends Fields = Fields,
  C extends string = string,
> extends ModelBase<K, F, C> {
  label: Label;
  /** The field that names the entity in lists, search and messages. */
  nameField: keyof F & string;
  /** A pair of date fields that must be in order. */
  dateRange?: readonly [keyof F & string, keyof F & string];
  /**
   * Whether the map's graph shows these as nodes (default true). Meetings, decisions and
   * actions are records about the map's network, not part of it.
   */
  graph?: boolean;
  schemas: Schemas<F>;
}

export interface FactModel<
  K extends string = string,
  F extends Fields = Fields,
  C extends string = string,
> extends ModelBase<K, F, C> {
  type: FactType;
  /** The end field on the relationship's start node. */
  from: keyof F & string;
  /** The other end: one of these fields, exactly one given. */
  to: readonly (keyof F & string)[];
  /** Direction carries no meaning (collaborations): duplicates are unordered. */
  undirected?: boolean;
  /** Properties that, with the ends and an overlapping period, make two facts duplicates. */
  duplicateKey: readonly (keyof F & string)[];
  schemas: Schemas<F>;
}

const titleCase = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

export function defineNode<
  const K extends string,
  F extends Fields,
  const C extends string,
  const G extends boolean = true,
>(
  declaration: Omit<NodeModel<K, F, C>, 'schemas' | 'graph'> & { graph?: G },
): NodeModel<K, F, C> & { graph: G } {
  return {
    ...declaration,
    graph: (declaration.graph ?? true) as G,
    schemas: deriveSchemas(titleCase(declaration.kind), declaration.fields),
  };
}

export function defineFact<const K extends string, F extends Fields, const C extends string>(
  declaration: Omit<FactModel<K, F, C>, 'schemas'>,
): FactModel<K, F, C> {
  return {
    ...declaration,
    schemas: deriveSchemas(titleCase(declaration.kind), declaration.fields),
  };
}

/** Whether every export and import carries the model, not only the backup (see `files`). */
export const inEveryFile = (model: { files?: 'all' | 'backup' }): boolean =>
  model.files !== 'backup';

export type EntityOf<M extends { schemas: Schemas<Fields> }> = Static<M['schemas']['entity']>;
export type CreateOf<M extends { schemas: Schemas<Fields> }> = Static<M['schemas']['create']>;
export type PatchOf<M extends { schemas: Schemas<Fields> }> = Static<M['schemas']['patch']>;

/** The query parameters a list accepts to filter by, with the schema of each. */
export function filterSchemas(model: NodeModel | FactModel): Record<string, TSchema> {
  const out: Record<string, TSchema> = {};
  for (const f of Object.values(model.fields)) {
    if (!f.filter) continue;
    type Described = TSchema & { items?: Described; properties?: Record<string, TSchema> };
    const schema = f.schema as Described;
    const item = f.storage === 'stringList' || f.link?.many ? schema.items! : schema;
    // A link with properties filters by the id of its target.
    out[f.filter] = Type.Optional(f.link?.key ? item.properties![f.link.key]! : item);
  }
  return out;
}
