import { Writable } from 'node:stream';
import {
  documentProps,
  placeableChar as P,
  readTmxUnits,
  TmxStreamWriter,
  tuXml,
  writeTmxUnits,
  type TmxTuInput,
} from '../../src/formats';
import { dtdErrors, fixture } from '../helpers/tmx';

const unit = (ar: string, en: string, zh: string, extra: Partial<TmxTuInput> = {}): TmxTuInput => ({
  langs: { ar: { text: ar }, en: { text: en }, zh: { text: zh } },
  ...extra,
});

/** A Writable that takes a chunk only on the next turn of the event loop, with a tiny buffer: backpressure. */
function slowSink(): { sink: Writable; text: () => string; refusals: () => number } {
  const chunks: Buffer[] = [];
  let refusals = 0;
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  const write = sink.write.bind(sink);
  sink.write = ((chunk: unknown, encoding?: unknown) => {
    const ok = write(chunk as Buffer, encoding as BufferEncoding);
    if (!ok) refusals++;
    return ok;
  }) as typeof sink.write;
  return { sink, text: () => Buffer.concat(chunks).toString('utf8'), refusals: () => refusals };
}

describe('the TMX export shape', () => {
  const xml = writeTmxUnits([unit('مرحبا', 'Hello', '你好', { tuid: 'u1' })], {
    toolVersion: '0.2.0',
    langs: ['zh', 'en', 'ar'],
  });

  it('declares UTF-8 and TMX version 1.4 with all seven required header attributes, srclang ar', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain('<tmx version="1.4">');
    expect(xml).toMatch(
      /<header creationtool="mizan" creationtoolversion="0\.2\.0" segtype="sentence" o-tmf="mizan" adminlang="en" srclang="ar" datatype="plaintext"/,
    );
  });

  it('writes xml:lang on every tuv, Arabic first, whatever order the languages were asked in', () => {
    const langs = [...xml.matchAll(/<tuv xml:lang="([^"]+)"/g)].map((m) => m[1]);
    expect(langs).toEqual(['ar', 'en', 'zh']);
    expect(xml).toContain('<tu tuid="u1" srclang="ar">');
  });

  it('is valid against the TMX 1.4b DTD', () => {
    expect(dtdErrors(xml)).toBe('');
  });
});

describe('TMX export content', () => {
  it('writes one language pair when asked, leaving out units without that target', () => {
    const units = [unit('أ', 'a', '甲'), unit('ب', 'b', ''), unit('ج', '', '丙')];
    const xml = writeTmxUnits(units, { toolVersion: '1', langs: ['ar', 'zh'] });
    expect([...xml.matchAll(/xml:lang="(\w+)"><seg>([^<]*)/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual([
      'ar:أ',
      'zh:甲',
      'ar:ج',
      'zh:丙',
    ]);
    expect(() => writeTmxUnits(units, { toolVersion: '1', langs: ['en', 'zh'] })).toThrow(RangeError);
  });

  it('turns placeables back into their inline XML and keeps every kind of metadata, valid against the DTD', async () => {
    const { units } = await readTmxUnits(fixture('trilingual-inline.tmx'));
    const xml = writeTmxUnits(units, {
      toolVersion: '1',
      keepTags: true,
      headerNotes: ['exported'],
      headerProps: documentProps({
        id: 'doc-1',
        titles: { ar: 'عنوان', en: 'Title', zh: '标题' },
        source: 'Xinhua',
        date: '2024-03-01',
        order: 2,
      }),
    });
    expect(xml).toContain(
      '<seg>اضغط <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>هنا<ept i="1">&lt;/b&gt;</ept> لفتح <ph x="2" type="link">&lt;a href="/x?a=1&amp;b=2"&gt;</ph>الملف<ph x="3"/></seg>',
    );
    expect(xml).toContain(
      '<tu tuid="t-1" datatype="html" usagecount="7" lastusagedate="20240303T120000Z" creationdate="20240301T101500Z" creationid="amira" changedate="20240302T080000Z" changeid="li" srclang="ar">',
    );
    expect(xml).toContain('<tuv xml:lang="en-US">\n        <note>US spelling</note>\n        <seg>');
    expect(xml).toContain('<prop type="x-doc:doc-1:title-ar">عنوان</prop>');
    expect(dtdErrors(xml)).toBe('');
  });

  it('writes mizan placement props before the other props', () => {
    const xml = tuXml(
      unit('أ', 'a', '', {
        document: 'd',
        position: 3,
        paragraph: 1,
        confidence: 0.25,
        review: true,
        props: [['x-k', 'v']],
      }),
      ['ar', 'en', 'zh'],
    );
    expect([...xml.matchAll(/<prop type="([^"]+)">([^<]*)</g)].map((m) => `${m[1]}=${m[2]}`)).toEqual([
      'x-document=d',
      'x-position=3',
      'x-paragraph=1',
      'x-confidence=0.25',
      'x-review=true',
      'x-k=v',
    ]);
  });

  it('writes nothing for a unit without Arabic, and closes a hi that an edit left open', () => {
    expect(tuXml({ langs: { en: { text: 'x' }, zh: { text: 'y' } } }, ['ar', 'en', 'zh'])).toBe('');
    const xml = writeTmxUnits(
      [
        unit(`${P(0)}مهم`, 'important', '', {
          langs: { ar: { text: `${P(0)}مهم`, codes: [{ kind: 'hi', xml: '<hi>' }] }, en: { text: 'x' } },
        }),
      ],
      { toolVersion: '1' },
    );
    expect(xml).toContain('<seg><hi>مهم</hi></seg>');
    expect(dtdErrors(xml)).toBe('');
  });
});

describe('streaming export', () => {
  it('writes every unit through a slow consumer, waiting whenever it is full', async () => {
    const { sink, text, refusals } = slowSink();
    const writer = new TmxStreamWriter(sink, { toolVersion: '1', langs: ['ar', 'en'] });
    const long = 'طويل جدا '.repeat(40_000);
    for (let i = 0; i < 3000; i++) {
      await writer.write(unit(`نص رقم ${i}`, `text number ${i}`, `文本${i}`));
      if (i % 1000 === 500) await writer.write(unit(long, `long ${i}`, ''));
    }
    await writer.write({ langs: { ar: { text: 'وحيد' } } });
    await writer.end();
    expect([writer.written, writer.skipped]).toEqual([3003, 1]);
    expect(refusals()).toBeGreaterThan(0);
    const { units } = await readTmxUnits(text());
    expect(units).toHaveLength(3003);
    expect(units[2999 + 3]!.langs.en!.text).toBe('text number 2999');
    expect(units.filter((u) => u.langs.ar!.text === long).map((u) => u.langs.en!.text)).toEqual([
      'long 500',
      'long 1500',
      'long 2500',
    ]);
    expect(units[0]!.langs.zh).toBeUndefined();
  });

  it('fails instead of hanging when the consumer goes away', async () => {
    const { sink } = slowSink();
    const writer = new TmxStreamWriter(sink, { toolVersion: '1' });
    const writing = (async () => {
      for (let i = 0; i < 3000; i++) await writer.write(unit(`نص ${i}`, `text ${i}`, `文本${i}`));
    })();
    setImmediate(() => sink.destroy());
    await expect(writing).rejects.toThrow(/closed before the export ended/);
  });
});
