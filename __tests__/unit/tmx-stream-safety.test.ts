import { ErrorCode } from '../../src/errors';
import { readTmxUnits } from '../../src/formats';

const HEADER =
  '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>';
const BODY = `<tmx version="1.4">${HEADER}<body><tu><tuv xml:lang="ar"><seg>عربي ١٢</seg></tuv><tuv xml:lang="zh"><seg>中文</seg></tuv></tu></body></tmx>`;
const decl = (encoding?: string) => `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?>`;

const arabicOf = async (bytes: Buffer) => (await readTmxUnits([bytes])).units[0]!.langs.ar!.text;
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();
const failure = (code: string, params?: Record<string, unknown>) =>
  expect.objectContaining({ code, ...(params ? { params: expect.objectContaining(params) } : {}) });

describe('TMX encodings', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(decl('UTF-8') + BODY)],
    ['UTF-8 without declaration', Buffer.from(BODY)],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decl('utf-8') + BODY)])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(decl('UTF-16') + BODY, 'utf16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(decl('UTF-16') + BODY)])],
    ['UTF-16LE without BOM', Buffer.from(decl('UTF-16LE') + BODY, 'utf16le')],
    ['UTF-16BE without BOM', utf16be(decl('UTF-16') + BODY)],
  ])('reads %s', async (_name, bytes) => {
    expect(await arabicOf(bytes)).toBe('عربي ١٢');
  });

  it('reads a legacy encoding the declaration names (windows-1256 Arabic)', async () => {
    const text = decl('windows-1256') + BODY.replace('عربي ١٢', 'عربي &#1633;').replace('中文', '&#x4E2D;&#25991;');
    const { units, encoding } = await readTmxUnits([windows1256(text)]);
    expect(encoding).toBe('windows-1256');
    expect(units[0]!.langs.ar!.text).toBe('عربي ١');
    expect(units[0]!.langs.zh!.text).toBe('中文');
  });

  it.each([
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from(decl() + BODY.slice(0, 150)), Buffer.from([0xc3, 0x28])])],
    ['UTF-8 bytes declared as UTF-16', Buffer.from(decl('UTF-16') + BODY)],
    ['UTF-16 bytes without a BOM declared as UTF-8', Buffer.from(decl('UTF-8') + BODY, 'utf16le')],
    ['an encoding nobody knows', Buffer.from(decl('x-mizan-7') + BODY)],
    [
      'a UTF-8 BOM before another declared encoding',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(decl('ISO-8859-6') + BODY)]),
    ],
  ])('refuses %s with INVALID_ENCODING', async (_name, bytes) => {
    await expect(readTmxUnits([bytes], { name: 'tm.tmx' })).rejects.toEqual(
      failure(ErrorCode.INVALID_ENCODING, { param: 'tm.tmx' }),
    );
  });
});

describe('malformed and hostile XML', () => {
  it('reports malformed XML with its line and column', async () => {
    const broken = `${decl()}\n<tmx version="1.4">\n${HEADER}\n<body><tu><tuv xml:lang="ar"><seg>x</tuv></tu></body></tmx>`;
    await expect(readTmxUnits(broken, { name: 'tm.tmx' })).rejects.toEqual(
      failure(ErrorCode.XML_MALFORMED, {
        param: 'tm.tmx',
        line: 4,
        column: 41,
        reason: expect.stringMatching(/close tag/),
      }),
    );
  });

  /** A 32-line file whose line 24 holds `يلتزم & الطرفان` (a bare ampersand), the rest well-formed. */
  const bareAmpersand = () => {
    const lines = [decl('UTF-8'), '<tmx version="1.4">', HEADER, '<body>'];
    for (let i = 0; lines.length < 23; i++) lines.push(`<tu><tuv xml:lang="ar"><seg>نص ${i}</seg></tuv></tu>`);
    lines.push('<tu><tuv xml:lang="ar"><seg>يلتزم & الطرفان</seg></tuv></tu>');
    while (lines.length < 30) lines.push('<tu><tuv xml:lang="ar"><seg>نص آخر</seg></tuv></tu>');
    lines.push('</body>', '</tmx>');
    return lines.join('\n');
  };

  it('names the line and column of a bare & (not the end of the file)', async () => {
    const text = bareAmpersand();
    expect(text.split('\n')).toHaveLength(32);
    const column = text.split('\n')[23]!.indexOf('&') + 1;
    await expect(readTmxUnits(text, { name: 'tm.tmx' })).rejects.toEqual(
      failure(ErrorCode.XML_MALFORMED, { param: 'tm.tmx', line: 24, column, reason: expect.stringMatching(/&amp;/) }),
    );
  });

  it('names the bare & however the file is cut into chunks, CRLF lines too', async () => {
    const text = bareAmpersand().replace(/\n/g, '\r\n');
    const column = text.split('\r\n')[23]!.indexOf('&') + 1;
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('&');
    for (const cut of [at, at + 1, at + 2, 1024 + 7]) {
      const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)];
      await expect(readTmxUnits(chunks)).rejects.toEqual(failure(ErrorCode.XML_MALFORMED, { line: 24, column }));
    }
  });

  it('still reads entities and character references cut between chunks', async () => {
    const text = BODY.replace('عربي', 'عربي &amp; &#x661;');
    const bytes = Buffer.from(text);
    const at = bytes.indexOf('&amp;');
    for (const cut of [at + 1, at + 3, bytes.indexOf('&#x') + 4]) {
      const { units } = await readTmxUnits([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(units[0]!.langs.ar!.text).toBe('عربي & ١ ١٢');
    }
  });

  it.each([
    ['on its own line', 'not xml at all', 1, 1],
    ['ending in a newline', 'not xml at all\n', 1, 1],
    ['after blank lines', '\n\n  not xml at all\n', 3, 3],
  ])('names where plain text outside the root starts (%s)', async (_name, text, line, column) => {
    await expect(readTmxUnits(text)).rejects.toEqual(
      failure(ErrorCode.XML_MALFORMED, { line, column, reason: expect.stringMatching(/outside of root/) }),
    );
  });

  it('refuses an entity it does not know rather than guessing', async () => {
    await expect(readTmxUnits(BODY.replace('عربي', '&nbsp;'))).rejects.toEqual(failure(ErrorCode.XML_MALFORMED));
  });

  it('refuses an external entity (XXE) without reading it', async () => {
    const xxe = `${decl()}<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>${BODY.replace('عربي', '&x;')}`;
    await expect(readTmxUnits(xxe)).rejects.toEqual(failure(ErrorCode.XML_ENTITIES_REFUSED, { line: 1 }));
  });

  it('refuses a billion-laughs DTD without expanding it', async () => {
    let entities = '<!ENTITY l0 "ha">';
    for (let i = 1; i <= 9; i++) entities += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
    const bomb = `${decl()}<!DOCTYPE tmx [${entities}]>${BODY.replace('عربي', '&l9;')}`;
    await expect(readTmxUnits(bomb)).rejects.toEqual(failure(ErrorCode.XML_ENTITIES_REFUSED));
  });

  it('accepts a DOCTYPE that only names the TMX DTD, without fetching it', async () => {
    const { units } = await readTmxUnits(`${decl()}<!DOCTYPE tmx SYSTEM "http://127.0.0.1:1/tmx14.dtd">${BODY}`);
    expect(units).toHaveLength(1);
  });

  it('refuses a prolog of more than a megabyte', async () => {
    const long = `${decl()}<!--${'x'.repeat(1 << 20)}-->${BODY}`;
    await expect(readTmxUnits([Buffer.from(long.slice(0, 600_000)), Buffer.from(long.slice(600_000))])).rejects.toEqual(
      failure(ErrorCode.XML_MALFORMED, { reason: expect.stringMatching(/before the root element/) }),
    );
  });
});

describe('files that are not usable TMX', () => {
  it('fails a TMX with no Arabic at all, naming its languages', async () => {
    const file = BODY.replace('xml:lang="ar"', 'xml:lang="en-US"').replace('عربي ١٢', 'English');
    await expect(readTmxUnits(file, { name: 'en-zh.tmx' })).rejects.toEqual(
      failure(ErrorCode.TMX_NO_ARABIC, { param: 'en-zh.tmx', units: 1, languages: 'en, zh' }),
    );
  });

  it('says which language is written in Arabic script when a file labels its Arabic as another language', async () => {
    // po2tmx's default, --source-language en: the Arabic msgids labelled en, and so are the English msgstrs.
    const tu = (ar: string, en: string) =>
      `<tu><tuv xml:lang="en"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;
    const file =
      `<tmx version="1.4">${HEADER.replace('srclang="ar"', 'srclang="en"')}<body>` +
      tu('وقد توصل الجانبان إلى توافق كبير حول تعزيز التعاون العملي', 'The two sides reached a broad consensus') +
      tu('زار الوفد مدينة الرياض لمدة خمسة أيام', 'The delegation visited Riyadh for five days') +
      '</body></tmx>';
    await expect(readTmxUnits(file, { name: 'en.tmx' })).rejects.toEqual(
      failure(ErrorCode.TMX_NO_ARABIC, { param: 'en.tmx', units: 2, languages: 'en', written: 'en' }),
    );
    // An Arabic word in English texts gives no hint.
    const mixed = BODY.replace('xml:lang="ar"', 'xml:lang="en"').replace('عربي ١٢', 'The word عربي means Arabic');
    await expect(readTmxUnits(mixed)).rejects.toEqual(failure(ErrorCode.TMX_NO_ARABIC, { reason: 'arabic-source' }));
  });

  it('reads an empty body as no units, not as an error', async () => {
    const { units, counts } = await readTmxUnits(`<tmx version="1.4">${HEADER}<body/></tmx>`);
    expect(units).toEqual([]);
    expect(counts.tus).toBe(0);
  });

  it.each([
    ['another root element', '<html><body/></html>', /root element is <html>/],
    ['no header', '<tmx version="1.4"><body/></tmx>', /no <header>/],
    ['a tuv without a language', BODY.replace(' xml:lang="ar"', ''), /without xml:lang/],
  ])('refuses %s as TMX_INVALID', async (_name, xml, reason) => {
    await expect(readTmxUnits(xml)).rejects.toEqual(
      failure(ErrorCode.TMX_INVALID, { reason: expect.stringMatching(reason) }),
    );
  });

  it('refuses an empty file as malformed XML', async () => {
    await expect(readTmxUnits(Buffer.alloc(0))).rejects.toEqual(failure(ErrorCode.XML_MALFORMED));
  });
});

/** Encodes text to windows-1256 by inverting Node's decoder (Node has no legacy encoders). */
function windows1256(text: string): Buffer {
  const decoder = new TextDecoder('windows-1256');
  const byChar = new Map<string, number>();
  for (let b = 0; b < 256; b++) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => byChar.get(ch)!));
}
