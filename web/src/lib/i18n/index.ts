import type { Locale } from '../../../../graph-schema/enums.ts';
import { da, type MessageKey, type Messages } from './da.ts';
import { en } from './en.ts';

export type { MessageKey, Messages };

export const MESSAGES: Record<Locale, Messages> = { da, en };

export type Params = Record<string, string | number>;

/** `{count, plural, one {# mangel} other {# mangler}}`: ICU's plural form, as translators know it. */
const PLURAL = /\{(\w+), plural, ((?:=?\w+ \{[^{}]*\}\s*)+)\}/g;
const PLURAL_CASE = /(=?\w+) \{([^{}]*)\}/g;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralOf(lang: Locale, value: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(value);
}

/** One plural form: an exact `=n` case first, then the language's category, then `other`. */
function choosePlural(lang: Locale, cases: string, value: number): string {
  const forms = new Map([...cases.matchAll(PLURAL_CASE)].map((match) => [match[1]!, match[2]!]));
  const form = forms.get(`=${value}`) ?? forms.get(pluralOf(lang, value)) ?? forms.get('other');
  return (form ?? '').replace(/#/g, String(value));
}

/**
 * The message for `key` in `lang` with `{param}`s filled in and plural forms chosen by
 * `Intl.PluralRules` ("1 mangel", "2 mangler"); an unknown key shows itself.
 */
export function translate(lang: Locale, key: MessageKey, params?: Params): string {
  const text: string = MESSAGES[lang][key] ?? MESSAGES.da[key] ?? key;
  if (!params) return text;
  return text
    .replace(PLURAL, (whole, name: string, cases: string) =>
      name in params ? choosePlural(lang, cases, Number(params[name])) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}

/** The key of an enum value's label, e.g. `('sector', 'housing')` → `sector.housing`. */
export function enumKey(group: string, value: string): MessageKey {
  return `${group}.${value}` as MessageKey;
}

/** Every `{param}` a message uses; the i18n test checks both languages use the same ones. */
export function placeholders(text: string): string[] {
  const plural = [...text.matchAll(PLURAL)].map((match) => match[1]!);
  const plain = [...text.replace(PLURAL, '').matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return [...new Set([...plural, ...plain])].sort();
}
