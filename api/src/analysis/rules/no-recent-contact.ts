/**
 * no_recent_contact (docs/gap-rules.md): an actor with influence 4 or 5 and commitments in force
 * to live targets who took part in no held meeting in the map's `contactAfterDays` up to `asOf`.
 * Low. Subject is the actor; related the targets it is committed to.
 *
 * In Cypher (api/src/repositories/queries/no-recent-contact.ts): only influential actors are
 * looked at, each with one pattern to its commitments and one to its meetings.
 */
import { joinNames, longDate, q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  days: number;
  targets: string[];
  lastMeeting: { name: string; date: string } | null;
}

export const noRecentContact: CypherRule<'no_recent_contact', Params> = {
  kind: 'no_recent_contact',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const targets = uniqueByName(row.targets);
      return {
        kind: 'no_recent_contact',
        severity: 'low',
        subject: ref('actor', row.id, row.name),
        related: targets.map((t) => ref(t.type, t.id, t.name)),
        params: {
          days: row.contactAfterDays,
          targets: targets.map((t) => t.name),
          lastMeeting: row.lastMeeting && {
            name: row.lastMeeting.name,
            date: row.lastMeeting.date,
          },
        },
        details: {
          influence: row.influence,
          contactAfterDays: row.contactAfterDays,
          lastMeetingDate: row.lastMeeting?.date ?? null,
        },
      };
    });
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `Ingen møder med ${subject.name} de seneste ${params.days} dage`,
      explanation:
        `${subject.name} har stor indflydelse og tilsagn til ${joinNames(
          params.targets.map((t) => q(t, 'da')),
          'da',
        )}, men har ikke været med til noget afholdt møde de seneste ${params.days} dage. ` +
        (params.lastMeeting
          ? `Det sidste var ${q(params.lastMeeting.name, 'da')} den ${longDate(params.lastMeeting.date, 'da')}.`
          : 'Der er ikke registreret noget møde med parten.') +
        ' En indflydelsesrig part, man ikke taler med, kan overraske, når der skal besluttes.',
      suggestion: `Tag kontakt til ${subject.name}, og registrér mødet, når det er holdt.`,
    }),
    en: ({ subject, params }) => ({
      message: `No meeting with ${subject.name} in the last ${params.days} days`,
      explanation:
        `${subject.name} is influential and committed to ${joinNames(
          params.targets.map((t) => q(t, 'en')),
          'en',
        )}, but has been at no held meeting in the last ${params.days} days. ` +
        (params.lastMeeting
          ? `The last was ${q(params.lastMeeting.name, 'en')} on ${longDate(params.lastMeeting.date, 'en')}.`
          : 'No meeting with it is recorded.') +
        ' An influential party nobody talks to can spring surprises when decisions are due.',
      suggestion: `Get in touch with ${subject.name}, and record the meeting once it is held.`,
    }),
  },
};
