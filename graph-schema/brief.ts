import { Type, type Static, type TProperties } from 'typebox';
import { AllianceSuggestionSchema, EntityRefSchema, GapSchema } from './analysis.ts';
import { DateSchema, IdSchema, Nullable, StringEnum } from './common.ts';
import {
  ACTION_STATUSES,
  COLLABORATION_KINDS,
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  DECISION_OUTCOMES,
  LOCALES,
  MEETING_KINDS,
  SECTORS,
  SENTIMENTS,
  STANCE_POSITIONS,
} from './enums.ts';

/**
 * `GET /maps/:mapId/brief`: a meeting brief for chosen parties, made from the analysis of the map
 * at a date (docs/meetings.md). Closed objects, like the analysis contract, so the contract test
 * catches a field that drifts.
 */

function Closed<P extends TProperties>(properties: P, options: { title?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

const Named = Closed({ id: IdSchema, name: Type.String() });

export const BRIEF_FORMATS = ['json', 'md', 'pdf'] as const;
export type BriefFormat = (typeof BRIEF_FORMATS)[number];

/** At most this many parties in one brief. */
export const MAX_BRIEF_PARTIES = 50;

export const AGENDA_SOURCES = ['gap', 'follow_up', 'coordination'] as const;

export const BriefCommitmentSchema = Closed(
  {
    target: EntityRefSchema,
    role: StringEnum(COMMITMENT_ROLES),
    status: StringEnum(COMMITMENT_STATUSES),
    amount: Nullable(Type.Number()),
    label: Type.String(),
  },
  { title: 'BriefCommitment' },
);

export const BriefStanceSchema = Closed(
  { target: EntityRefSchema, position: StringEnum(STANCE_POSITIONS), label: Type.String() },
  { title: 'BriefStance' },
);

export const BriefActionSchema = Closed(
  {
    id: IdSchema,
    title: Type.String(),
    status: StringEnum(ACTION_STATUSES),
    due: Nullable(DateSchema),
    overdue: Type.Boolean({ description: 'Open and due before the brief’s date' }),
    owner: Nullable(Named),
    meeting: Nullable(Closed({ id: IdSchema, name: Type.String(), date: DateSchema })),
    target: Nullable(EntityRefSchema),
    label: Type.String(),
  },
  { title: 'BriefAction' },
);

export const BriefPartySchema = Closed(
  {
    id: IdSchema,
    name: Type.String(),
    sector: StringEnum(SECTORS),
    sectorLabel: Type.String(),
    type: Nullable(Type.String()),
    influence: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    interest: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    commitments: Type.Array(BriefCommitmentSchema),
    stances: Type.Array(BriefStanceSchema),
    lastMeeting: Nullable(
      Closed({
        id: IdSchema,
        name: Type.String(),
        date: DateSchema,
        sentiment: StringEnum(SENTIMENTS),
        note: Nullable(Type.String()),
      }),
    ),
    openActions: Type.Array(BriefActionSchema),
    talkingPoints: Type.Array(Type.String()),
    objections: Type.Array(Type.String(), {
      description: 'Likely objections, from its stances, tensions and last sentiment',
    }),
  },
  { title: 'BriefParty' },
);

export const BriefAgendaItemSchema = Closed(
  {
    number: Type.Integer({ minimum: 1 }),
    purpose: Type.String({ description: 'One line' }),
    source: StringEnum(AGENDA_SOURCES),
    gapIds: Type.Array(Type.String({ pattern: '^[0-9a-f]{32}$' })),
    targets: Type.Array(EntityRefSchema),
    actionIds: Type.Array(IdSchema),
  },
  { title: 'BriefAgendaItem' },
);

export const BriefSchema = Closed(
  {
    asOf: DateSchema,
    lang: StringEnum(LOCALES),
    map: Named,
    title: Type.String(),
    objective: Type.String({ description: 'One line' }),
    kind: StringEnum(MEETING_KINDS, 'For information or for a decision'),
    parties: Type.Array(BriefPartySchema),
    commonGround: Closed({
      targets: Type.Array(
        Closed({
          target: EntityRefSchema,
          live: Type.Boolean(),
          parties: Type.Array(
            Closed({
              id: IdSchema,
              name: Type.String(),
              role: StringEnum(COMMITMENT_ROLES),
              status: StringEnum(COMMITMENT_STATUSES),
            }),
          ),
        }),
      ),
      forums: Type.Array(Closed({ id: IdSchema, name: Type.String(), members: Type.Array(Named) })),
      collaborations: Type.Array(
        Closed({
          id: IdSchema,
          a: Named,
          b: Named,
          kind: StringEnum(COLLABORATION_KINDS),
          tension: Type.Boolean(),
          label: Type.String(),
        }),
      ),
    }),
    gaps: Type.Array(GapSchema, {
      description: 'Gaps between the parties, in the server’s ranking',
    }),
    uncoordinatedPairs: Type.Array(
      Closed({ a: Named, b: Named, tension: Type.Boolean(), label: Type.String() }),
    ),
    alliances: Type.Array(AllianceSuggestionSchema),
    followUps: Type.Array(BriefActionSchema),
    decisions: Type.Array(
      Closed({
        id: IdSchema,
        title: Type.String(),
        date: DateSchema,
        outcome: StringEnum(DECISION_OUTCOMES),
        body: Nullable(Named),
        target: EntityRefSchema,
        reference: Nullable(Type.String()),
        label: Type.String(),
      }),
    ),
    agenda: Type.Array(BriefAgendaItemSchema),
  },
  { title: 'Brief' },
);

export type Brief = Static<typeof BriefSchema>;
export type BriefParty = Static<typeof BriefPartySchema>;
export type BriefAction = Static<typeof BriefActionSchema>;
export type BriefAgendaItem = Static<typeof BriefAgendaItemSchema>;
