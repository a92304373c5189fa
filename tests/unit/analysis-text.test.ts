import { describe, expect, it } from 'vitest';
import { gapId } from '../../api/src/analysis/ids.ts';
import { joinNames, money, pickLang } from '../../api/src/analysis/i18n.ts';
import { seededRandom } from '../../api/src/analysis/random.ts';
import { sortedBy, sortKey } from '../../api/src/analysis/sort-key.ts';

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
});

/** Sorted by `sortKey`, the way the analysis sorts names. */
const byKey = (names: string[]) => [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
const danish = new Intl.Collator('da');

describe('Danish sort order', () => {
  it('puts æ, ø, å after z and reads aa as å, as Intl.Collator("da") does', () => {
    const names = [
      'Østerbro',
      'Aalborg',
      'Ærø',
      'Zealand',
      'Århus',
      'bymidte',
      'Ørestad',
      'Åbenrå',
      'Haarby',
      'Hårby',
      'Harby',
      'Ølstykke',
      'Æble',
    ];
    const expected = [...names].sort(danish.compare);
    // Spelled out, so the test says what Danes expect and does not only agree with ICU.
    expect(expected).toEqual([
      'bymidte',
      'Harby',
      'Hårby',
      'Haarby',
      'Zealand',
      'Æble',
      'Ærø',
      'Ølstykke',
      'Ørestad',
      'Østerbro',
      'Åbenrå',
      'Aalborg',
      'Århus',
    ]);
    expect(byKey(names)).toEqual(expected);
  });

  it('sorts accents, case, spaces, hyphens, digits and quotes as Intl.Collator("da")', () => {
    const names = [
      'Ebbe',
      'Éclair',
      'Eclair',
      'Über',
      'Uber',
      'Yding',
      'Vibe',
      'Hedehusene',
      'hedehusene',
      'Hans Jensen',
      'Hans-Jensen',
      'HansJensen',
      'A10',
      'A2',
      '»Boligsocial«',
      'Boligsocial',
      'Äb',
      'Öb',
      'Öz',
      'Kaarsberg',
      'Kårsberg',
      'Karsten',
      'straße',
      'strasse',
      'AAB',
      'Aab',
      'aA',
      'ab',
      'Ålborg',
      'ålborg',
      'aalborg',
    ];
    expect(byKey(names)).toEqual([...names].sort(danish.compare));
  });

  it('agrees with Intl.Collator("da") on thousands of random names', () => {
    const letters = [...'aAaAáàæÆøØåÅöÖüÜäÄéÉèzZyYoOiIbBkKvVwW -.()&/0129»«“”’'];
    const random = seededRandom(11);
    for (let round = 0; round < 500; round++) {
      const names = Array.from({ length: 10 }, () =>
        Array.from(
          { length: 1 + Math.floor(random() * 8) },
          () => letters[Math.floor(random() * letters.length)]!,
        ).join(''),
      );
      const ours = byKey(names);
      const theirs = [...names].sort(danish.compare);
      // Names Intl counts as equal may come in either order.
      ours.forEach((name, i) =>
        expect(danish.compare(name, theirs[i]!), names.join(' | ')).toBe(0),
      );
    }
  });

  it('breaks ties by id, one key per item', () => {
    const items = [
      { name: 'Ørestad', id: 'b' },
      { name: 'Aalborg', id: 'a' },
      { name: 'Ørestad', id: 'a' },
    ];
    const sorted = sortedBy(
      items,
      (item) => item.name,
      (item) => item.id,
    );
    expect(sorted.map((item) => `${item.name}/${item.id}`)).toEqual([
      'Ørestad/a',
      'Ørestad/b',
      'Aalborg/a',
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
