import { describe, expect, it } from 'vitest';
import { gapId } from '../../api/src/analysis/ids.ts';
import { joinNames, money, pickLang, sortKey } from '../../api/src/analysis/i18n.ts';
import { addDays } from '../../api/src/analysis/validity.ts';

describe('language choice', () => {
  it('prefers ?lang=, then Accept-Language by weight, then Danish', () => {
    expect(pickLang('en', 'da')).toBe('en');
    expect(pickLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLang(undefined, 'de-DE, en;q=0.5, da;q=0.8')).toBe('da');
    expect(pickLang(undefined, 'fr, de')).toBe('da');
    expect(pickLang(undefined, 'en;q=0')).toBe('da');
    expect(pickLang(undefined, undefined)).toBe('da');
  });
});

describe('words', () => {
  it('joins names and formats money per language', () => {
    expect(joinNames(['A', 'B', 'C'], 'da')).toBe('A, B og C');
    expect(joinNames(['A', 'B'], 'en')).toBe('A and B');
    expect(joinNames(['A', 'B', 'C', 'D', 'E', 'F'], 'en')).toBe('A, B, C and 3 more');
    expect(money(1_500_000, 'DKK', 'da')).toBe('1.500.000 kr.');
    expect(money(1_500_000, 'DKK', 'en')).toBe('DKK 1,500,000');
    expect(money(250, 'EUR', 'en')).toBe('EUR 250');
  });

  it('sorts Danish letters after z', () => {
    const names = ['Østerbro', 'Aalborg', 'Ærø', 'Zealand', 'Århus', 'bymidte'];
    expect([...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual([
      'Aalborg',
      'bymidte',
      'Zealand',
      'Ærø',
      'Østerbro',
      'Århus',
    ]);
  });
});

describe('gap ids', () => {
  it('depend on map, kind, subject and second id only', () => {
    const id = gapId('m1', 'isolated_actor', 'a1');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(gapId('m1', 'isolated_actor', 'a1')).toBe(id);
    expect(gapId('m2', 'isolated_actor', 'a1')).not.toBe(id);
    expect(gapId('m1', 'stale_fact', 'a1')).not.toBe(id);
    expect(gapId('m1', 'isolated_actor', 'a1', 'b')).not.toBe(id);
    // Joining with a separator keeps ("a", "bc") and ("ab", "c") apart.
    expect(gapId('m', 'k', 'a', 'bc')).not.toBe(gapId('m', 'k', 'ab', 'c'));
  });
});

describe('date arithmetic', () => {
  it('counts days back across months and leap years', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-10', -365)).toBe('2025-01-10');
  });
});
