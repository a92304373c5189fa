import type { BriefActionRow, BriefRecords } from '../../../graph-schema/analysis-rows.ts';
import type {
  Brief,
  BriefAction,
  BriefAgendaItem,
  BriefParty,
} from '../../../graph-schema/brief.ts';
import type {
  AllianceSuggestion,
  EntityRef,
  Gap,
  GapKind,
  MeetingKind,
} from '../../../graph-schema/index.ts';
import {
  actionLabel,
  briefTitle,
  COLLABORATION_LABELS,
  commitmentLabel,
  coordinationPurpose,
  decisionLabel,
  followUpPurpose,
  gapPurpose,
  OBJECTIONS,
  objective,
  pairLabel,
  POINTS,
} from './brief-texts.ts';
import {
  COMMITMENT_STATUS_LABELS,
  OUTCOME_LABELS,
  POSITION_LABELS,
  SECTOR_LABELS,
} from './i18n.ts';
import { networkOf, pairKey } from './network.ts';
import type { Projection } from './projection.ts';
import type { Lang } from './types.ts';

/** Gap items on an agenda; the rest of the gaps stay in the brief's list of gaps. */
const MAX_GAP_ITEMS = 8;
const MAX_FOLLOW_UP_ITEMS = 3;
const MAX_POINTS = 5;

/** Gaps that ask the parties to agree on something: a meeting about them is for a decision. */
const DECISION_KINDS: readonly GapKind[] = [
  'unowned_initiative',
  'contested_ownership',
  'unfunded_initiative',
  'unanchored_plan',
  'missing_political_backing',
  'blocked_dependency',
];

export interface BriefInput {
  projection: Projection;
  /** Every gap of the map at the date, in the server's ranking, in the brief's language. */
  gaps: Gap[];
  /** Alliance suggestions of the map at the date, best first. */
  alliances: AllianceSuggestion[];
  records: BriefRecords;
  actorIds: string[];
  lang: Lang;
}

/**
 * The initiatives and plans that two or more of `actorIds` are committed to at the projection's
 * date, in id order. The brief's records are read for these, so it is a step of its own.
 */
export function sharedTargetIds(projection: Projection, actorIds: readonly string[]): string[] {
  const parties = new Set(actorIds);
  const out: string[] = [];
  for (const [targetId, commitments] of projection.commitmentsByTarget) {
    const committed = new Set(commitments.map((c) => c.actorId).filter((id) => parties.has(id)));
    if (committed.size >= 2) out.push(targetId);
  }
  return out.sort();
}

/**
 * A meeting brief for the parties `actorIds` (docs/meetings.md), assembled from what the
 * analysis already found: the gaps in the server's ranking, the alliance suggestions and the
 * coordination network. Nothing here re-derives a rule; it selects and puts into words.
 */
export function buildBrief(input: BriefInput): Brief {
  const { projection, records, lang } = input;
  const currency = projection.map.currency;
  const network = networkOf(projection);
  const partyIds = [...new Set(input.actorIds)];
  const parties = new Set(partyIds);
  const name = (id: string) => projection.name(id);
  const named = (id: string) => ({ id, name: name(id) });
  const sharedIds = sharedTargetIds(projection, partyIds);
  const shared = new Set(sharedIds);

  const targets = sharedIds.map((targetId) => ({
    target: projection.targetRef(targetId),
    live: projection.isLiveTarget(targetId),
    parties: projection
      .commitmentsTo(targetId)
      .filter((c) => parties.has(c.actorId))
      .map((c) => ({ id: c.actorId, name: name(c.actorId), role: c.role, status: c.status })),
  }));
  // Live work first, as that is what the meeting can still change; then what most of them share.
  targets.sort(
    (a, b) =>
      Number(b.live) - Number(a.live) ||
      b.parties.length - a.parties.length ||
      a.target.name.localeCompare(b.target.name, 'da'),
  );

  const forums = [...network.membersOf]
    .map(([forumId, members]) => ({ forumId, members: members.filter((id) => parties.has(id)) }))
    .filter(({ members }) => members.length >= 2)
    .map(({ forumId, members }) => ({
      id: forumId,
      name: name(forumId),
      members: members.map(named),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const collaborations = projection.collaborations
    .filter((c) => parties.has(c.actorAId) && parties.has(c.actorBId) && c.actorAId !== c.actorBId)
    .map((c) => ({
      id: c.id,
      a: named(c.actorAId),
      b: named(c.actorBId),
      kind: c.kind,
      tension: c.kind === 'tension',
      label: `${name(c.actorAId)} – ${name(c.actorBId)}: ${COLLABORATION_LABELS[lang][c.kind]}`,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  const sortedParties = [...partyIds].sort();
  const uncoordinatedPairs: Brief['uncoordinatedPairs'] = [];
  for (let i = 0; i < sortedParties.length; i++) {
    for (let j = i + 1; j < sortedParties.length; j++) {
      const a = sortedParties[i]!;
      const b = sortedParties[j]!;
      if (network.coordinated(a, b)) continue;
      const tension = network.tensions.has(pairKey(a, b));
      uncoordinatedPairs.push({
        a: named(a),
        b: named(b),
        tension,
        label: pairLabel(name(a), name(b), tension, lang),
      });
    }
  }

  // A gap is between the parties when it names two or more of them, or is about a target two or
  // more of them are committed to: its subject, or a target it names beside a party. A gap about
  // someone else that merely names a shared target (another actor's lack of contact) is not.
  const gaps = input.gaps.filter((gap) => {
    const refs = [gap.subject, ...gap.related];
    const among = new Set(refs.filter((r) => parties.has(r.id)).map((r) => r.id));
    if (among.size >= 2 || shared.has(gap.subject.id)) return true;
    return among.size === 1 && gap.related.some((r) => shared.has(r.id));
  });

  const alliances = input.alliances.filter(
    (s) => parties.has(s.actorA.id) && parties.has(s.actorB.id),
  );

  const today = projection.asOf;
  const toAction = (row: BriefActionRow): BriefAction => {
    const overdue = row.due !== null && row.due < today;
    return {
      id: row.id,
      title: row.name,
      status: row.status,
      due: row.due,
      overdue,
      owner: row.owner,
      meeting: row.meeting && {
        id: row.meeting.id,
        name: row.meeting.name,
        date: row.meeting.date,
      },
      target: row.target && { type: row.target.type, id: row.target.id, name: row.target.name },
      label: actionLabel(row.name, row.owner?.name ?? null, row.due, overdue, lang),
    };
  };
  // Follow-ups: open actions agreed where two or more parties met, or owned by a party.
  const followUpRows = records.actions.filter((row) => {
    const met = row.meeting?.participantIds.filter((id) => parties.has(id)).length ?? 0;
    return met >= 2 || (row.owner !== null && parties.has(row.owner.id));
  });
  const followUps = followUpRows.map(toAction);

  const decisions = records.decisions.map((row) => ({
    id: row.id,
    title: row.name,
    date: row.date,
    outcome: row.outcome,
    body: row.body,
    target: { type: row.target.type, id: row.target.id, name: row.target.name } as EntityRef,
    reference: row.reference,
    label: decisionLabel(
      row.body?.name ?? null,
      OUTCOME_LABELS[lang][row.outcome],
      row.target.name,
      row.date,
      lang,
    ),
  }));

  const agenda = buildAgenda(gaps, followUps, uncoordinatedPairs, lang, currency);
  const kind: MeetingKind = agenda.some((item) =>
    item.gapIds.some((id) => DECISION_KINDS.includes(gaps.find((g) => g.id === id)!.kind)),
  )
    ? 'decision'
    : 'information';

  const partyList = partyIds.map((id) =>
    party(id, { projection, records, gaps, followUps, shared, lang, currency }),
  );

  return {
    asOf: projection.asOf,
    lang,
    map: { id: projection.mapId, name: projection.map.name },
    title: briefTitle(
      partyList.map((p) => p.name),
      lang,
    ),
    objective: objective(
      targets.filter((t) => t.live).map((t) => t.target.name),
      kind,
      lang,
    ),
    kind,
    parties: partyList,
    commonGround: { targets, forums, collaborations },
    gaps,
    uncoordinatedPairs,
    alliances,
    followUps,
    decisions,
    agenda,
  };
}

/**
 * The suggested agenda: the gaps between the parties in the server's ranking, then open
 * follow-ups no gap already covers, then the pairs of parties that are not coordinated and no
 * gap names.
 */
function buildAgenda(
  gaps: Gap[],
  followUps: BriefAction[],
  pairs: Brief['uncoordinatedPairs'],
  lang: Lang,
  currency: string,
): BriefAgendaItem[] {
  const items: Omit<BriefAgendaItem, 'number'>[] = [];
  const targetRefs = (gap: Gap) =>
    [gap.subject, ...gap.related].filter((r) => r.type === 'initiative' || r.type === 'plan');
  for (const gap of gaps.slice(0, MAX_GAP_ITEMS)) {
    items.push({
      purpose: gapPurpose(gap, lang, currency),
      source: 'gap',
      gapIds: [gap.id],
      targets: dedupe(targetRefs(gap)),
      actionIds: gap.kind === 'overdue_action' ? [gap.subject.id] : [],
    });
  }
  const covered = new Set(items.flatMap((item) => item.actionIds));
  for (const action of followUps.filter((a) => !covered.has(a.id)).slice(0, MAX_FOLLOW_UP_ITEMS)) {
    items.push({
      purpose: followUpPurpose(action.title, action.due, lang),
      source: 'follow_up',
      gapIds: [],
      targets: action.target ? [action.target] : [],
      actionIds: [action.id],
    });
  }
  const namedByGaps = new Set(
    gaps.slice(0, MAX_GAP_ITEMS).flatMap((gap) => gap.related.map((r) => r.id)),
  );
  const open = pairs.filter((p) => !(namedByGaps.has(p.a.id) && namedByGaps.has(p.b.id)));
  if (open.length > 0) {
    items.push({
      purpose: coordinationPurpose(
        open.map((p) => [p.a.name, p.b.name]),
        lang,
      ),
      source: 'coordination',
      gapIds: [],
      targets: [],
      actionIds: [],
    });
  }
  return items.map((item, i) => ({ number: i + 1, ...item }));
}

function dedupe(refs: EntityRef[]): EntityRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

interface PartyContext {
  projection: Projection;
  records: BriefRecords;
  gaps: Gap[];
  followUps: BriefAction[];
  shared: Set<string>;
  lang: Lang;
  currency: string;
}

/** One party: who it is, what it is committed to, how it last stood, and what to raise. */
function party(id: string, context: PartyContext): BriefParty {
  const { projection, records, shared, lang, currency } = context;
  const actor = projection.actors.get(id)!;
  const extra = records.actors.find((row) => row.id === id);
  const statusLabel = COMMITMENT_STATUS_LABELS[lang];
  const commitments = (projection.commitmentsByActor.get(id) ?? []).map((c) => {
    const target = projection.targetRef(c.targetId);
    return {
      target,
      role: c.role,
      status: c.status,
      amount: c.amount,
      label: commitmentLabel(c.role, statusLabel[c.status], target.name, c.amount, currency, lang),
    };
  });
  // Shared work first: that is what the meeting is about.
  commitments.sort((a, b) => Number(shared.has(b.target.id)) - Number(shared.has(a.target.id)));
  const stances = projection.stances
    .filter((s) => s.actorId === id)
    .map((s) => {
      const target = projection.targetRef(s.targetId);
      return {
        target,
        position: s.position,
        label: `${POSITION_LABELS[lang][s.position]}: ${target.name}`,
      };
    });
  const last = records.participations.find((row) => row.actorId === id) ?? null;
  const openActions = context.followUps.filter((a) => a.owner?.id === id);

  const points: string[] = [];
  const objections: string[] = [];
  for (const c of commitments.filter((c) => shared.has(c.target.id))) {
    if (c.role === 'owner' && c.status === 'proposed') {
      points.push(POINTS.leads(c.target.name, statusLabel[c.status], lang));
      const rivals = projection
        .commitmentsTo(c.target.id, ['owner'])
        .filter((o) => o.actorId !== id && o.status !== 'withdrawn')
        .map((o) => projection.name(o.actorId));
      if (rivals.length > 0) objections.push(OBJECTIONS.rivalLead(c.target.name, rivals, lang));
    } else {
      points.push(POINTS.commitment(c.label, lang));
    }
  }
  for (const s of stances) {
    if (s.position === 'champion' || s.position === 'supports') {
      points.push(POINTS.supports(s.target.name, lang));
    } else if (s.position === 'sceptical' || s.position === 'opposes') {
      objections.push(OBJECTIONS.stance(s.target.name, s.position === 'opposes', lang));
    }
  }
  for (const action of openActions) points.push(POINTS.action(action.label, lang));
  for (const c of projection.collaborations) {
    if (c.kind !== 'tension') continue;
    const other = c.actorAId === id ? c.actorBId : c.actorBId === id ? c.actorAId : null;
    if (other !== null && other !== id)
      objections.push(OBJECTIONS.tension(projection.name(other), lang));
  }
  if (last && last.sentiment === 'negative') {
    objections.push(OBJECTIONS.sentiment(last.name, last.date, last.note, lang));
  }

  return {
    id,
    name: actor.name,
    sector: actor.sector,
    sectorLabel: SECTOR_LABELS[lang][actor.sector],
    type: extra?.type ?? null,
    influence: extra?.influence ?? null,
    interest: extra?.interest ?? null,
    commitments,
    stances,
    lastMeeting: last && {
      id: last.meetingId,
      name: last.name,
      date: last.date,
      sentiment: last.sentiment,
      note: last.note,
    },
    openActions,
    talkingPoints: points.slice(0, MAX_POINTS),
    objections: objections.slice(0, MAX_POINTS),
  };
}
