/** What an import job reports of the file's own merging: each tu counted once, conflicts with samples. */
import { createTestContext, type TestContext } from '../helpers/context';
import { bilingualTu, importTmx, TMX_HEAD as HEAD, type JobBody } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const AR = 'عقد المجلس جلسته الأولى';
const tu = (lang: string, text: string, tuid = '') => bilingualTu(AR, lang, text, tuid);

describe('a file that repeats an Arabic source', () => {
  it('counts a repeat as a duplicate and another translation as a conflict, each once, with samples', async () => {
    const file =
      HEAD +
      tu('en', 'The council held its first session') +
      tu('en', 'The council held its first session') +
      tu('en', 'The council convened its first meeting', 'x2') +
      tu('zh', '理事会举行了第一次会议') +
      tu('zh', '理事会召开首次会议') +
      '</body></tmx>\n';
    const job = (await importTmx(ctx.app, 'dups', file)) as JobBody & {
      merge: { samples?: { ar: string; lang: string; tuid?: string; reason: string }[] };
    };
    expect(job.status).toBe('done');
    expect(job.units).toEqual({ read: 5, staged: 1, written: 1, unchanged: 0 });
    expect(job.skipped.duplicate).toBe(1);
    expect(job.merge).toEqual({
      extended: 1,
      conflicts: { en: 1, zh: 1 },
      samples: [
        { ar: AR, lang: 'en', tuid: 'x2', reason: 'different-translation' },
        { ar: AR, lang: 'zh', reason: 'different-translation' },
      ],
    });
  });
});
