import { Type, type Static, type TSchema } from 'typebox';
import { SOURCE_KINDS } from './enums.ts';

/** A string enum as a JSON-schema `enum`, so validation errors list the allowed values. */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });
}

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** Opaque ids: ULIDs for created entities, UUIDs for seeded ones. */
export const IdSchema = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$',
  description: 'Opaque id (ULID or UUID)',
});

/** A calendar date, `YYYY-MM-DD`. */
export const DateSchema = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A timestamp, ISO 8601. */
export const TimestampSchema = Type.String({ format: 'date-time' });

export const NameSchema = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
export const TextSchema = Type.String({ maxLength: 5000 });
export const ScaleSchema = Type.Integer({ minimum: 1, maximum: 5 });
/** Whole units of the map's currency. */
export const MoneySchema = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
export const VersionSchema = Type.Integer({ minimum: 1 });

export const SourceSchema = Type.Object(
  {
    kind: StringEnum(SOURCE_KINDS),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  {
    additionalProperties: false,
    description: 'Where a claim comes from; `illustrative` marks a plausible, unverified example',
  },
);
export type Source = Static<typeof SourceSchema>;

/** Fields every stored entity carries. */
export const MetaProperties = {
  id: IdSchema,
  mapId: IdSchema,
  version: VersionSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
};

export const ErrorSchema = Type.Object({
  error: Type.String({ description: 'Stable machine code, e.g. `stale_version`' }),
  message: Type.String(),
  details: Type.Array(Type.Any()),
});
export type ApiError = Static<typeof ErrorSchema>;

export const ListQuerySchema = {
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Name search' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
}
