import { escapeTsv, placeablesAsText, readTmxUnits } from '../../src/formats';

const HEADER =
  '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>';

/** The English text of a one-unit TMX whose English segment is `seg`, as a TSV cell renders it. */
async function cell(seg: string): Promise<string> {
  const xml =
    `<tmx version="1.4">${HEADER}<body><tu><tuv xml:lang="ar"><seg>نص</seg></tuv>` +
    `<tuv xml:lang="en"><seg>${seg}</seg></tuv></tu></body></tmx>`;
  const en = (await readTmxUnits(xml)).units[0]!.langs.en!;
  return escapeTsv(placeablesAsText(en.text, en.codes));
}

describe('placeables in a TSV cell', () => {
  it.each([
    ['a line-break code (type="lb") as an escaped newline', 'new<ph type="lb"/>line', 'new\\nline'],
    ['a ph whose native code is <br/> as a newline', 'one<ph>&lt;br/&gt;</ph>two', 'one\\ntwo'],
    ['an RTF \\par as a newline', 'end<ut x="3">\\par</ut>', 'end\\n'],
    ['a footnote as its native text', 'a statement <ph x="2" type="fnote">[1]</ph>.', 'a statement [1].'],
    ['a printf-like placeholder as its native text', 'Hello <ph>{0}</ph>!', 'Hello {0}!'],
    [
      'paired codes as their native markup, unescaped',
      'The <bpt i="1">&lt;a href="x?a=1&amp;b=2"&gt;</bpt>ministry<ept i="1">&lt;/a&gt;</ept>',
      'The <a href="x?a=1&b=2">ministry</a>',
    ],
    [
      'a sub element’s tags dropped, its text kept',
      'x <ph>&lt;img alt="<sub>Photo</sub>"&gt;</ph>',
      'x <img alt="Photo">',
    ],
    ['an empty code between two words as a space', 'new<ph x="3"/>line', 'new line'],
    ['an empty code next to a space as nothing', 'the file <ph x="3"/>here', 'the file here'],
    ['hi tags as nothing, their text kept', 'The <hi type="emphasis">important</hi> text', 'The important text'],
    ['a private-use character the source held left out', 'a &#xE123; b', 'a  b'],
  ])('writes %s', async (_name, seg, expected) => {
    expect(await cell(seg)).toBe(expected);
  });

  it('joins no Chinese with a space where an empty code stood between two characters', async () => {
    expect(await cell('部<ph x="1"/>委')).toBe('部委');
  });

  it('treats a placeable without a code as one without native text', () => {
    expect(placeablesAsText('new\uE000line', [])).toBe('new line');
    expect(placeablesAsText('plain text')).toBe('plain text');
  });
});
