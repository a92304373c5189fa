import type {
  CollaborationKind,
  CommitmentRole,
  Gap,
  MeetingKind,
  Sentiment,
} from '../../../graph-schema/index.ts';
import { joinNames, longDate, money, q } from './i18n.ts';
import type { Lang } from './types.ts';

/** The sentences of a meeting brief, in Danish and English (docs/meetings.md). */

const ROLE_NOUNS: Record<Lang, Record<CommitmentRole, string>> = {
  da: { owner: 'Ejer', funder: 'Finansierer', contributor: 'Bidrager til', endorser: 'Støtter' },
  en: { owner: 'Owns', funder: 'Funds', contributor: 'Contributes to', endorser: 'Endorses' },
};

export const COLLABORATION_LABELS: Record<Lang, Record<CollaborationKind, string>> = {
  da: {
    formal_agreement: 'formel aftale',
    partnership: 'partnerskab',
    network: 'netværk',
    informal: 'uformelt samarbejde',
    tension: 'spænding',
  },
  en: {
    formal_agreement: 'formal agreement',
    partnership: 'partnership',
    network: 'network',
    informal: 'informal collaboration',
    tension: 'tension',
  },
};

export const SENTIMENT_LABELS: Record<Lang, Record<Sentiment, string>> = {
  da: { positive: 'positiv', neutral: 'neutral', negative: 'negativ', unknown: 'ukendt' },
  en: { positive: 'positive', neutral: 'neutral', negative: 'negative', unknown: 'unknown' },
};

export const MEETING_KIND_LABELS: Record<Lang, Record<MeetingKind, string>> = {
  da: { information: 'Til orientering', decision: 'Til beslutning' },
  en: { information: 'For information', decision: 'For a decision' },
};

export function briefTitle(names: string[], lang: Lang): string {
  const list = joinNames(names, lang, 6);
  return lang === 'da' ? `Mødebrief: ${list}` : `Meeting brief: ${list}`;
}

export function objective(targets: string[], kind: MeetingKind, lang: Lang): string {
  if (targets.length === 0) {
    return lang === 'da'
      ? 'Lære hinanden at kende og finde fælles arbejde.'
      : 'Get to know each other and find shared work.';
  }
  const list = joinNames(
    targets.map((name) => q(name, lang)),
    lang,
    3,
  );
  if (kind === 'decision') {
    return lang === 'da'
      ? `Aftale de næste skridt for ${list}.`
      : `Agree the next steps for ${list}.`;
  }
  return lang === 'da'
    ? `Orientere hinanden om ${list} og finde fælles næste skridt.`
    : `Brief each other on ${list} and find shared next steps.`;
}

/**
 * An agenda item's one-line purpose for a gap: what the meeting should settle about it. Kinds
 * without a purpose of their own use the gap's message.
 */
export function gapPurpose(gap: Gap, lang: Lang, currency: string): string {
  const da = lang === 'da';
  const name = q(gap.subject.name, lang);
  const actors = gap.related.filter((r) => r.type === 'actor').map((r) => r.name);
  switch (gap.kind) {
    case 'unowned_initiative':
      return da ? `Aftal ejerskab af ${name}` : `Agree who owns ${name}`;
    case 'contested_ownership':
      return da ? `Afklar, hvem der leder ${name}` : `Settle who leads ${name}`;
    case 'unfunded_initiative': {
      const short = money(gap.details.shortfall, currency, lang);
      return da
        ? `Finansiering: ${short} mangler til ${name}`
        : `Funding: ${short} short for ${name}`;
    }
    case 'unanchored_plan':
      return da ? `Aftal, hvem der forankrer ${name}` : `Agree who anchors ${name}`;
    case 'uncoordinated_partners':
      return da
        ? `Aftal, hvordan parterne bag ${name} arbejder sammen`
        : `Agree how the partners behind ${name} work together`;
    case 'dependency_without_alliance':
      return da
        ? `Koordinér ${name} med det, den afhænger af`
        : `Coordinate ${name} with what it depends on`;
    case 'blocked_dependency':
      return da ? `Løs blokeringen af ${name}` : `Unblock ${name}`;
    case 'missing_resident_voice':
      return da
        ? `Find ud af, hvordan beboerne får en stemme i ${name}`
        : `Find how residents get a voice in ${name}`;
    case 'missing_political_backing':
      return da ? `Skaf politisk opbakning til ${name}` : `Find political backing for ${name}`;
    case 'powerful_opposition': {
      const who = actors[0] ?? '';
      return da
        ? `Drøft ${who}s forbehold over for ${name}`
        : `Discuss ${who}’s reservations about ${name}`;
    }
    case 'overdue_action':
      return da
        ? `Følg op: ${name} skulle være klar ${longDate(gap.details.due, lang)}`
        : `Follow up: ${name} was due ${longDate(gap.details.due, lang)}`;
    case 'no_recent_contact':
      return da
        ? `Genoptag kontakten med ${gap.subject.name}`
        : `Renew contact with ${gap.subject.name}`;
    case 'expiring_commitment':
      return da
        ? `Aftal, hvad der sker, når tilsagnet udløber ${longDate(gap.details.to, lang)}`
        : `Agree what happens when the commitment ends ${longDate(gap.details.to, lang)}`;
    default:
      return gap.message.replace(/\.$/, '');
  }
}

export function followUpPurpose(title: string, due: string | null, lang: Lang): string {
  const name = q(title, lang);
  if (!due) return lang === 'da' ? `Følg op på ${name}` : `Follow up on ${name}`;
  return lang === 'da'
    ? `Følg op på ${name} (frist ${longDate(due, lang)})`
    : `Follow up on ${name} (due ${longDate(due, lang)})`;
}

export function coordinationPurpose(pairs: [string, string][], lang: Lang): string {
  const and = lang === 'da' ? 'og' : 'and';
  const list = joinNames(
    pairs.map(([a, b]) => `${a} ${and} ${b}`),
    lang,
    3,
  );
  return lang === 'da'
    ? `Aftal fast kontakt mellem ${list}`
    : `Agree regular contact between ${list}`;
}

export function commitmentLabel(
  role: CommitmentRole,
  status: string,
  target: string,
  amount: number | null,
  currency: string,
  lang: Lang,
): string {
  const sum = amount === null ? '' : `, ${money(amount, currency, lang)}`;
  return `${ROLE_NOUNS[lang][role]} ${q(target, lang)} (${status}${sum})`;
}

export function actionLabel(
  title: string,
  owner: string | null,
  due: string | null,
  overdue: boolean,
  lang: Lang,
): string {
  const da = lang === 'da';
  const parts = [q(title, lang)];
  if (owner) parts.push(owner);
  if (due) {
    const when = longDate(due, lang);
    parts.push(
      overdue
        ? da
          ? `forfalden ${when}`
          : `overdue since ${when}`
        : da
          ? `frist ${when}`
          : `due ${when}`,
    );
  }
  return parts.join(' — ');
}

export function decisionLabel(
  body: string | null,
  verb: string,
  title: string,
  date: string,
  lang: Lang,
): string {
  const who = body ?? (lang === 'da' ? 'Et organ' : 'A body');
  return `${who} ${verb} ${q(title, lang)} (${longDate(date, lang)})`;
}

export const POINTS = {
  leads(target: string, status: string, lang: Lang): string {
    return lang === 'da'
      ? `Vil lede ${q(target, lang)} (${status}): bekræft, hvad I påtager jer`
      : `Proposes to lead ${q(target, lang)} (${status}): confirm what you take on`;
  },
  commitment(label: string, lang: Lang): string {
    return lang === 'da'
      ? `${label}: hvad skal der til næste gang?`
      : `${label}: what is needed next?`;
  },
  supports(target: string, lang: Lang): string {
    return lang === 'da'
      ? `Støtter ${q(target, lang)}: kan bære forslaget frem`
      : `Supports ${q(target, lang)}: can carry the proposal`;
  },
  action(label: string, lang: Lang): string {
    return lang === 'da' ? `Status på ${label}` : `Report on ${label}`;
  },
};

export const OBJECTIONS = {
  stance(target: string, opposes: boolean, lang: Lang): string {
    if (lang === 'da') return `${opposes ? 'Går imod' : 'Er skeptisk over for'} ${q(target, lang)}`;
    return `${opposes ? 'Opposes' : 'Is sceptical of'} ${q(target, lang)}`;
  },
  tension(other: string, lang: Lang): string {
    return lang === 'da' ? `Spænding i forholdet til ${other}` : `Tension with ${other}`;
  },
  sentiment(meeting: string, date: string, note: string | null, lang: Lang): string {
    const head =
      lang === 'da'
        ? `Var negativ på ${q(meeting, lang)} (${longDate(date, lang)})`
        : `Was negative at ${q(meeting, lang)} (${longDate(date, lang)})`;
    return note ? `${head}: ${note.replace(/\.$/, '')}` : head;
  },
  rivalLead(target: string, others: string[], lang: Lang): string {
    const list = joinNames(others, lang);
    return lang === 'da'
      ? `Vil selv lede ${q(target, lang)}, ligesom ${list}`
      : `Wants to lead ${q(target, lang)} too, as does ${list}`;
  },
};

export function pairLabel(a: string, b: string, tension: boolean, lang: Lang): string {
  const and = lang === 'da' ? 'og' : 'and';
  const note = tension ? (lang === 'da' ? ' (spænding)' : ' (tension)') : '';
  return `${a} ${and} ${b}${note}`;
}
