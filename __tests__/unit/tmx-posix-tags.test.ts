/** POSIX language tags (po2tmx, gettext tools) keep their region through import → export → import. */
import { readTmxUnits, writeTmxUnits } from '../../src/formats';
import { keptTag, stagedFields, toTmxUnit } from '../../src/service/unit-fields';

const POSIX = `<?xml version="1.0"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="ar_SA" datatype="plaintext"/><body><tu><tuv xml:lang="ar_SA"><seg>وسم بصيغة بوزيكس للعربية</seg></tuv>
<tuv xml:lang="en_GB.UTF-8"><seg>POSIX style tag for English</seg></tuv><tuv xml:lang="zh_hans_cn"><seg>中文的POSIX标签</seg></tuv>
</tu></body></tmx>`;

describe('a POSIX language tag', () => {
  it('is kept as its BCP 47 form: region upper case, script title case, codeset and modifier dropped', () => {
    expect(keptTag('ar_SA', 'ar')).toBe('ar-SA');
    expect(keptTag('AR_sa', 'ar')).toBe('ar-SA');
    expect(keptTag('en_GB.UTF-8', 'en')).toBe('en-GB');
    expect(keptTag('en_IE@euro', 'en')).toBe('en-IE');
    expect(keptTag('zh_hans_cn', 'zh')).toBe('zh-Hans-CN');
    expect(keptTag('zh_CN', 'zh')).toBe('zh-CN');
    expect(keptTag('ar.UTF-8', 'ar')).toBeUndefined();
    expect(keptTag('ar-EG', 'ar')).toBe('ar-EG');
    expect(keptTag('not a tag', 'ar')).toBeUndefined();
  });

  it('is staged as the tuv tag and exported as xml:lang in that form, read back the same', async () => {
    const [tu] = (await readTmxUnits(POSIX)).units;
    const fields = stagedFields(tu!, 'all');
    expect([fields['tuv:ar'], fields['tuv:en'], fields['tuv:zh']]).toEqual([
      '{"tag":"ar-SA"}',
      '{"tag":"en-GB"}',
      '{"tag":"zh-Hans-CN"}',
    ]);
    const xml = writeTmxUnits([toTmxUnit('u1', fields as Record<string, string>)], {
      toolVersion: 'test',
      keepTags: true,
    });
    expect(xml).toContain('<tuv xml:lang="ar-SA">');
    expect(xml).toContain('<tuv xml:lang="en-GB">');
    expect(xml).toContain('<tuv xml:lang="zh-Hans-CN">');
    const [again] = (await readTmxUnits(xml)).units;
    expect(stagedFields(again!, 'all')).toEqual(fields);
  });
});
