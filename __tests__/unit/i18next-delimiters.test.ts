import { pretranslateI18next } from '../../src/formats';
import { MizanError } from '../../src/errors';
import { givenDelimiters, i18nextSyntax } from '../../src/service/i18next';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const tm = () =>
  memoryTm({
    [`أهلا ${P(0)}، مرحبا بك`]: { en: [{ score: 100, targetText: `Hello ${P(0)}, welcome`, unitId: 'hello' }] },
    [`لديك ${P(0)} رسائل`]: {
      en: [{ score: 100, sourceText: 'لديك {{count}} رسائل', targetText: 'You have {{count}} messages', unitId: 'n' }],
    },
    'لديك رسالة واحدة': { en: [{ score: 100, targetText: 'You have one message', unitId: 'one' }] },
    [`انظر ${P(0)}`]: { en: [{ score: 100, targetText: `See ${P(0)}`, unitId: 'see' }] },
  });

describe("a project's own interpolation and nesting delimiters", () => {
  it('protects __name__ and [[key]] as placeables and puts them back', async () => {
    const resources = { greeting: 'أهلا __name__، مرحبا بك', help: 'انظر [[common.help]]' };
    const syntax = { interpolation: { prefix: '__', suffix: '__' }, nesting: { prefix: '[[', suffix: ']]' } };
    const { bundles } = await pretranslateI18next(resources, tm(), { to: ['en'], syntax });
    expect(bundles.en).toEqual({ greeting: 'Hello __name__, welcome', help: 'See [[common.help]]' });
    // Without them, __name__ is text: the TM holding the name as a code has nothing that text matches.
    const plain = await pretranslateI18next(resources, tm(), { to: ['en'] });
    expect(plain.bundles.en).toEqual({});
  });

  it('maps a TM unit’s {{count}} onto %{count}, and lets a one form leave %{count} out', async () => {
    const resources = { inbox_one: 'لديك رسالة واحدة', inbox_other: 'لديك %{count} رسائل' };
    const syntax = { interpolation: { prefix: '%{', suffix: '}' } };
    const { bundles, report } = await pretranslateI18next(resources, tm(), { to: ['en'], syntax });
    expect(bundles.en).toEqual({ inbox_one: 'You have one message', inbox_other: 'You have %{count} messages' });
    expect(report.keys.find((k) => k.key === 'inbox_other')).toMatchObject({ score: 99, tmScore: 100 });
  });
});

describe('validating delimiters (i18nextSyntax)', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return err instanceof MizanError ? [err.code, err.params.param, err.params.reason] : err;
    }
    return undefined;
  };

  it('takes i18next’s default for a missing half, and nothing when none is given', () => {
    expect(i18nextSyntax({})).toEqual({});
    expect(i18nextSyntax({ interpolationPrefix: '%{' })).toEqual({ interpolation: { prefix: '%{', suffix: '}}' } });
    expect(i18nextSyntax({ nestingSuffix: ']]' })).toEqual({ nesting: { prefix: '$t(', suffix: ']]' } });
    expect(i18nextSyntax({ interpolationPrefix: '__', interpolationSuffix: '__' })).toEqual({
      interpolation: { prefix: '__', suffix: '__' },
    });
  });

  it('refuses an empty delimiter, one over 16 characters, and the same prefix for both kinds', () => {
    expect(code(() => i18nextSyntax({ interpolationPrefix: '' }))).toEqual([
      'INVALID_DELIMITER',
      'interpolationPrefix',
      'delimiter-empty',
    ]);
    expect(code(() => i18nextSyntax({ nestingSuffix: 'x'.repeat(17) }))).toEqual([
      'INVALID_DELIMITER',
      'nestingSuffix',
      'delimiter-too-long',
    ]);
    expect(code(() => i18nextSyntax({ interpolationPrefix: '@@', nestingPrefix: '@@' }))).toEqual([
      'INVALID_DELIMITER',
      'nestingPrefix',
      'delimiter-clash',
    ]);
    // Names in errors as the caller spells them (the CLI's options).
    expect(code(() => i18nextSyntax({ interpolationSuffix: '' }, (k) => `--${k}`))).toEqual([
      'INVALID_DELIMITER',
      '--interpolationSuffix',
      'delimiter-empty',
    ]);
  });
});

describe('reading the delimiters given (givenDelimiters), as the route and the CLI both do', () => {
  it('reads an empty one as not given: the next source’s, else none (i18next’s default)', () => {
    expect(givenDelimiters({ interpolationPrefix: '', nestingPrefix: '', nestingSuffix: undefined })).toEqual({});
    expect(
      givenDelimiters(
        { interpolationPrefix: '', interpolationSuffix: '}' },
        { interpolationPrefix: '%{', interpolationSuffix: '__' },
      ),
    ).toEqual({ interpolationPrefix: '%{', interpolationSuffix: '}' });
    expect(i18nextSyntax(givenDelimiters({ nestingPrefix: '' }))).toEqual({});
  });
});
