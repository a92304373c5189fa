import { describe, expect, it } from 'vitest';
import { parseIfMatch } from '../../api/src/routes/common.ts';
import { hostName, normalizeHost } from '../../api/src/plugins/security.ts';
import { coerceQueryValue } from '../../api/src/plugins/validation.ts';

describe('hostName', () => {
  it('reads the name of a Host header without its port', () => {
    expect(hostName('localhost:3000')).toBe('localhost');
    expect(hostName('LocalHost')).toBe('localhost');
    expect(hostName('samspil.example.org.')).toBe('samspil.example.org');
    expect(hostName('[::1]:8080')).toBe('[::1]');
    expect(hostName('[::1]')).toBe('[::1]');
    expect(hostName('127.0.0.1:80')).toBe('127.0.0.1');
  });

  it('gives null for what is no host', () => {
    for (const header of [undefined, '', 'a:b:c', '::1', '[::1', 'host:port', 'x y', 'a/b']) {
      expect(hostName(header), String(header)).toBeNull();
    }
  });

  it('normalizes configured names the same way', () => {
    expect(normalizeHost(' Fe80::1 ')).toBe('[fe80::1]');
    expect(normalizeHost('Example.org.')).toBe('example.org');
  });
});

describe('coerceQueryValue', () => {
  const integer = { type: 'integer' };
  it('reads plain decimals as numbers and leaves anything else as text', () => {
    expect(coerceQueryValue('42', integer)).toBe(42);
    expect(coerceQueryValue('-3', integer)).toBe(-3);
    expect(coerceQueryValue('2.5', { type: 'number' })).toBe(2.5);
    for (const text of ['1e3', '0x10', '+5', ' 5', '5.0', '', 'Infinity', '1_000']) {
      expect(coerceQueryValue(text, integer), text).toBe(text);
    }
    expect(coerceQueryValue('true', { type: 'boolean' })).toBe(true);
    expect(coerceQueryValue('1', { type: 'boolean' })).toBe('1');
    expect(coerceQueryValue('007', { type: 'string' })).toBe('007');
  });

  it('makes a list of a single value where a list is expected, and keeps repeats', () => {
    const list = { type: 'array', items: { type: 'string' } };
    expect(coerceQueryValue('a', list)).toEqual(['a']);
    expect(coerceQueryValue(['a', 'b'], list)).toEqual(['a', 'b']);
    expect(coerceQueryValue(['1', 'x'], { type: 'array', items: integer })).toEqual([1, 'x']);
    expect(coerceQueryValue(['1', '2'], integer)).toEqual(['1', '2']);
  });
});

describe('parseIfMatch', () => {
  it('reads a bare or quoted version; empty and * mean any', () => {
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    for (const bad of ['"3', 'W/"3"', '3,4', '3 4', 'x']) {
      expect(() => parseIfMatch(bad), bad).toThrow(/If-Match/);
    }
  });
});
