import { decodeXml, parseXliff } from '../../src/formats';
import { MizanError } from '../../src/errors';
import { P, fixture } from '../helpers/xliff-fixtures';

const errorOf = (run: () => unknown): MizanError => {
  try {
    run();
  } catch (err) {
    if (err instanceof MizanError) return err;
    throw err;
  }
  throw new Error('expected a MizanError');
};

describe('reading XLIFF written by Translate Toolkit', () => {
  it('reads po2xliff output (XLIFF 1.1 namespace) with its plural group, states and approvals', () => {
    const doc = parseXliff(fixture('xliff/po2xliff.xlf'));
    expect(doc.family).toBe(1);
    expect(doc.version).toBe('1.1');
    expect(doc.srcLang).toBe('en-US');
    expect(doc.tgtLang).toBeUndefined();
    const byId = new Map(doc.segments.map((s) => [s.unitId, s]));
    // The PO header (restype x-gettext-domain-header) is a unit but holds no text to translate.
    expect([...byId.keys()]).toEqual(['3', '4', '5', '6', '7', '8', '9[0]', '9[1]']);
    expect(doc.units.map((u) => u.id)).toContain('2');
    expect(byId.get('3')).toMatchObject({ source: 'مرحبا بكم في الموقع', confirmed: false, target: { text: '' } });
    // A PO fuzzy entry: a target, state needs-translation, approved="no": the tool's to refill.
    expect(byId.get('5')).toMatchObject({ state: 'needs-translation', confirmed: false });
    // A translated PO entry: approved="yes", state translated.
    expect(byId.get('6')).toMatchObject({ state: 'translated', confirmed: true });
    // approved="yes" with an empty target is not a translation.
    expect(byId.get('9[0]')).toMatchObject({ source: 'لديك رسالة واحدة', confirmed: false });
  });

  it('reads the units a 1.2 template file holds in the 1.1 namespace, with the template languages', () => {
    const doc = parseXliff(fixture('xliff/po2xliff-ar-en.xlf'));
    expect(doc).toMatchObject({ version: '1.2', srcLang: 'ar', tgtLang: 'en' });
    expect(doc.segments.map((s) => s.source)).toContain('أعلنت الصين عن خطة جديدة للتنمية');
  });

  it('reads json2po + po2xliff output, i18next placeholders being plain text', () => {
    const doc = parseXliff(fixture('xliff/json2po-po2xliff-ar-zh.xlf'));
    expect(doc).toMatchObject({ srcLang: 'ar', tgtLang: 'zh-CN' });
    expect(doc.segments.map((s) => s.source)).toContain('اقرأ <1>الشروط</1> قبل المتابعة');
  });
});

describe('reading XLIFF 1.2 inline codes and segmentation', () => {
  const doc = parseXliff(fixture('xliff/inline-1.2.xlf'));
  const seg = (unitId: string, segmentId?: string) =>
    doc.segments.find((s) => s.unitId === unitId && s.segmentId === segmentId)!;

  it('turns g into a pair of placeables and x into one, keeping their XML as written', () => {
    const s = seg('t1');
    expect(s.source).toBe(`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`);
    expect(s.codes).toEqual([
      { kind: 'open', xml: '<g id="1" ctype="bold">', name: 'g', id: '1', pair: 1 },
      { kind: 'close', xml: '</g>', name: 'g', id: '1', pair: 0 },
      { kind: 'standalone', xml: '<x id="2" ctype="lb"/>', name: 'x', id: '2' },
    ]);
  });

  it('keeps bpt/ept with their native code as one placeable each', () => {
    const s = seg('t2');
    expect(s.source).toBe(`انقر ${P(0)}هنا${P(1)} للمتابعة`);
    expect(s.codes.map((c) => c.xml)).toEqual([
      '<bpt id="1">&lt;a href="/terms"&gt;</bpt>',
      '<ept id="1">&lt;/a&gt;</ept>',
    ]);
  });

  it('gives one segment per seg-source mrk, and none for units marked translate="no"', () => {
    expect(seg('t5', '1').source).toBe('أعلنت الصين عن خطة جديدة.');
    expect(seg('t5', '2').source).toBe('وزير الخارجية يزور القاهرة.');
    expect(doc.segments.some((s) => s.unitId === 't4')).toBe(false);
    expect(doc.units.some((u) => u.id === 't4')).toBe(true);
  });

  it('marks a final target confirmed and reports where each source sits in the text', () => {
    expect(seg('t3')).toMatchObject({ state: 'final', confirmed: true, target: { text: 'The file has been saved' } });
    const s = seg('t1');
    expect(doc.text.slice(s.offsets.start, s.offsets.end)).toMatch(/^<source>وزير .*<\/source>$/);
  });
});

describe('reading XLIFF 2.x', () => {
  it('reads units, segments, states and codes, skipping ignorables and translate="no"', () => {
    const doc = parseXliff(fixture('xliff/matches-2.0.xlf'));
    expect(doc).toMatchObject({ family: 2, version: '2.0', srcLang: 'ar', tgtLang: 'zh' });
    expect(doc.segments.map((s) => [s.unitId, s.segmentId ?? null])).toEqual([
      ['u1', 's1'],
      ['u2', 's2'],
      ['u3', 's3'],
      ['u4', null],
      ['u4', null],
    ]);
    const [, u2, u3] = doc.segments;
    expect(u2!.source).toBe(`وزير ${P(0)}الخارجية${P(1)} يزور القاهرة${P(2)}`);
    expect(u2!.codes.map((c) => c.xml)).toEqual([
      '<pc id="1" dataRefStart="d1" dataRefEnd="d2">',
      '</pc>',
      '<ph id="2" dataRef="d3"/>',
    ]);
    expect(u2).toMatchObject({ state: 'initial', confirmed: false });
    expect(u3).toMatchObject({ state: 'reviewed', confirmed: true, target: { text: '文件已保存' } });
  });

  it('reads a 2.1 file whose XLIFF elements carry a prefix', () => {
    const doc = parseXliff(fixture('xliff/prefixed-2.1.xlf'));
    expect(doc).toMatchObject({ family: 2, version: '2.1', srcLang: 'ar-SA' });
    expect(doc.segments.map((s) => s.source)).toEqual(['مرحبا بكم في الموقع']);
  });
});

describe('refusing bad XLIFF input', () => {
  it('refuses a DOCTYPE that declares an external entity (XXE) without reading it', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" datatype="plaintext" original="x"><body>
<trans-unit id="1"><source>&xxe;</source></trans-unit></body></file></xliff>`;
    expect(errorOf(() => parseXliff(xxe))).toMatchObject({ code: 'XML_ENTITIES_REFUSED', status: 400 });
  });

  it('refuses a billion-laughs DOCTYPE without expanding it', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY lol0 "lol">${levels.join('')}]><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar"><file id="f"><unit id="u"><segment><source>&lol9;</source></segment></unit></file></xliff>`;
    expect(errorOf(() => parseXliff(bomb))).toMatchObject({ code: 'XML_ENTITIES_REFUSED' });
  });

  it('accepts a DOCTYPE that only names the XLIFF 1.x DTD (nothing is fetched)', () => {
    const withDtd = `<?xml version="1.0"?>
<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" "http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">
<xliff version="1.0"><file source-language="ar" datatype="plaintext" original="x"><body>
<trans-unit id="1"><source>مرحبا</source></trans-unit></body></file></xliff>`;
    expect(parseXliff(withDtd)).toMatchObject({ family: 1, version: '1.0', segments: [{ source: 'مرحبا' }] });
  });

  it('refuses inline codes nested thousands deep as malformed instead of overflowing the stack', () => {
    const deep = `${'<g id="g">'.repeat(5000)}x${'</g>'.repeat(5000)}`;
    const file = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" datatype="plaintext" original="x"><body><trans-unit id="1"><source>${deep}</source></trans-unit></body></file></xliff>`;
    expect(errorOf(() => parseXliff(file))).toMatchObject({
      code: 'XML_MALFORMED',
      status: 400,
      params: { reason: expect.stringContaining('nested deeper than 256') },
    });
  });

  it('reads inline codes nested a few levels deep', () => {
    const nested = `${'<g id="g">'.repeat(5)}نص${'</g>'.repeat(5)}`;
    const file = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" datatype="plaintext" original="x"><body><trans-unit id="1"><source>${nested}</source></trans-unit></body></file></xliff>`;
    expect(parseXliff(file).segments).toHaveLength(1);
  });

  it('reports malformed XML with its line and column', () => {
    const broken =
      '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">\n  <file id="f">\n    <unit id="1"></file>\n</xliff>';
    // Line 4 is `    <unit id="1"></file>`; the error is found at the `>` closing `</file>`, column 24.
    expect(errorOf(() => parseXliff(broken))).toMatchObject({
      code: 'XML_MALFORMED',
      status: 400,
      params: { line: 4, column: 24, reason: expect.stringContaining('unexpected close tag') },
    });
  });

  it('refuses a trans-unit without a source, a file without units, and a file that is not XLIFF', () => {
    const noSource = `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ar" datatype="plaintext" original="x"><body><trans-unit id="7"><target>x</target></trans-unit></body></file></xliff>`;
    expect(errorOf(() => parseXliff(noSource))).toMatchObject({
      code: 'XLIFF_NO_SOURCES',
      params: { where: 'trans-unit "7" has no <source>' },
    });
    const empty = `<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar"><file id="f"/></xliff>`;
    expect(errorOf(() => parseXliff(empty))).toMatchObject({ code: 'XLIFF_NO_SOURCES' });
    const tmx = '<tmx version="1.4"><header/><body/></tmx>';
    expect(errorOf(() => parseXliff(tmx))).toMatchObject({
      code: 'XLIFF_VERSION_UNSUPPORTED',
      params: { found: '<tmx>' },
    });
  });

  it('refuses bytes that are not UTF-8 and encodings other than UTF-8/UTF-16', () => {
    expect(errorOf(() => decodeXml(new Uint8Array([0x3c, 0x61, 0xff, 0x3e])))).toMatchObject({
      code: 'INVALID_ENCODING',
    });
    const latin1 = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><xliff/>');
    expect(errorOf(() => decodeXml(latin1))).toMatchObject({ code: 'INVALID_ENCODING' });
  });

  it('decodes UTF-16 with and without a byte order mark', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><a>مرحبا</a>';
    const le = Buffer.from(text, 'utf16le');
    expect(decodeXml(new Uint8Array(le))).toEqual({ text, encoding: 'utf-16le', bom: false });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeXml(new Uint8Array(be))).toEqual({ text, encoding: 'utf-16be', bom: true });
  });
});
