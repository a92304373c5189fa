import type { Locale } from '../../../../graph-schema/enums.ts';
import { enumKey, translate, type MessageKey, type Params } from '../i18n/index.ts';

export const LOCALE_STORAGE_KEY = 'samspil.lang';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** The interface language: Danish by default, remembered in localStorage. */
export class LocaleState {
  lang = $state<Locale>('da');

  constructor(private readonly storage: StorageLike | null = safeLocalStorage()) {
    const saved = storage?.getItem(LOCALE_STORAGE_KEY);
    if (saved === 'da' || saved === 'en') this.lang = saved;
  }

  set(lang: Locale): void {
    this.lang = lang;
    try {
      this.storage?.setItem(LOCALE_STORAGE_KEY, lang);
    } catch {
      // Private mode or a full quota: the choice still holds for this visit.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  /** The message for `key` in the current language (reactive: reads `lang`). */
  t = (key: MessageKey, params?: Params): string => translate(this.lang, key, params);

  /** The label of an enum value: `label('sector', 'housing')`. */
  label = (group: string, value: string | null | undefined): string =>
    value ? translate(this.lang, enumKey(group, value)) : '';
}

function safeLocalStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
