import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  COLLABORATION_KINDS,
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  FORUM_KINDS,
  FUNDING_TYPES,
  GAP_KINDS,
  MEMBERSHIP_ROLES,
  SECTORS,
  SEVERITIES,
  SOURCE_KINDS,
  STANCE_POSITIONS,
  STATUSES,
} from '../../graph-schema/enums.ts';
import { DEMO_MAP_ID } from '../../seed/ids.ts';
import { DEMO_MAP_ID as WEB_DEMO_MAP_ID } from '../../web/src/lib/demo.ts';
import { FORMS } from '../../web/src/lib/forms.ts';
import { da } from '../../web/src/lib/i18n/da.ts';
import { en } from '../../web/src/lib/i18n/en.ts';
import { MESSAGES, placeholders, translate } from '../../web/src/lib/i18n/index.ts';

const webSrc = fileURLToPath(new URL('../../web/src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('translations', () => {
  it('have the same keys in Danish and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
    for (const [lang, messages] of Object.entries(MESSAGES)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('use the same {parameters} in both languages', () => {
    for (const key of Object.keys(da) as (keyof typeof da)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(da[key]));
    }
  });

  it('label every enum value of the model in both languages', () => {
    const groups: [string, readonly string[]][] = [
      ['sector', SECTORS],
      ['status', STATUSES],
      ['role', COMMITMENT_ROLES],
      ['commitmentStatus', COMMITMENT_STATUSES],
      ['fundingType', FUNDING_TYPES],
      ['collaborationKind', COLLABORATION_KINDS],
      ['forumKind', FORUM_KINDS],
      ['membershipRole', MEMBERSHIP_ROLES],
      ['position', STANCE_POSITIONS],
      ['sourceKind', SOURCE_KINDS],
      ['severity', SEVERITIES],
      ['gapKind', GAP_KINDS],
    ];
    for (const [group, values] of groups) {
      for (const value of values) {
        for (const messages of Object.values(MESSAGES)) {
          expect(messages, `${group}.${value}`).toHaveProperty(`${group}.${value}`);
        }
      }
    }
  });

  it('label every field of every form', () => {
    for (const fields of Object.values(FORMS)) {
      for (const field of fields) {
        expect(da).toHaveProperty(field.label);
        if (field.enumGroup)
          for (const value of field.options ?? [])
            expect(da).toHaveProperty(`${field.enumGroup}.${value}`);
      }
    }
  });

  it('have every key that the components name literally', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(webSrc)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z_.]+)'/g)) used.add(match[1]!);
      for (const match of text.matchAll(/\blabel\(\s*'([a-zA-Z]+)',\s*'([a-z_]+)'/g))
        used.add(`${match[1]}.${match[2]}`);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((key) => !(key in da));
    expect(missing).toEqual([]);
  });

  it('fill in parameters and differ between the languages', () => {
    expect(translate('da', 'gaps.count', { count: 3 })).toBe('3 mangler');
    expect(translate('en', 'gaps.count', { count: 3 })).toBe('3 gaps');
    expect(translate('da', 'nav.backing')).not.toBe(translate('en', 'nav.backing'));
  });
});

describe('demo map id', () => {
  it('is the one the seed uses', () => {
    expect(WEB_DEMO_MAP_ID).toBe(DEMO_MAP_ID);
  });
});
