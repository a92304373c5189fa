import type {
  CommitmentRole,
  CommitmentStatus,
  DecisionOutcome,
  Sector,
  StancePosition,
  Status,
} from '../../../graph-schema/index.ts';
import type { Lang } from './types.ts';

/**
 * Words the analysis shares across rules, in Danish and English. Each rule keeps its own
 * sentences in its own file; only vocabulary and formatting live here.
 */

/**
 * `?lang=` wins; otherwise the first supported language of `Accept-Language` by preference;
 * otherwise Danish, the language of the first users.
 */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'da' || query === 'en') return query;
  if (!acceptLanguage) return 'da';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag ?? '', q: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'da') return 'da';
    if (primary === 'en') return 'en';
  }
  return 'da';
}

export const SECTOR_LABELS: Record<Lang, Record<Sector, string>> = {
  da: {
    municipal: 'kommune',
    political: 'politisk',
    housing: 'boligorganisation',
    residents: 'beboere',
    social_programme: 'boligsocial indsats',
    education: 'uddannelse',
    business: 'erhverv',
    investor: 'investor',
    foundation: 'fond',
    civil_society: 'civilsamfund',
    culture: 'kultur',
    state: 'stat',
    other: 'andet',
  },
  en: {
    municipal: 'municipal',
    political: 'political',
    housing: 'housing organisation',
    residents: 'residents',
    social_programme: 'social housing programme',
    education: 'education',
    business: 'business',
    investor: 'investor',
    foundation: 'foundation',
    civil_society: 'civil society',
    culture: 'culture',
    state: 'state',
    other: 'other',
  },
};

export const STATUS_LABELS: Record<Lang, Record<Status, string>> = {
  da: {
    idea: 'idé',
    planned: 'planlagt',
    active: 'i gang',
    completed: 'afsluttet',
    paused: 'sat på pause',
    cancelled: 'aflyst',
  },
  en: {
    idea: 'idea',
    planned: 'planned',
    active: 'active',
    completed: 'completed',
    paused: 'paused',
    cancelled: 'cancelled',
  },
};

/** A status as it reads after "is": "Initiativet er på idéstadiet" / "The initiative is at the idea stage". */
export const STATUS_PHRASES: Record<Lang, Record<Status, string>> = {
  da: {
    idea: 'på idéstadiet',
    planned: 'planlagt',
    active: 'i gang',
    completed: 'afsluttet',
    paused: 'sat på pause',
    cancelled: 'aflyst',
  },
  en: {
    idea: 'at the idea stage',
    planned: 'planned',
    active: 'active',
    completed: 'completed',
    paused: 'paused',
    cancelled: 'cancelled',
  },
};

/** Ends a sentence with a full stop unless it already ends with one ("… 600.000 kr."). */
export function sentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

export const ROLE_LABELS: Record<Lang, Record<CommitmentRole, string>> = {
  da: {
    owner: 'ejer',
    funder: 'finansierer',
    contributor: 'bidragyder',
    endorser: 'formel støtte',
  },
  en: { owner: 'owner', funder: 'funder', contributor: 'contributor', endorser: 'endorser' },
};

export const COMMITMENT_STATUS_LABELS: Record<Lang, Record<CommitmentStatus, string>> = {
  da: {
    proposed: 'foreslået',
    agreed: 'aftalt',
    formalised: 'formaliseret',
    withdrawn: 'trukket tilbage',
  },
  en: { proposed: 'proposed', agreed: 'agreed', formalised: 'formalised', withdrawn: 'withdrawn' },
};

export const POSITION_LABELS: Record<Lang, Record<StancePosition, string>> = {
  da: {
    champion: 'forkæmper',
    supports: 'støtter',
    neutral: 'neutral',
    sceptical: 'skeptisk',
    opposes: 'imod',
  },
  en: {
    champion: 'champion',
    supports: 'supports',
    neutral: 'neutral',
    sceptical: 'sceptical',
    opposes: 'opposes',
  },
};

/** A decision's outcome as a verb in the past: "Byrådet godkendte …" / "The council approved …". */
export const OUTCOME_LABELS: Record<Lang, Record<DecisionOutcome, string>> = {
  da: { approved: 'godkendte', rejected: 'afviste', deferred: 'udsatte' },
  en: { approved: 'approved', rejected: 'rejected', deferred: 'deferred' },
};

/** "A, B og C" / "A, B and C"; long lists end in "and 4 more" so messages stay readable. */
export function joinNames(names: string[], lang: Lang, max = 4): string {
  const and = lang === 'da' ? 'og' : 'and';
  if (names.length === 0) return '';
  if (names.length > max) {
    const rest = names.length - max + 1;
    const more = lang === 'da' ? `${rest} andre` : `${rest} more`;
    return `${names.slice(0, max - 1).join(', ')} ${and} ${more}`;
  }
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

/** Whole units of the map's currency: "1.500.000 kr." / "DKK 1,500,000". */
export function money(amount: number, currency: string, lang: Lang): string {
  const digits = Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'da' ? '.' : ',');
  if (currency === 'DKK') return lang === 'da' ? `${digits} kr.` : `DKK ${digits}`;
  return `${currency} ${digits}`;
}

/** "1 pair" / "3 pairs": the caller passes the singular and plural of its own language. */
export function count(n: number, [one, many]: [string, string]): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Quoted entity names read better in running text. */
export function q(name: string, lang: Lang): string {
  return lang === 'da' ? `»${name}«` : `“${name}”`;
}

const MONTHS: Record<Lang, string[]> = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** `2026-10-15` as people write it: "15. oktober 2026" / "15 October 2026". */
export function longDate(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number);
  const name = MONTHS[lang][(month ?? 1) - 1];
  return lang === 'da' ? `${day}. ${name} ${year}` : `${day} ${name} ${year}`;
}
