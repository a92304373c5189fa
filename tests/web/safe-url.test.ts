import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { safeHref } from '../../web/src/lib/safe-url.ts';

const components = fileURLToPath(new URL('../../web/src/components/', import.meta.url));

describe('safeHref', () => {
  it('links http and https URLs only', () => {
    expect(safeHref('https://www.htk.dk/plan')).toBe('https://www.htk.dk/plan');
    expect(safeHref('http://example.org')).toBe('http://example.org/');
    expect(safeHref('HTTPS://Example.org/a b')).toBe('https://example.org/a%20b');
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      '\tjava\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org',
      '//evil.example/x',
      '/relative/path',
      'www.example.org',
      'not a url',
      '',
      null,
      undefined,
    ]) {
      expect(safeHref(url), String(url)).toBeNull();
    }
  });
});

describe('links in the web app', () => {
  it('take their target from data only through safeHref', () => {
    const offenders: string[] = [];
    for (const name of readdirSync(components).filter((file) => file.endsWith('.svelte'))) {
      const source = readFileSync(join(components, name), 'utf8');
      for (const [, target] of source.matchAll(/\bhref=(\{[^}]*\}|"[^"]*")/g)) {
        const local = "(?:undefined|'#[^']*')";
        const routed =
          /^\{(formatRoute\(|`#)/.test(target!) ||
          /^"#/.test(target!) ||
          new RegExp(`\\?\\s*${local}\\s*:\\s*${local}\\}$`).test(target!);
        const checked = target === '{href}' && /safeHref\(/.test(source);
        if (!routed && !checked) offenders.push(`${name}: href=${target}`);
      }
      for (const [shorthand] of source.matchAll(/<a\s[^>]*\{href\}/g)) {
        if (!/safeHref\(/.test(source)) offenders.push(`${name}: ${shorthand}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
