import type { ImportProblem, Locale } from '../../../graph-schema/index.ts';
import { shown } from './cells.ts';
import { ALL_MODELS, modelNames } from './columns.ts';

/**
 * The import report's sentences, in Danish and English, by problem code. `{name}` placeholders
 * are filled from the problem's parameters.
 */
const MESSAGES: Record<string, { da: string; en: string }> = {
  unreadable_file: {
    da: 'Filen kan ikke læses som {expected}. Gem den som .xlsx, .csv eller .json og prøv igen.',
    en: 'The file cannot be read as {expected}. Save it as .xlsx, .csv or .json and try again.',
  },
  file_too_large: {
    da: 'Filen er større end {limit} MB.',
    en: 'The file is larger than {limit} MB.',
  },
  too_many_rows: {
    da: 'Filen har mere end {limit} rækker; del den op i flere filer.',
    en: 'The file has more than {limit} rows; split it into several files.',
  },
  too_many_columns: {
    da: 'Arket har mere end {limit} kolonner.',
    en: 'The sheet has more than {limit} columns.',
  },
  zip_too_large: {
    da: 'Filen pakker ud til mere end {limit} MB og afvises (beskyttelse mod zip-bomber).',
    en: 'The file unpacks to more than {limit} MB and is refused (zip-bomb protection).',
  },
  too_many_entries: {
    da: 'Zip-filen indeholder mere end {limit} filer.',
    en: 'The zip file holds more than {limit} files.',
  },
  nothing_to_import: {
    da: 'Filen har intet ark, som kan importeres: hverken Samspils ark ({sheets}) eller Kumus (Label, From/To).',
    en: 'The file has no sheet to import: neither Samspil’s sheets ({sheets}) nor Kumu’s (Label, From/To).',
  },
  not_a_backup: {
    da: 'JSON-filen er hverken en Samspil-sikkerhedskopi eller en Kumu-blueprint (elements, connections).',
    en: 'The JSON file is neither a Samspil backup nor a Kumu blueprint (elements, connections).',
  },
  missing_column: {
    da: 'Arket mangler kolonnen "{column}".',
    en: 'The sheet has no "{column}" column.',
  },
  sheet_ignored: {
    da: 'Arket er ikke et af Samspils og er sprunget over.',
    en: 'The sheet is not one of Samspil’s and was skipped.',
  },
  duplicate_column: {
    da: 'Kolonnen findes to gange; kun den første bruges.',
    en: 'The column appears twice; only the first is used.',
  },
  required: { da: 'Skal udfyldes.', en: 'Required.' },
  not_a_number: { da: 'Skal være et tal.', en: 'Must be a number.' },
  not_whole: { da: 'Skal være et helt tal.', en: 'Must be a whole number.' },
  not_a_date: {
    da: 'Skal være en dato (ÅÅÅÅ-MM-DD eller D.M.ÅÅÅÅ).',
    en: 'Must be a date (YYYY-MM-DD or D.M.YYYY).',
  },
  not_an_option: { da: 'Skal være en af: {options}.', en: 'Must be one of: {options}.' },
  too_long: { da: 'Højst {limit} tegn.', en: 'At most {limit} characters.' },
  too_short: { da: 'Skal udfyldes.', en: 'Must not be blank.' },
  too_small: { da: 'Mindst {limit}.', en: 'At least {limit}.' },
  too_large: { da: 'Højst {limit}.', en: 'At most {limit}.' },
  too_many: { da: 'Højst {limit} værdier.', en: 'At most {limit} values.' },
  not_a_link: {
    da: 'Skal være et fuldt link (https://…).',
    en: 'Must be a full link (https://…).',
  },
  invalid: { da: 'Ugyldig værdi ({detail}).', en: 'Not a valid value ({detail}).' },
  formula_without_value: {
    da: 'Cellen har en formel uden gemt værdi; formler beregnes ikke. Indsæt værdien i stedet.',
    en: 'The cell holds a formula without a stored value; formulas are not evaluated. Paste the value instead.',
  },
  unknown_reference: {
    da: 'Der er ingen {kind} "{name}" i filen eller kortet.',
    en: 'There is no {kind} "{name}" in the file or the map.',
  },
  ambiguous_reference: {
    da: 'Der er {count} med navnet "{name}"; angiv ID i stedet.',
    en: 'There are {count} named "{name}"; give the ID instead.',
  },
  ambiguous_match: {
    da: 'Kortet har {count} {kind} med navnet "{name}"; angiv ID for at vælge.',
    en: 'The map has {count} {kind} named "{name}"; give the ID to choose.',
  },
  id_of_other_kind: {
    da: 'ID "{id}" hører til et andet slags element ({kind}).',
    en: 'ID "{id}" belongs to another kind of element ({kind}).',
  },
  duplicate_row: {
    da: 'Samme {kind} som række {other}; slå rækkerne sammen.',
    en: 'The same {kind} as row {other}; merge the rows.',
  },
  merged_row: {
    da: 'Samme element som række {other} længere nede; den række bruges (som i Kumu).',
    en: 'The same element as row {other} further down; that row is used (as in Kumu).',
  },
  ends_changed: {
    da: 'En relations ender kan ikke ændres; slet den og tilføj en ny række uden ID.',
    en: 'The ends of a relation cannot change; delete it and add a new row without an ID.',
  },
  wrong_end: {
    da: '"{name}" er en {actual}, men her skal stå en {expected}.',
    en: '"{name}" is a {actual}, but this needs a {expected}.',
  },
  reversed: {
    da: 'Fra og Til er byttet om, så relationen går fra aktøren.',
    en: 'From and To were swapped so that the relation starts at the actor.',
  },
  self_reference: {
    da: 'En aktør kan ikke samarbejde med sig selv.',
    en: 'An actor cannot collaborate with itself.',
  },
  duplicate_fact: {
    da: 'Findes allerede for en overlappende periode ({other}).',
    en: 'Already exists for an overlapping period ({other}).',
  },
  cycle: {
    da: 'Ville lave en løkke: elementet ville ende under sig selv.',
    en: 'Would close a loop: the element would end up under itself.',
  },
  date_order: {
    da: 'Må ikke ligge før {after}.',
    en: 'Must not be before {after}.',
  },
  exactly_one: {
    da: 'Angiv præcis én af {fields}.',
    en: 'Give exactly one of {fields}.',
  },
  depends_on_invalid: {
    da: 'Henviser til række {other} ({sheet}), som har fejl.',
    en: 'Refers to row {other} ({sheet}), which has errors.',
  },
  kept_as_custom: {
    da: 'Værdien passer ikke til Samspils felt ({reason}) og er gemt som eget felt.',
    en: 'The value does not fit Samspil’s field ({reason}) and was kept as a custom field.',
  },
  too_many_attributes: {
    da: 'Højst {limit} egne felter pr. element; resten er udeladt.',
    en: 'At most {limit} custom fields per element; the rest were left out.',
  },
  attribute_too_long: {
    da: 'Egne felter har højst {limit} tegn; værdien er udeladt.',
    en: 'Custom fields hold at most {limit} characters; the value was left out.',
  },
  implicit_element: {
    da: '"{name}" har ingen række blandt elementerne og oprettes som {kind}.',
    en: '"{name}" has no element row and is created as a {kind}.',
  },
  new_kind: {
    da: '"{name}" findes som {existing}; der oprettes en ny {kind}.',
    en: '"{name}" exists as a {existing}; a new {kind} is created.',
  },
  not_kept: {
    da: 'Værdien kan ikke gemmes som eget felt og er udeladt.',
    en: 'The value cannot be kept as a custom field and was left out.',
  },
};

export function message(
  lang: Locale,
  code: string,
  params: Record<string, string | number> = {},
): string {
  const template = MESSAGES[code]?.[lang] ?? MESSAGES[code]?.en ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export const knownCodes = () => Object.keys(MESSAGES);

/** Where a problem is, before it is worded. */
export interface ProblemAt {
  sheet: string;
  row: number | null;
  column?: string | null;
  value?: unknown;
}

/** A problem before it is worded: the report words it in the request's language. */
export interface RawProblem extends ProblemAt {
  code: string;
  level: 'error' | 'warning';
  params?: Record<string, string | number>;
}

/** Parameters that hold model kinds (`actor`, `initiative|plan`), worded as nouns. */
const KIND_PARAMS = ['kind', 'actual', 'expected', 'existing'];

function noun(kinds: string, lang: Locale): string {
  const words = kinds.split('|').map((kind) => {
    const model = ALL_MODELS.find((m) => m.kind === kind);
    return model ? modelNames(model)[lang][0].toLowerCase() : kind;
  });
  return words.join(lang === 'da' ? ' eller ' : ' or ');
}

export function wordProblem(problem: RawProblem, lang: Locale): ImportProblem {
  const params = { ...problem.params };
  for (const key of KIND_PARAMS) {
    if (typeof params[key] === 'string') params[key] = noun(params[key] as string, lang);
  }
  return {
    sheet: problem.sheet,
    row: problem.row,
    column: problem.column ?? null,
    value: shown(problem.value),
    message: message(lang, problem.code, params),
    code: problem.code,
    level: problem.level,
  };
}
