/**
 * A target that takes its source's leading and trailing whitespace (`xml:space="preserve"` on the source or an
 * ancestor) must say that whitespace is preserved: when the attribute is on the `<source>` element itself, a target
 * written without it reads as default whitespace handling, and a tool such as Translate Toolkit trims it
 * (`'  ملف  '` → `'File'`). The target, and the targets of mizan's suggestions, then get `xml:space="preserve"`;
 * everything else stays byte for byte.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

const FILE = { ar: 'ملف', en: 'File' };
const ARCHIVE = { ar: 'أرشيف الملفات', en: 'File archive' };

const xliff12 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="x" source-language="ar" target-language="en" datatype="plaintext"><body>
${units}
</body></file></xliff>
`;
const xliff20 = (units: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
  <file id="f1">
${units}
  </file>
</xliff>
`;
/** The output without the elements mizan writes: what must be the input's bytes. */
const withoutOurs = (output: string) =>
  output.replace(
    /(\n[ \t]*)?<target[^>]*?(\/>|>[\s\S]*?<\/target>)|<alt-trans[\s\S]*?<\/alt-trans>|\s*<mtc:matches[\s\S]*?<\/mtc:matches>/g,
    '',
  );

describe('a 1.2 source with xml:space="preserve" on itself', () => {
  const tm = memoryTm({
    [`  ${FILE.ar}  `]: {
      en: [
        { score: 100, targetText: FILE.en, unitId: 'f' },
        { score: 80, targetText: ARCHIVE.en, sourceText: ARCHIVE.ar, unitId: 'a' },
      ],
    },
  });

  it('gives a new target the attribute with the spaces (Translate Toolkit’s repro)', async () => {
    const input = xliff12(`<trans-unit id="1"><source xml:space="preserve">  ${FILE.ar}  </source></trans-unit>`);
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(output).toContain(
      `<source xml:space="preserve">  ${FILE.ar}  </source>` +
        `<target state="translated" state-qualifier="exact-match" xml:space="preserve">  ${FILE.en}  </target>`,
    );
    // The suggestion's target holds the same spaces: it says so too (its source is the TM's, without them).
    expect(output).toContain(
      `<alt-trans match-quality="80" origin="mizan"><source>${ARCHIVE.ar}</source>` +
        `<target xml:space="preserve">  ${ARCHIVE.en}  </target></alt-trans>`,
    );
    expect(withoutOurs(output)).toBe(input);
  });

  it('sets it on an existing target, self-closing or saying xml:space="default"', async () => {
    const input = xliff12(
      [
        `<trans-unit id="1"><source xml:space="preserve">  ${FILE.ar}  </source><target state="new"/></trans-unit>`,
        `<trans-unit id="2"><source xml:space="preserve">  ${FILE.ar}  </source>` +
          `<target xml:space="default" state="new">old</target></trans-unit>`,
      ].join('\n'),
    );
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(output).toContain(
      `<target state="translated" state-qualifier="exact-match" xml:space="preserve">  ${FILE.en}  </target>`,
    );
    expect(output).toContain(
      `<target xml:space="preserve" state="translated" state-qualifier="exact-match">  ${FILE.en}  </target>`,
    );
  });

  it('leaves a target that already inherits preserve (from its unit) as before, without the attribute', async () => {
    const input = xliff12(`<trans-unit id="1" xml:space="preserve"><source>  ${FILE.ar}  </source></trans-unit>`);
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(output).toContain(`<target state="translated" state-qualifier="exact-match">  ${FILE.en}  </target>`);
    expect(output).not.toMatch(/<target[^>]*xml:space/);
  });

  it('writes nothing new for a source without it', async () => {
    const plain = memoryTm({ [FILE.ar]: { en: [{ score: 100, targetText: FILE.en, unitId: 'f' }] } });
    const input = xliff12(`<trans-unit id="1"><source>${FILE.ar}</source></trans-unit>`);
    const { output } = await pretranslateXliffFile(input, plain, { tgt: 'en' });
    expect(output).toContain(`<target state="translated" state-qualifier="exact-match">${FILE.en}</target>`);
  });

  it('gives a seg-source unit’s target the attribute when seg-source carries it', async () => {
    const seg = memoryTm({ [` ${FILE.ar} `]: { en: [{ score: 100, targetText: FILE.en, unitId: 'f' }] } });
    const input = xliff12(
      `<trans-unit id="1"><source>${FILE.ar}</source>` +
        `<seg-source xml:space="preserve"><mrk mtype="seg" mid="1"> ${FILE.ar} </mrk></seg-source></trans-unit>`,
    );
    const { output } = await pretranslateXliffFile(input, seg, { tgt: 'en' });
    expect(output).toContain(
      `<target state="translated" state-qualifier="exact-match" xml:space="preserve">` +
        `<mrk mtype="seg" mid="1"> ${FILE.en} </mrk></target>`,
    );
    // mizan's record of its fill holds the same text.
    expect(output).toContain(`mid="1"><target xml:space="preserve"> ${FILE.en} </target></alt-trans>`);
  });
});

describe('a 2.x source with xml:space="preserve" on itself', () => {
  it('gives the segment’s target and its mtc:match target the attribute, nothing else changed', async () => {
    const tm = memoryTm({ [`  ${FILE.ar}  `]: { en: [{ score: 90, targetText: FILE.en, unitId: 'f' }] } });
    const input = xliff20(
      `    <unit id="u1">\n      <segment id="s1">\n        <source xml:space="preserve">  ${FILE.ar}  </source>\n` +
        `      </segment>\n    </unit>`,
    );
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(output).toContain(
      `<source xml:space="preserve">  ${FILE.ar}  </source>\n        <target xml:space="preserve">  ${FILE.en}  </target>`,
    );
    // Its source is the segment's own (the TM gave none), spaces included: it says so too.
    expect(output).toContain(
      `<mtc:match ref="#s1" type="tm" similarity="90" origin="mizan"><source xml:space="preserve">  ${FILE.ar}  </source>` +
        `<target xml:space="preserve">  ${FILE.en}  </target></mtc:match>`,
    );
    expect(withoutOurs(output).replace(' state="initial"', '')).toBe(input);
  });

  it('leaves a target under a segment that says preserve as before', async () => {
    const tm = memoryTm({ [`  ${FILE.ar}  `]: { en: [{ score: 100, targetText: FILE.en, unitId: 'f' }] } });
    const input = xliff20(
      `    <unit id="u1"><segment id="s1" xml:space="preserve"><source>  ${FILE.ar}  </source></segment></unit>`,
    );
    const { output } = await pretranslateXliffFile(input, tm, { tgt: 'en' });
    expect(output).toContain(`<source>  ${FILE.ar}  </source><target>  ${FILE.en}  </target>`);
    // The match sits in the unit, outside the segment: its target needs the attribute.
    expect(output).toContain(`<target xml:space="preserve">  ${FILE.en}  </target></mtc:match>`);
  });
});
