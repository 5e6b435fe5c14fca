/**
 * Hostile values and bodies for `npm run fuzz` (fast-check arbitraries): strings with bidi and control characters,
 * lone surrogates and long combining runs; bytes that are not UTF-8; numbers no parser expects; injected TM names
 * and ids; JSON that is malformed, truncated, deep, wide or huge, with `__proto__`/`toString` keys; multipart forms
 * that are broken in every part; TMX and XLIFF that are truncated, nested, or declare entities.
 */
import fc from 'fast-check';

/** Byte sequences that are not UTF-8 (a lone continuation, overlong, surrogate, truncated, above U+10FFFF…). */
export const BAD_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xc3],
  [0xf0, 0x9f, 0x98],
].map((b) => Buffer.from(b));

const SPECIALS = [
  '\u202e',
  '\u2066\u2069',
  '\u200f\u200e',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u0085',
  '\u2028\u2029',
  '\u0007\u001b[31m',
  '\r\n\r\n',
  '\ud800',
  '\udfff\ud800',
  'ا' + '\u064b'.repeat(2000),
  '﷽'.repeat(100),
  '%',
  '%%FF',
  '"\'<>&',
  '<script>alert(1)</script>',
  '=cmd|" /C calc"!A0',
  'كلمة',
  '中文',
  '',
  ' ',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIALS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom(...SPECIALS), fc.string({ maxLength: 10 }), fc.constantFrom(...SPECIALS))
    .map((p) => p.join('')),
  fc
    .tuple(fc.constantFrom('وقد توصل الجانبان ', 'China and ', '双方'), fc.constantFrom(...SPECIALS))
    .map((p) => p.join('')),
);

export const hostileNumber = fc.constantFrom(
  '1e309',
  '-1',
  '0',
  '9007199254740993',
  '1e-400',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '  7',
  '٣',
  '７',
  '-0',
  '1.5',
  '99999999999999999999999',
  '',
);

/** TM names that are main (or fuzz) dressed up: padded, cased, NUL, traversal, pattern and key syntax, lists. */
export function tmVariants(base: string): string[] {
  return [
    ` ${base}`,
    `${base} `,
    base.toUpperCase(),
    `${base}\u0000`,
    `${base}%00`,
    `../${base}`,
    `${base}/../x`,
    '*',
    `${base}*`,
    `{tm:${base}}`,
    `${base}}`,
    `${base}:units`,
    `\u202e${base}`,
    `${base}\n`,
    Array(12).fill(base).join(','),
    `${base},`,
    ',',
    'a'.repeat(300),
    '__proto__',
    'constructor',
  ];
}

export const hostileId = fc.constantFrom(
  '../../etc/passwd',
  '%2e%2e%2f',
  'u680b568acb78611d0e8d%20',
  '*',
  'ace54e57cd73f9de%00',
  'ACE54E57CD73F9DE',
  'x'.repeat(5000),
  '{tm:main}:units',
  '__proto__',
  'constructor',
  'toString',
  '%FF%FE',
  '%C0%80',
  '%ED%A0%80',
  '%',
  '%25',
  'ace54e57cd73f9de',
  'u680b568acb78611d0e8d',
);

/** A JSON value built to be hard to read: wrong types, objects with toString, prototype keys, deep, huge numbers. */
export const hostileJsonValue: fc.Arbitrary<string> = fc.oneof(
  hostileString.map((s) => JSON.stringify(s)),
  hostileNumber.map((n) => (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(n) ? n : JSON.stringify(n))),
  fc.constantFrom(
    '{"toString":1}',
    '[{"toString":1}]',
    '{"valueOf":"x","toString":"y"}',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    'null',
    'true',
    '[]',
    '{}',
    '[null,[],{}]',
    '1e400',
    '-1e400',
    '123456789012345678901234567890',
  ),
  fc.integer({ min: 10, max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.array(hostileString, { maxLength: 5 }).map((a) => JSON.stringify(a)),
);

/** A JSON object text with these keys (some hostile) and hostile values. */
export function hostileObject(fields: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fields) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '') },
    { weight: 1, arbitrary: hostileString },
  );
  return fc
    .array(fc.tuple(key, hostileJsonValue), { minLength: 1, maxLength: 6 })
    .map((pairs) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
}

/** The bytes of `text` with a byte sequence that is not UTF-8 where `@@` stands (or at the end). */
export function withBadBytes(text: string, bad: Buffer): Buffer {
  const at = text.indexOf('@@');
  if (at < 0) return Buffer.concat([Buffer.from(text), bad]);
  return Buffer.concat([Buffer.from(text.slice(0, at)), bad, Buffer.from(text.slice(at + 2))]);
}

export interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer;
}

/** A multipart/form-data body; `mangle` breaks it (no closing boundary, truncated, wrong boundary). */
export function multipart(parts: readonly Part[], boundary: string, mangle: 'none' | 'unclosed' | 'cut' | 'liar') {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.type ? `Content-Type: ${p.type}\r\n` : '';
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  if (mangle !== 'unclosed') chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let body = Buffer.concat(chunks);
  if (mangle === 'cut') body = body.subarray(0, Math.floor(body.length / 2));
  const header =
    mangle === 'liar' ? `multipart/form-data; boundary=${boundary}x` : `multipart/form-data; boundary=${boundary}`;
  return { body, type: header };
}

export const TMX = (seg: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>${extra}<tmx version="1.4"><header srclang="ar" datatype="plaintext" ` +
  `segtype="sentence" adminlang="en" o-tmf="x" creationtool="fuzz" creationtoolversion="1"/><body><tu>` +
  `<tuv xml:lang="ar"><seg>${seg}</seg></tuv><tuv xml:lang="en"><seg>fuzz ${seg.length}</seg></tuv></tu></body></tmx>`;

export const XLIFF = (source: string, extra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>${extra}<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` +
  `<file source-language="ar" target-language="en" datatype="plaintext" original="f"><body>` +
  `<trans-unit id="1"><source>${source}</source></trans-unit></body></file></xliff>`;

export const ENTITY_BOMB =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
export const EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';

/** An XML body mangled one way or another. */
export const xmlMangle = fc.constantFrom(
  'none',
  'cut',
  'entities',
  'external',
  'deep',
  'bad-bytes',
  'utf16-claim',
  'bom',
);
export function mangleXml(build: (inner: string, extra?: string) => string, how: string, text: string): Buffer {
  switch (how) {
    case 'cut': {
      const xml = build(text);
      return Buffer.from(xml.slice(0, Math.max(1, Math.floor(xml.length * 0.6))));
    }
    case 'entities':
      return Buffer.from(build(`${text}&lol3;`, ENTITY_BOMB));
    case 'external':
      return Buffer.from(build(`${text}&xxe;`, EXTERNAL_ENTITY));
    case 'deep':
      return Buffer.from(build('<g id="1">'.repeat(5000) + text + '</g>'.repeat(5000)));
    case 'bad-bytes':
      return withBadBytes(build(`${text}@@`), BAD_UTF8[text.length % BAD_UTF8.length]!);
    case 'utf16-claim':
      return Buffer.from(build(text).replace('encoding="UTF-8"', 'encoding="UTF-16"'));
    case 'bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(build(text))]);
    default:
      return Buffer.from(build(text.replace(/[<&]/g, '')));
  }
}
