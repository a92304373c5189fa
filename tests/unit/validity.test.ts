import { describe, expect, it } from 'vitest';
import { addDays, isInForceAt, isLiveAt, isValidAt } from '../../graph-schema/validity.ts';

describe('valid at a date', () => {
  it('includes both ends of the period and leaves open ends open', () => {
    const fact = { from: '2026-01-01', to: '2026-12-31' };
    expect(isValidAt(fact, '2025-12-31')).toBe(false);
    expect(isValidAt(fact, '2026-01-01')).toBe(true);
    expect(isValidAt(fact, '2026-12-31')).toBe(true);
    expect(isValidAt(fact, '2027-01-01')).toBe(false);
    expect(isValidAt({ from: null, to: null }, '1900-01-01')).toBe(true);
  });

  it('never counts a withdrawn commitment without an end, nor a withdrawn one as in force', () => {
    expect(isValidAt({ status: 'withdrawn' }, '2026-01-01')).toBe(false);
    const withdrawn = { status: 'withdrawn', to: '2026-06-30' };
    expect(isValidAt(withdrawn, '2026-06-01')).toBe(true);
    expect(isInForceAt(withdrawn, '2026-06-01')).toBe(false);
    expect(isInForceAt({ status: 'agreed', to: '2026-06-30' }, '2026-06-01')).toBe(true);
  });
});

describe('live at a date', () => {
  const target = { status: 'planned', startDate: '2025-01-01', endDate: '2028-12-31' };

  it('opens the planning lead time before the start and closes at the end', () => {
    expect(isLiveAt(target, '2023-12-31', 365)).toBe(false);
    expect(isLiveAt(target, '2024-01-02', 365)).toBe(true);
    // 2024 is a leap year: 365 days before 2025-01-01 is 2024-01-02.
    expect(isLiveAt(target, '2024-01-01', 365)).toBe(false);
    expect(isLiveAt(target, '2028-12-31', 365)).toBe(true);
    expect(isLiveAt(target, '2029-01-01', 365)).toBe(false);
  });

  it('follows the lead time it is given', () => {
    expect(isLiveAt(target, '2024-12-01', 30)).toBe(false);
    expect(isLiveAt(target, '2024-12-02', 30)).toBe(true);
    expect(isLiveAt(target, '2024-12-31', 0)).toBe(false);
    expect(isLiveAt(target, '2025-01-01', 0)).toBe(true);
  });

  it('leaves an unset start or end open, and never counts completed or cancelled work', () => {
    expect(isLiveAt({ status: 'active' }, '1990-01-01', 365)).toBe(true);
    expect(isLiveAt({ status: 'active', endDate: '2020-01-01' }, '1990-01-01', 365)).toBe(true);
    expect(isLiveAt({ status: 'active', startDate: '2030-01-01' }, '2099-01-01', 365)).toBe(true);
    for (const status of ['completed', 'cancelled']) {
      expect(isLiveAt({ ...target, status }, '2026-01-01', 365)).toBe(false);
    }
    expect(isLiveAt({ ...target, status: 'paused' }, '2026-01-01', 365)).toBe(true);
  });
});

describe('date arithmetic', () => {
  it('counts across months, leap years and the first century, within 0000–9999', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-01-10', -365)).toBe('2025-01-10');
    expect(addDays('0050-01-01', 1)).toBe('0050-01-02');
    expect(addDays('9999-12-31', 365)).toBe('9999-12-31');
  });
});
