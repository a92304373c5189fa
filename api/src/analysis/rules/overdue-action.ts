/**
 * overdue_action (docs/gap-rules.md): an open action whose due date lies before `asOf`. Medium,
 * or high when it is more than 30 days late. Subject is the action; related its owner, what it
 * concerns and the meeting it was agreed at.
 *
 * In Cypher (api/src/repositories/queries/overdue-action.ts): one pass over the map's actions,
 * with the delay computed by the database.
 */
import { count, longDate, q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref } from './shared.ts';

/** Later than this many days is high. */
export const OVERDUE_HIGH_AFTER_DAYS = 30;

interface Params {
  due: string;
  daysLate: number;
  owner: string | null;
  meeting: { name: string; date: string } | null;
}

export const overdueAction: CypherRule<'overdue_action', Params> = {
  kind: 'overdue_action',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => ({
      kind: 'overdue_action',
      severity: row.daysLate > OVERDUE_HIGH_AFTER_DAYS ? 'high' : 'medium',
      subject: ref('action', row.id, row.name),
      related: [
        ...(row.owner ? [ref('actor', row.owner.id, row.owner.name)] : []),
        ...(row.target ? [ref(row.target.type, row.target.id, row.target.name)] : []),
        ...(row.meeting ? [ref('meeting', row.meeting.id, row.meeting.name)] : []),
      ],
      params: {
        due: row.due,
        daysLate: row.daysLate,
        owner: row.owner?.name ?? null,
        meeting: row.meeting && { name: row.meeting.name, date: row.meeting.date },
      },
      details: {
        due: row.due,
        daysLate: row.daysLate,
        ownerId: row.owner?.id ?? null,
        meetingId: row.meeting?.id ?? null,
      },
    }));
  },
  texts: {
    da: ({ subject, params }) => {
      const agreed = params.meeting
        ? `, som aftalt på mødet ${q(params.meeting.name, 'da')} den ${longDate(params.meeting.date, 'da')}`
        : '';
      return {
        message: `${q(subject.name, 'da')} er ${count(params.daysLate, ['dag', 'dage'])} forsinket`,
        explanation:
          (params.owner
            ? `${params.owner} skulle have leveret den senest den ${longDate(params.due, 'da')}${agreed}. `
            : `Opgaven skulle have været løst senest den ${longDate(params.due, 'da')}${agreed}, men den har ingen ansvarlig. `) +
          'Den står stadig som åben. En opfølgning, der ikke bliver til noget, koster tillid til ' +
          'den næste aftale.',
        suggestion: params.owner
          ? `Spørg ${params.owner}, hvad der står i vejen, og aftal en ny frist – eller luk opgaven, hvis den er løst eller opgivet.`
          : 'Giv opgaven en ansvarlig og en ny frist – eller luk den, hvis den er løst eller opgivet.',
      };
    },
    en: ({ subject, params }) => {
      const agreed = params.meeting
        ? `, as agreed at ${q(params.meeting.name, 'en')} on ${longDate(params.meeting.date, 'en')}`
        : '';
      return {
        message: `${q(subject.name, 'en')} is ${count(params.daysLate, ['day', 'days'])} overdue`,
        explanation:
          (params.owner
            ? `${params.owner} was to deliver it by ${longDate(params.due, 'en')}${agreed}. `
            : `It was due by ${longDate(params.due, 'en')}${agreed}, but nobody owns it. `) +
          'It is still open. A follow-up that comes to nothing costs trust in the next agreement.',
        suggestion: params.owner
          ? `Ask ${params.owner} what is in the way and agree a new date, or close the action if it is done or dropped.`
          : 'Give the action an owner and a new date, or close it if it is done or dropped.',
      };
    },
  },
};
