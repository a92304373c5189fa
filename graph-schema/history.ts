import { Type, type Static } from 'typebox';
import { IdSchema, Nullable, StringEnum, TimestampSchema } from './common.ts';

/**
 * The change history (`GET /maps/:mapId/history`): one entry per entity a write touched, with
 * who made it, when, and the entity before and after (docs/data-model.md, "Edit time").
 */

export const PRINCIPAL_TYPES = ['user', 'token', 'share', 'system', 'anonymous'] as const;
export const CHANGE_OPS = ['create', 'update', 'delete'] as const;
/** `request`: what the write named; `cascade`: what it took along; `revert`: an undo. */
export const CHANGE_CAUSES = ['request', 'cascade', 'revert'] as const;

const Snapshot = Nullable(
  Type.Record(Type.String(), Type.Unknown(), {
    description: 'The entity as the API showed it (null before a create and after a delete)',
  }),
);

export const ChangeSchema = Type.Object(
  {
    id: IdSchema,
    /** Every change of one write shares its group; reverting one change reverts the group. */
    groupId: IdSchema,
    revision: Type.Integer({ description: 'The map revision the write produced' }),
    at: TimestampSchema,
    by: Type.Object(
      {
        type: StringEnum(PRINCIPAL_TYPES),
        id: Nullable(Type.String()),
        name: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    entityType: Type.String({ description: 'actor, initiative, …, map or layout' }),
    entityId: Type.String(),
    op: StringEnum(CHANGE_OPS),
    cause: StringEnum(CHANGE_CAUSES),
    fields: Type.Array(Type.String(), { description: 'The fields whose values changed' }),
    before: Snapshot,
    after: Snapshot,
    revertOf: Nullable(IdSchema),
  },
  { additionalProperties: false, title: 'Change' },
);
export type Change = Static<typeof ChangeSchema>;

export const HistoryPageSchema = Type.Object(
  { items: Type.Array(ChangeSchema), nextCursor: Nullable(Type.String()) },
  { additionalProperties: false },
);

/** What `POST …/history/:changeId/revert` answers: the changes the revert made. */
export const RevertResultSchema = Type.Object(
  { reverted: IdSchema, changes: Type.Array(ChangeSchema) },
  { additionalProperties: false },
);
export type RevertResult = Static<typeof RevertResultSchema>;
