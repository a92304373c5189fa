import type { Locale } from '../../../../graph-schema/enums.ts';
import { da, type MessageKey, type Messages } from './da.ts';
import { en } from './en.ts';

export type { MessageKey, Messages };

export const MESSAGES: Record<Locale, Messages> = { da, en };

export type Params = Record<string, string | number>;

/** The message for `key` in `lang` with `{param}`s filled in; an unknown key shows itself. */
export function translate(lang: Locale, key: MessageKey, params?: Params): string {
  const text: string = MESSAGES[lang][key] ?? MESSAGES.da[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The key of an enum value's label, e.g. `('sector', 'housing')` → `sector.housing`. */
export function enumKey(group: string, value: string): MessageKey {
  return `${group}.${value}` as MessageKey;
}

/** Every `{param}` a message uses; the i18n test checks both languages use the same ones. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}
