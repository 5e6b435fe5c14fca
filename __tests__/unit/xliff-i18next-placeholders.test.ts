/**
 * i18next / ICU / template placeholders (`{{name}}`, `{name}`, `${name}`, `$t(key)`) in an XLIFF source's text are
 * placeables as printf ones are: a target never loses one (it is renamed from the TM's, or appended, and the segment
 * counted `placeables`), with the recognizers the i18next route uses.
 */
import { pretranslateXliffFile } from '../../src/formats';
import { findPlaceables } from '../../src/formats/i18next';
import { completePrintf, findPrintf } from '../../src/formats/xliff-printf';
import { memoryTm, xliff12 } from '../helpers/xliff-fixtures';

const TAIL = '، وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
const FORMS = ['{0}', '{name}', '{{name}}', '%(name)s', '%s', '${name}'];

describe('placeholders of i18next, ICU and template strings in an XLIFF text', () => {
  it('are found as the i18next route finds them, with `${x}` whole, and not Trans tags or ICU plural blocks', () => {
    const text = 'مرحبا {{name}} و{user} و${who} و{n, number} و$t(app.name) <0>هنا</0> {n, plural, one {#} other {#}}';
    expect(findPrintf(text)).toEqual(['{{name}}', '{user}', '${who}', '{n, number}', '$t(app.name)']);
    expect(findPlaceables('{{name}} {user} {n, number} $t(app.name)')).toEqual(
      findPrintf('{{name}} {user} {n, number} $t(app.name)'),
    );
  });

  it('are appended when the TM’s target lacks them, never dropped', () => {
    for (const form of ['{{name}}', '{name}', '${name}'])
      expect(completePrintf(`مرحبا ${form}${TAIL}`, '双方就加强务实合作达成广泛共识。')).toEqual({
        text: `双方就加强务实合作达成广泛共识。 ${form}`,
        added: [form],
        changed: [],
      });
  });

  it('are renamed from the TM’s, a placeholder of the same syntax first', () => {
    expect(completePrintf('{{name}} حذف %s', 'Deleted %d by {{user}}')).toEqual({
      text: 'Deleted %s by {{name}}',
      added: [],
      changed: ['%d→%s', '{{user}}→{{name}}'],
    });
  });

  it('take the place of the number the TM had where they are', () => {
    expect(completePrintf('لديك {{count}} رسائل', 'You have 5 messages', 'لديك 5 رسائل')).toEqual({
      text: 'You have {{count}} messages',
      added: [],
      changed: ['5→{{count}}'],
    });
  });
});

describe('pretranslating an XLIFF file of i18next strings', () => {
  it('keeps every placeholder form in the target and counts each segment as placeables', async () => {
    const units = FORMS.map((f, i) => `<trans-unit id="${i}"><source>مرحبا ${f}${TAIL}</source></trans-unit>`);
    const input = xliff12(
      `<file original="x" source-language="ar" target-language="zh-CN" datatype="plaintext"><body>\n` +
        `${units.join('\n')}\n</body></file>`,
    );
    const candidate = { score: 70, targetText: '双方就加强务实合作达成广泛共识。', sourceText: TAIL, unitId: 'u' };
    const tm = memoryTm(Object.fromEntries(FORMS.map((f) => [`مرحبا ${f}${TAIL}`, { zh: [candidate] }])));
    const { output, report } = await pretranslateXliffFile(input, tm, { min: 60 });
    for (const form of FORMS)
      expect(output).toContain(
        `<target state="needs-review-translation" state-qualifier="fuzzy-match">双方就加强务实合作达成广泛共识。 ${form}</target>`,
      );
    expect(report.totals).toMatchObject({ placeables: 6, filled: 0 });
    expect(report.segments.map((s) => s.repaired?.printf)).toEqual(FORMS.map((f) => [`+${f}`]));
  });
});
