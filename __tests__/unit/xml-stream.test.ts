import { ErrorCode } from '../../src/errors';
import { decodeXmlStream, readTmxUnits } from '../../src/formats';
import { createTranslator } from '../../src/i18n';

const HEADER =
  '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>';
const BODY = `<tmx version="1.4">${HEADER}<body><tu><tuv xml:lang="ar"><seg>عربي ١٢</seg></tuv><tuv xml:lang="en"><seg>Arabic 12</seg></tuv></tu></body></tmx>`;
const decl = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?>`;

const LE_BOM = Buffer.from([0xff, 0xfe]);
const BE_BOM = Buffer.from([0xfe, 0xff]);
const le = (text: string) => Buffer.from(text, 'utf16le');
const be = (text: string) => Buffer.from(text, 'utf16le').swap16();

/** The file's text as decodeXmlStream gives it, fed in chunks of `size` bytes (a file stream's chunks are larger). */
async function decoded(bytes: Buffer, size = 7): Promise<{ encoding: string; text: string }> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  const { encoding, chunks: texts } = await decodeXmlStream(chunks, 'file');
  let text = '';
  for await (const t of texts) text += t;
  return { encoding, text };
}

const failure = (params: Record<string, unknown>) =>
  expect.objectContaining({ code: ErrorCode.INVALID_ENCODING, params: expect.objectContaining(params) });

describe('decodeXmlStream: which encoding a file is read as (XML 1.0 Appendix F)', () => {
  it('reads a UTF-16LE file with a BOM as UTF-16 though its declaration says UTF-8 (the BOM decides)', async () => {
    const { encoding, text } = await decoded(Buffer.concat([LE_BOM, le(decl('UTF-8') + BODY)]));
    expect(encoding).toBe('utf-16le');
    expect(text).toBe(decl('UTF-8') + BODY);
    const { units } = await readTmxUnits([Buffer.concat([LE_BOM, le(decl('UTF-8') + BODY)])]);
    expect(units[0]!.langs.ar!.text).toBe('عربي ١٢');
  });

  it('reads a UTF-16BE file with a BOM whose declaration names an 8-bit encoding as UTF-16BE', async () => {
    const { encoding, text } = await decoded(Buffer.concat([BE_BOM, be(decl('windows-1256') + BODY)]));
    expect(encoding).toBe('utf-16be');
    expect(text).toContain('عربي ١٢');
  });

  it.each([
    ['UTF-16LE', le(BODY), 'utf-16le'],
    ['UTF-16BE', be(BODY), 'utf-16be'],
    ['UTF-16LE starting with a newline', le(`\n${BODY}`), 'utf-16le'],
    ['UTF-16BE starting with a newline', be(`\r\n${BODY}`), 'utf-16be'],
  ])('reads %s without a BOM or a declaration, starting with its element', async (_name, bytes, expected) => {
    const { encoding, text } = await decoded(bytes);
    expect(encoding).toBe(expected);
    expect(text.trimStart()).toBe(BODY);
    expect((await readTmxUnits([bytes])).units[0]!.langs.en!.text).toBe('Arabic 12');
  });

  it('still reads a UTF-8 file without a declaration as UTF-8', async () => {
    expect(await decoded(Buffer.from(BODY))).toEqual({ encoding: 'utf-8', text: BODY });
  });
});

describe('decodeXmlStream: bytes that are not valid in the encoding the file is read as', () => {
  /** A UTF-16LE file holding an unpaired high surrogate (D83D) in the Arabic text. */
  const loneSurrogate = () => {
    const bytes = Buffer.concat([LE_BOM, le(decl('UTF-16') + BODY)]);
    const at = bytes.indexOf(le('عربي')) + 2;
    bytes.writeUInt16LE(0xd83d, at);
    return bytes;
  };
  const oddLength = () => Buffer.concat([LE_BOM, le(decl('UTF-16') + BODY), Buffer.from([0x0a])]);

  it.each([
    ['a lone surrogate in UTF-16LE', loneSurrogate, 'UTF-16LE'],
    ['an odd number of bytes in UTF-16LE', oddLength, 'UTF-16LE'],
    ['a lone surrogate in UTF-16BE', () => loneSurrogate().swap16(), 'UTF-16BE'],
  ])('refuses %s with INVALID_ENCODING naming that encoding', async (_name, bytes, encoding) => {
    await expect(decoded(bytes())).rejects.toEqual(failure({ param: 'file', encoding }));
    await expect(decoded(bytes(), 1 << 16)).rejects.toEqual(failure({ param: 'file', encoding }));
    await expect(readTmxUnits([bytes()], { name: 'tm.tmx' })).rejects.toEqual(failure({ param: 'tm.tmx', encoding }));
  });

  it('names the declared legacy encoding when its bytes are not valid in it', async () => {
    const bytes = Buffer.concat([Buffer.from(decl('GB18030') + BODY.slice(0, 200)), Buffer.from([0x81, 0x20])]);
    await expect(decoded(bytes)).rejects.toEqual(failure({ encoding: 'GB18030' }));
  });

  it('says in each language which encoding the file was read as and what to do', async () => {
    const t = await createTranslator();
    const params = { param: 'tm.tmx', encoding: 'UTF-16LE' };
    expect(t.t('errors.INVALID_ENCODING', 'en', params)).toBe(
      '"tm.tmx" is not UTF-16LE text; save it as UTF-8 and send it again.',
    );
    for (const lang of ['ar', 'zh'] as const) {
      expect(t.t('errors.INVALID_ENCODING', lang, params)).toMatch(/UTF-16LE.*tm\.tmx|tm\.tmx.*UTF-16LE/);
      expect(t.t('errors.INVALID_ENCODING', lang, params)).toContain('UTF-8');
    }
    // Readers of UTF-8 only (JSON bodies, multipart texts) give no encoding: the message names UTF-8.
    expect(t.t('errors.INVALID_ENCODING', 'en', { param: 'body' })).toBe(
      '"body" is not UTF-8 text; save it as UTF-8 and send it again.',
    );
  });
});
