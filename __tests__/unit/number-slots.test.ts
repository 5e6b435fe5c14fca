import { pretranslateXliffFile } from '../../src/formats';
import { numberValue, placeAtNumbers } from '../../src/formats/number-slots';
import { completePrintf } from '../../src/formats/xliff-printf';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const slot = (query: string, placeholder: string) => ({ placeholder, at: query.indexOf(placeholder) });

describe('a placeholder where the TM had a number', () => {
  const tmAr = 'شيآن 26 أبريل 2023 (شينخوا) أجرى وزير الخارجية محادثات';
  const tmEn = "XI'AN, April 26, 2023 (Xinhua) -- the Foreign Minister held talks";

  it('takes the place of that number in the target', () => {
    const query = 'شيآن %d أبريل 2023 (شينخوا) أجرى وزير الخارجية محادثات';
    expect(completePrintf(query, tmEn, tmAr)).toEqual({
      text: "XI'AN, April %d, 2023 (Xinhua) -- the Foreign Minister held talks",
      added: [],
      changed: ['26→%d'],
    });
  });

  it('reads Arabic-Indic digits in the TM as the Latin digits of the target', () => {
    const query = 'وصل {0} وفدا إلى المؤتمر';
    const fill = placeAtNumbers(query, 'وصل ١٥ وفدا إلى المؤتمر', '15 delegations arrived at the conference', [
      slot(query, '{0}'),
    ]);
    expect(fill).toEqual({ text: '{0} delegations arrived at the conference', placed: ['15→{0}'], left: [] });
    expect(numberValue('١٬٠٠٠')).toBe('1000');
    expect(numberValue('3.5')).toBe('3.5');
  });

  it('places several placeholders by their own neighbours', () => {
    const query = 'من %1$d إلى %2$d يوليو';
    expect(completePrintf(query, 'from 3 to 9 July', 'من 3 إلى 9 يوليو').text).toBe('from %1$d to %2$d July');
  });

  it('is appended as before when the number is not where the placeholder is', () => {
    // The query's neighbours match no number of the TM's source.
    expect(completePrintf('حذف %s ملفات', 'Deleted 5 files', 'تم حذف الملفات الخمسة 5')).toEqual({
      text: 'Deleted 5 files %s',
      added: ['%s'],
      changed: [],
    });
  });

  it('finds the number by the alignment of the two texts, Chinese without spaces too', () => {
    expect(completePrintf('为期%d天的访问', 'a visit of 5 days', '为期5天的访问').text).toBe('a visit of %d days');
    expect(completePrintf('وصل %d وزيرا', '12 ministers arrived', 'وصل 12 وزيرا')).toEqual({
      text: '%d ministers arrived',
      added: [],
      changed: ['12→%d'],
    });
  });

  it('is appended when repeated words leave the number’s place in doubt', () => {
    // The TM's 3 stands after the first «الملف» or the second, as the query's words are aligned.
    const doubt = completePrintf('احذف الملف %d الملف', 'Delete file 3, the file', 'احذف الملف 3 الملف الملف');
    expect(doubt).toEqual({ text: 'Delete file 3, the file %d', added: ['%d'], changed: [] });
  });

  it('is appended when the target holds the number twice, or not at all', () => {
    const query = 'بقي %d يوما من أصل 30';
    const twice = completePrintf(query, '10 days left of 30; 10 is few', 'بقي 10 يوما من أصل 30');
    expect(twice.added).toEqual(['%d']);
    const spelled = completePrintf(query, 'ten days left of 30', 'بقي 10 يوما من أصل 30');
    expect(spelled).toEqual({ text: 'ten days left of 30 %d', added: ['%d'], changed: [] });
  });

  it('leaves a number the query still holds: it was not replaced', () => {
    const query = 'في 26 أبريل وصل %d وزيرا';
    expect(completePrintf(query, 'On April 26, 5 ministers arrived', 'في 26 أبريل وصل 26 وزيرا').added).toEqual(['%d']);
  });

  it('never takes digits of a placeholder for a number', () => {
    const query = 'الصفحة %d من {0}';
    const fill = placeAtNumbers(query, 'الصفحة 0 من 7', 'page {0} of 7', [slot(query, '%d')]);
    expect(fill.left).toHaveLength(1);
    expect(fill.text).toBe('page {0} of 7');
  });
});

describe('an inline code where the TM had a number', () => {
  const file = (source: string) =>
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" ` +
        `srcLang="ar" trgLang="en"><file id="f"><unit id="u"><segment><source>${source}</source></segment></unit>` +
        `</file></xliff>\n`,
    );
  const tm = (sourceText: string, targetText: string) =>
    memoryTm({
      [`وصل ${P(0)} وزيرا إلى شيان يوم الأربعاء`]: { en: [{ score: 90, targetText, sourceText, unitId: 'm' }] },
    });
  const target = (out: Uint8Array) => /<target>(.*?)<\/target>/.exec(Buffer.from(out).toString('utf8'))![1];

  it('takes the number’s place in the target: a ph standing for a value', async () => {
    const { output, report } = await pretranslateXliffFile(
      file('وصل <ph id="1" disp="{n}"/> وزيرا إلى شيان يوم الأربعاء'),
      tm('وصل 12 وزيرا إلى شيان يوم الأربعاء', '12 ministers arrived in Xi’an on Wednesday'),
      { min: 50 },
    );
    expect(target(output)).toBe('<ph id="1" disp="{n}"/> ministers arrived in Xi’an on Wednesday');
    expect(report.segments[0]).toMatchObject({ status: 'placeables', score: 89, repaired: { codes: [0] } });
  });

  it('goes at the end as before when the number is not where the code is, or the code is a line break', async () => {
    const elsewhere = await pretranslateXliffFile(
      file('وصل <ph id="1"/> وزيرا إلى شيان يوم الأربعاء'),
      tm('وصل الوزراء إلى شيان يوم 12', 'The ministers arrived in Xi’an on the 12th'),
      { min: 50 },
    );
    expect(target(elsewhere.output)).toBe('The ministers arrived in Xi’an on the 12th<ph id="1"/>');
    const lineBreak = await pretranslateXliffFile(
      file('وصل <ph id="1" type="fmt" subType="xlf:lb"/> وزيرا إلى شيان يوم الأربعاء'),
      tm('وصل 12 وزيرا إلى شيان يوم الأربعاء', '12 ministers arrived in Xi’an on Wednesday'),
      { min: 50 },
    );
    expect(target(lineBreak.output)).toBe(
      '12 ministers arrived in Xi’an on Wednesday<ph id="1" type="fmt" subType="xlf:lb"/>',
    );
  });
});
