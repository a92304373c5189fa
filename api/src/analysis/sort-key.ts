/**
 * Names sorted as Danes expect them, fast: `sortKey(name)` is a string whose `<` order is the
 * order of `Intl.Collator('da')` (Unicode collation with the Danish tailoring: æ, ø, å after z,
 * aa read as å, ä ö ü as æ ø y, accents and case only breaking ties, upper case first). Sorting
 * tens of thousands of gaps by one plain key per gap beats a comparator, and the key joins the
 * severity rank and the id in one string. Weights are worked out once per character and kept in
 * tables. tests/unit/analysis-text.test.ts checks it against `Intl.Collator('da')`.
 *
 * The key is three parts separated by U+0000: primary weights (letters, digits, punctuation),
 * one accent weight per primary, and one case or variant mark per character.
 */

/**
 * Whitespace and punctuation weigh less than digits, digits less than letters. In the order of Unicode's collation; characters in one string share a primary weight and
 * differ only slightly, in this order (a no-break space is a space, ‘ and ’ are quotes).
 */
const PUNCTUATION = [
  ...'\t\n\r',
  ' \u00a0',
  ...'_-‐–—,;:!¡?¿.…·',
  "'‘’‚",
  '"“”„',
  ...'«»()[]{}§¶@*/\\&#%•′″`^°©®+±÷×<=>|~¢$£¥€',
];
const PUNCTUATION_WEIGHT = new Map<string, [number, number]>(
  PUNCTUATION.flatMap((group, rank) =>
    [...group].map((c, variant): [string, [number, number]] => [c, [0x01 + rank, variant]]),
  ),
);
const OTHER_SYMBOL = 0x01 + PUNCTUATION.length;
const DIGIT_0 = 0x60;
const LETTER_A = 0x70;
const AE = LETTER_A + 26;
const OE = AE + 1;
const AA = AE + 2;

/** Secondary weights of combining marks, in the order Unicode's collation gives them. */
const ACCENTS = [
  0x301, 0x300, 0x306, 0x302, 0x30c, 0x30a, 0x308, 0x30b, 0x303, 0x307, 0x327, 0x328, 0x304,
];
const ACCENT_RANK = new Map(ACCENTS.map((mark, i) => [mark, i + 1]));
const OTHER_ACCENT = ACCENTS.length + 1;

interface Weight {
  primary: string;
  accent: string;
  case: string;
  /** The letter it decomposes to (`a` for á, ä, å) and its accent: for the aa contraction. */
  base: string;
  baseAccent: number;
}

const ch = (code: number) => String.fromCharCode(code);
const letter = (base: string) => ch(LETTER_A + base.charCodeAt(0) - 97);

/** Letters that Danish sorts on their own or as another letter. */
const DANISH: Record<string, [string, number]> = {
  æ: [ch(AE), 0],
  ä: [ch(AE), 1],
  ø: [ch(OE), 0],
  ö: [ch(OE), 1],
  ő: [ch(OE), 2],
  å: [ch(AA), 0],
  ü: [letter('y'), 1],
  ű: [letter('y'), 2],
  ð: [letter('d'), OTHER_ACCENT + 1],
  đ: [letter('d'), OTHER_ACCENT],
  ł: [letter('l'), OTHER_ACCENT],
  ı: [letter('i'), OTHER_ACCENT],
  ß: [letter('s') + letter('s'), OTHER_ACCENT],
  þ: [letter('t') + letter('h'), OTHER_ACCENT],
  œ: [letter('o') + letter('e'), OTHER_ACCENT],
};

function compute(c: string): Weight {
  const w = primaryWeight(c);
  const nfd = c.normalize('NFD');
  const mark = nfd.length > 1 ? (ACCENT_RANK.get(nfd.charCodeAt(1)) ?? OTHER_ACCENT) : 0;
  return { ...w, base: nfd[0]!, baseAccent: mark };
}

function primaryWeight(c: string): Omit<Weight, 'base' | 'baseAccent'> {
  const lower = c.toLowerCase();
  const one = (primary: string, accent: number, variant = c !== lower ? 0 : 1) => ({
    primary,
    accent: ch(0x30 + accent).repeat(primary.length),
    case: ch(0x30 + variant),
  });
  const danish = DANISH[lower];
  if (danish) return one(danish[0], danish[1]);
  const punctuation = PUNCTUATION_WEIGHT.get(c);
  if (punctuation) return one(ch(punctuation[0]), 0, 1 + punctuation[1]);
  const code = lower.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return one(ch(DIGIT_0 + code - 0x30), 0);
  if (code >= 0x61 && code <= 0x7a) return one(letter(lower), 0);
  const decomposed = lower.normalize('NFKD');
  if (decomposed !== lower) {
    let primary = '';
    let accent = 0;
    for (const part of decomposed) {
      const partCode = part.charCodeAt(0);
      if (partCode >= 0x300 && partCode <= 0x36f) {
        accent ||= ACCENT_RANK.get(partCode) ?? OTHER_ACCENT;
        continue;
      }
      const inner = primaryWeight(part);
      primary += inner.primary;
    }
    // A compatibility form (ª, ﬁ, ¹) differs from its letters only a little.
    return one(primary, accent || (c.normalize('NFD') === c ? OTHER_ACCENT : 0));
  }
  if (code >= 0x300 && code <= 0x36f) return { primary: '', accent: '', case: '' };
  // Other symbols of the Latin blocks sort with punctuation; any other letter or script keeps
  // its own code unit, which lies above every weight here, so it sorts after the Latin letters.
  if (code < 0x250 && !/\p{L}/u.test(c)) return one(ch(OTHER_SYMBOL), 0);
  return one(lower.length === 1 ? lower : c, 0);
}

/**
 * Weights by UTF-16 code unit, filled on first use: the primary weight (0 = not yet computed,
 * SPECIAL = more or less than one primary, see `specials`), the accent, the case or variant,
 * and whether the unit decomposes to `a` (1) or `A` (2).
 */
const SPECIAL = 0xffff;
const primaryOf = new Uint16Array(0x10000);
const accentOf = new Uint8Array(0x10000);
const caseOf = new Uint8Array(0x10000);
const baseOf = new Uint8Array(0x10000);
const baseAccentOf = new Uint8Array(0x10000);
const specials = new Map<number, Weight>();

function learn(code: number): void {
  const w = compute(String.fromCharCode(code));
  if (w.primary.length === 1) {
    primaryOf[code] = w.primary.charCodeAt(0);
    accentOf[code] = w.accent.charCodeAt(0);
  } else {
    primaryOf[code] = SPECIAL;
    specials.set(code, w);
  }
  caseOf[code] = w.case.length ? w.case.charCodeAt(0) : 0;
  baseOf[code] = w.base === 'a' ? 1 : w.base === 'A' ? 2 : 0;
  baseAccentOf[code] = 0x30 + w.baseAccent;
}

/** Buffers for a name of up to `capacity` code units: a unit gives at most two primaries. */
let capacity = 0;
let primaryCodes = new Uint16Array(0);
let accentCodes = new Uint16Array(0);
let caseCodes = new Uint16Array(0);
function reserve(length: number): void {
  if (length <= capacity) return;
  capacity = Math.max(256, length * 2);
  primaryCodes = new Uint16Array(capacity * 5 + 2);
  accentCodes = new Uint16Array(capacity * 2);
  caseCodes = new Uint16Array(capacity);
}

const A_LOWER = 0x61;
const A_UPPER = 0x41;
// Decoding the code units in one go is the fastest way to a string; in the platform's byte order.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be');

/** The collation key of `name` (see the top of this file). */
export function sortKey(name: string): string {
  reserve(name.length);
  let p = 0;
  let c = 0;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (primaryOf[code] === 0) learn(code);
    if ((code === A_LOWER || code === A_UPPER) && i + 1 < name.length) {
      // Danish reads aa as å, also before an accented a (aá, aä): Unicode collation
      // contracts the decomposed letters, Aa and AA too, but not aA.
      const next = name.charCodeAt(i + 1);
      if (primaryOf[next] === 0) learn(next);
      const base = baseOf[next];
      if (base === 1 || (code === A_UPPER && base === 2)) {
        primaryCodes[p] = AA;
        accentCodes[p++] = baseAccentOf[next]!;
        caseCodes[c++] = code === A_UPPER ? 0x30 : 0x31;
        caseCodes[c++] = base === 2 ? 0x30 : 0x31;
        i++;
        continue;
      }
    }
    const primary = primaryOf[code]!;
    if (primary === SPECIAL) {
      const w = specials.get(code)!;
      for (let j = 0; j < w.primary.length; j++) {
        primaryCodes[p] = w.primary.charCodeAt(j);
        accentCodes[p++] = w.accent.charCodeAt(j);
      }
      if (w.case.length) caseCodes[c++] = w.case.charCodeAt(0);
      continue;
    }
    primaryCodes[p] = primary;
    accentCodes[p++] = accentOf[code]!;
    caseCodes[c++] = caseOf[code]!;
  }
  // One buffer, one string: primaries, 0, accents, 0, cases.
  primaryCodes[p] = 0;
  primaryCodes.set(accentCodes.subarray(0, p), p + 1);
  primaryCodes[2 * p + 1] = 0;
  primaryCodes.set(caseCodes.subarray(0, c), 2 * p + 2);
  return decoder.decode(primaryCodes.subarray(0, 2 * p + 2 + c));
}

/** `items` sorted by `name` as Danes expect (see `sortKey`), then by `id`; one key per item. */
export function sortedBy<T>(
  items: Iterable<T>,
  name: (item: T) => string,
  id: (item: T) => string,
): T[] {
  const keyed = Array.from(items, (item) => ({
    item,
    key: `${sortKey(name(item))}\u0000${id(item)}`,
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((entry) => entry.item);
}

/** Named things (entity references, rows) sorted by name, then id. */
export function sortedByName<T extends { name: string; id: string }>(items: Iterable<T>): T[] {
  return sortedBy(
    items,
    (item) => item.name,
    (item) => item.id,
  );
}
