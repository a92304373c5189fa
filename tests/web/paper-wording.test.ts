import { describe, expect, it } from 'vitest';
import { flagView } from '../../web/src/lib/backing.ts';
import { translate } from '../../web/src/lib/i18n/index.ts';
import { gapChanges } from '../../web/src/lib/state/editor.svelte.ts';
import type { BackingTarget, Gap } from '../../web/src/lib/types.ts';

describe('plurals through Intl.PluralRules', () => {
  it('says "1 mangel" and "2 mangler", "1 gap" and "0 gaps"', () => {
    expect(translate('da', 'gaps.count', { count: 1 })).toBe('1 mangel');
    expect(translate('da', 'gaps.count', { count: 2 })).toBe('2 mangler');
    expect(translate('da', 'gaps.count', { count: 0 })).toBe('0 mangler');
    expect(translate('en', 'gaps.count', { count: 1 })).toBe('1 gap');
    expect(translate('en', 'gaps.count', { count: 0 })).toBe('0 gaps');
  });

  it('fills plain placeholders beside a plural', () => {
    expect(translate('da', 'header.gapCount', { count: 1, severity: 'høj' })).toBe(
      '1 mangel med alvor høj',
    );
    expect(translate('da', 'toast.opened', { count: 3 })).toBe('Åbnede 3 nye mangler');
  });
});

const claim = (sector: string, illustrative: boolean) => ({
  kind: 'stance',
  backs: true,
  illustrative,
  actor: { id: `${sector}-${illustrative}`, name: sector, sector },
});

const target = (claims: unknown[]): BackingTarget =>
  ({
    claims,
    flags: {
      political: { state: 'backed' },
      resident: { state: 'backed' },
      economic: { state: 'not_recorded' },
    },
  }) as unknown as BackingTarget;

describe('backing flags', () => {
  it('shows a flag backed only by illustrative examples as illustrative, not as backed', () => {
    const row = target([
      claim('political', true),
      claim('residents', true),
      claim('residents', false),
    ]);
    expect(flagView(row, 'political')).toBe('illustrative');
    expect(flagView(row, 'resident')).toBe('backed');
    expect(flagView(row, 'economic')).toBe('not_recorded');
  });
});

describe('gaps a change closed and opened', () => {
  const gap = (id: string) => ({ id }) as Gap;
  const snapshot = (...ids: string[]) => new Map(ids.map((id) => [id, gap(id)]));

  it('compares the gaps before and after by id', () => {
    expect(gapChanges(snapshot('a', 'b'), snapshot('b', 'c'))).toEqual({
      closed: [gap('a')],
      opened: [gap('c')],
    });
  });

  it('says nothing when either side could not be read', () => {
    expect(gapChanges(null, snapshot('a'))).toBeNull();
    expect(gapChanges(snapshot('a'), null)).toBeNull();
  });
});
