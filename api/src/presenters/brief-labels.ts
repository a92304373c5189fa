import type { Brief } from '../../../graph-schema/brief.ts';
import type { Locale, MeetingKind, Sentiment } from '../../../graph-schema/index.ts';

/** The headings and field names of a brief's Markdown and PDF, by language. */
export interface BriefLabels {
  objective: string;
  kind: Record<MeetingKind, string>;
  asOf: string;
  agenda: string;
  parties: string;
  sector: string;
  type: string;
  influence: string;
  interest: string;
  commitments: string;
  stances: string;
  lastMeeting: string;
  openActions: string;
  talkingPoints: string;
  objections: string;
  commonGround: string;
  sharedTargets: string;
  sharedForums: string;
  collaborations: string;
  gaps: string;
  uncoordinated: string;
  alliances: string;
  followUps: string;
  decisions: string;
  none: string;
  sentiment: Record<Sentiment, string>;
  notLive: string;
  illustrative: string;
}

export const BRIEF_LABELS: Record<Locale, BriefLabels> = {
  da: {
    objective: 'Formål',
    kind: { information: 'Til orientering', decision: 'Til beslutning' },
    asOf: 'Status pr.',
    agenda: 'Forslag til dagsorden',
    parties: 'Parterne',
    sector: 'Sektor',
    type: 'Type',
    influence: 'Indflydelse',
    interest: 'Interesse',
    commitments: 'Ejer, finansierer og bidrager til',
    stances: 'Holdninger',
    lastMeeting: 'Seneste møde',
    openActions: 'Åbne opgaver',
    talkingPoints: 'Punkter at tage op',
    objections: 'Mulige indvendinger',
    commonGround: 'Fælles grund',
    sharedTargets: 'Fælles initiativer og planer',
    sharedForums: 'Fælles fora',
    collaborations: 'Samarbejder mellem parterne',
    gaps: 'Huller mellem parterne',
    uncoordinated: 'Par uden koordinering',
    alliances: 'Forslag til alliancer',
    followUps: 'Åbne opfølgninger',
    decisions: 'Beslutninger',
    none: 'Ingen.',
    sentiment: { positive: 'positiv', neutral: 'neutral', negative: 'negativ', unknown: 'ukendt' },
    notLive: 'ikke aktiv',
    illustrative:
      'Kortet kan rumme illustrative oplysninger; tjek kilderne i Samspil, før briefen bruges.',
  },
  en: {
    objective: 'Objective',
    kind: { information: 'For information', decision: 'For a decision' },
    asOf: 'As of',
    agenda: 'Suggested agenda',
    parties: 'The parties',
    sector: 'Sector',
    type: 'Type',
    influence: 'Influence',
    interest: 'Interest',
    commitments: 'Owns, funds and contributes to',
    stances: 'Stances',
    lastMeeting: 'Last meeting',
    openActions: 'Open actions',
    talkingPoints: 'Talking points',
    objections: 'Likely objections',
    commonGround: 'Common ground',
    sharedTargets: 'Shared initiatives and plans',
    sharedForums: 'Shared forums',
    collaborations: 'Collaborations between the parties',
    gaps: 'Gaps between the parties',
    uncoordinated: 'Pairs without coordination',
    alliances: 'Suggested alliances',
    followUps: 'Open follow-ups',
    decisions: 'Decisions',
    none: 'None.',
    sentiment: {
      positive: 'positive',
      neutral: 'neutral',
      negative: 'negative',
      unknown: 'unknown',
    },
    notLive: 'not live',
    illustrative: 'The map may hold illustrative facts; check the sources in Samspil before use.',
  },
};

/** The one-line facts of a party: sector, type, influence and interest. */
export function partyFacts(party: Brief['parties'][number], labels: BriefLabels): string {
  const parts = [`${labels.sector}: ${party.sectorLabel}`];
  if (party.type) parts.push(`${labels.type}: ${party.type}`);
  if (party.influence !== null) parts.push(`${labels.influence}: ${party.influence}/5`);
  if (party.interest !== null) parts.push(`${labels.interest}: ${party.interest}/5`);
  return parts.join(' · ');
}

/** "Partnerskabsmøde … (15. september 2026), positiv: note" */
export function lastMeetingLine(
  meeting: NonNullable<Brief['parties'][number]['lastMeeting']>,
  labels: BriefLabels,
  date: string,
): string {
  const note = meeting.note ? `: ${meeting.note}` : '';
  return `${meeting.name} (${date}), ${labels.sentiment[meeting.sentiment]}${note}`;
}
