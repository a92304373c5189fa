import type { Locale } from '../../../graph-schema/enums.ts';

const intlLocale = (lang: Locale) => (lang === 'da' ? 'da-DK' : 'en-GB');

/** Numbers with the locale's grouping: 15.000.000 (da) / 15,000,000 (en); whole by default. */
export function formatNumber(lang: Locale, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: fractionDigits }).format(
    value,
  );
}

/** Money in whole units, compact for big sums: "850 mio. kr." / "DKK 850M". */
export function formatMoney(lang: Locale, value: number, currency = 'DKK'): string {
  const compact = Math.abs(value) >= 1_000_000;
  return new Intl.NumberFormat(intlLocale(lang), {
    style: 'currency',
    currency,
    notation: compact ? 'compact' : 'standard',
    maximumFractionDigits: compact ? 1 : 0,
  }).format(value);
}

/** `YYYY-MM-DD` as a readable date ("3. feb. 2022" / "3 Feb 2022"); other text is shown as is. */
export function formatDate(lang: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(intlLocale(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Today as `YYYY-MM-DD` in local time. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
