import { Type, type Static, type TSchema } from 'typebox';
import { SOURCE_KINDS } from './enums.ts';

/** A string enum as a JSON-schema `enum`, so validation errors list the allowed values. */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });
}

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';

/** Opaque ids: ULIDs for created entities, UUIDs for seeded ones. */
export const IdSchema = Type.String({
  pattern: ID_PATTERN,
  description: 'Opaque id (ULID or UUID)',
});

/** A calendar date, `YYYY-MM-DD`. */
export const DateSchema = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A timestamp, ISO 8601. */
export const TimestampSchema = Type.String({ format: 'date-time' });

/**
 * At least one visible character: not only white space, control characters or invisible
 * format characters such as the zero-width space. The pattern is plain enough for both
 * JavaScript and the fuzzer's Python regular expressions.
 */
export const VISIBLE_CHARACTER =
  '[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0]';

export const NameSchema = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: VISIBLE_CHARACTER,
  description: 'Must contain a visible character',
});

/** A web address people can open: `http:` or `https:` only, never `javascript:` or `data:`. */
export const HTTP_URL = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+([/?#][^\\s]*)?$';
export const UrlSchema = Type.String({
  maxLength: 2000,
  pattern: HTTP_URL,
  description: 'An http: or https: address',
});
export const TextSchema = Type.String({ maxLength: 5000 });

/** Limits of an entity's custom fields (`attributes`). */
export const ATTRIBUTE_LIMITS = { keys: 50, keyLength: 100, textLength: 2000 } as const;

/**
 * Custom fields: what a spreadsheet or a Kumu map holds beyond the model's own fields. Each value
 * is text, a number, or a date written `YYYY-MM-DD` (which exports write as a date). A name has
 * a visible character and no control characters.
 */
export const AttributesSchema = Type.Record(
  Type.String({
    pattern: '^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$',
  }),
  Type.Union([Type.String({ maxLength: ATTRIBUTE_LIMITS.textLength }), Type.Number()]),
  {
    maxProperties: ATTRIBUTE_LIMITS.keys,
    additionalProperties: false,
    propertyNames: { minLength: 1, maxLength: ATTRIBUTE_LIMITS.keyLength },
    description:
      'Custom fields by name: text (at most 2000 characters), a number, or a date as `YYYY-MM-DD`; at most 50',
  },
);
export type Attributes = Static<typeof AttributesSchema>;
export const ScaleSchema = Type.Integer({ minimum: 1, maximum: 5 });
/** Whole units of the map's currency. */
export const MoneySchema = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
export const VersionSchema = Type.Integer({ minimum: 1 });

export const SourceSchema = Type.Object(
  {
    kind: StringEnum(SOURCE_KINDS),
    url: Type.Optional(UrlSchema),
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
  cursor: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'The `nextCursor` of the previous page; only a cursor this API handed out is accepted, anything else gets 400 `invalid_cursor`',
    }),
  ),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });
}
