/**
 * Import in a real browser: three texts aligned into a document, a TMX file through the import job API with its
 * progress bar until the job finishes, a file that is not TMX answered in the page; the keys screen; accessibility
 * and screenshots.
 */
import request from 'supertest';
import { axeViolations, LANGS, open, screenshot, setLanguage, type Ui, useUi } from '../helpers/browser';

const tu = (ar: string, en: string, zh: string) =>
  `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv>` +
  `<tuv xml:lang="zh-CN"><seg>${zh}</seg></tuv></tu>`;
const TMX = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="e2e" creationtoolversion="1" ' +
    'segtype="sentence" o-tmf="none" adminlang="en" srclang="ar" datatype="plaintext"/><body>' +
    tu(
      'اتفق الوزيران على تعزيز التبادل الثقافي.',
      'The ministers agreed to boost cultural exchange.',
      '两国部长同意加强文化交流。',
    ) +
    tu('سيعقد الاجتماع القادم في أستانا.', 'The next meeting will be held in Astana.', '下次会议将在阿斯塔纳举行。') +
    tu('رحب الجانبان بنتائج الزيارة.', 'Both sides welcomed the results of the visit.', '双方欢迎访问成果。') +
    '</body></tmx>\n',
);

let ui: Ui;
useUi((started) => (ui = started));

describe('the import page', () => {
  it('imports a small TMX file as a job, shows its progress, and reports the finished job', async () => {
    await open(ui, '#/import');
    await ui.page.fill('#tmx-tm', 'e2e-legal');
    await ui.page.setInputFiles('#tmx-file', { name: 'small.tmx', mimeType: 'application/x-tmx+xml', buffer: TMX });
    await ui.page.click('#imp-tmx-h ~ button[type="submit"]');
    expect(await ui.page.isVisible('#tmx-progress')).toBe(true);
    const summary = ui.page.locator('.job-summary');
    await summary.waitFor({ timeout: 30_000 });
    expect(await summary.locator('[data-status]').getAttribute('data-status')).toBe('done');
    expect(await ui.page.getAttribute('#tmx-progress', 'value')).toBe('1');
    expect(await summary.locator('dd').nth(2).textContent()).toBe('3');
    const tms = (await request(ui.ctx.app).get('/api/v1/tms')).body.tms as { name: string; units: number }[];
    expect(tms.find((tm) => tm.name === 'e2e-legal')?.units).toBe(3);
  });

  it('answers a file that is not TMX with a message in the page', async () => {
    await open(ui, '#/import');
    await ui.page.setInputFiles('#tmx-file', {
      name: 'notes.tmx',
      mimeType: 'text/plain',
      buffer: Buffer.from('not xml'),
    });
    await ui.page.click('#imp-tmx-h ~ button[type="submit"]');
    const failure = ui.page.locator('#imp-tmx-h ~ .result [role="alert"], #imp-tmx-h ~ .result [data-status="failed"]');
    await failure.first().waitFor({ timeout: 30_000 });
    expect((await failure.first().textContent())?.length).toBeGreaterThan(0);
  });

  it('aligns three typed texts into a document and links to it', async () => {
    await open(ui, '#/import');
    await ui.page.fill('#imp-title', 'E2E visit');
    await ui.page.fill('#text-ar', 'وصل الوفد إلى بكين صباح الاثنين. وعقد محادثات مع نظرائه.');
    await ui.page.fill(
      '#text-en',
      'The delegation arrived in Beijing on Monday morning. It held talks with its counterparts.',
    );
    await ui.page.fill('#text-zh', '代表团周一上午抵达北京。代表团与对口官员举行了会谈。');
    await ui.page.click('#imp-doc-h ~ button[type="submit"]');
    const link = ui.page.locator('#imp-doc-h ~ .result a.button');
    await link.waitFor();
    await link.click();
    await ui.page.waitForSelector('table.aligned tbody tr');
    expect(await ui.page.textContent('.doc-head h1')).toBe('E2E visit');
    expect(await ui.page.locator('table.aligned tbody tr').count()).toBeGreaterThanOrEqual(1);
  });

  it('shows on a flagged row why it is flagged', async () => {
    await open(ui, '#/import');
    await ui.page.fill('#imp-title', 'E2E gap');
    await ui.page.fill(
      '#text-ar',
      'وصل الوفد إلى بكين صباح الاثنين. وعقد محادثات مع نظرائه حول التجارة. ووقع الجانبان 12 اتفاقية جديدة. ' +
        'وغادر الوفد العاصمة مساء الثلاثاء.',
    );
    // The English lacks the second sentence.
    await ui.page.fill(
      '#text-en',
      'The delegation arrived in Beijing on Monday morning. The two sides signed 12 new agreements. ' +
        'The delegation left the capital on Tuesday evening.',
    );
    await ui.page.fill(
      '#text-zh',
      '代表团周一上午抵达北京。代表团与对口官员就贸易问题举行了会谈。双方签署了12项新协议。代表团于周二晚离开首都。',
    );
    await ui.page.click('#imp-doc-h ~ button[type="submit"]');
    const link = ui.page.locator('#imp-doc-h ~ .result a.button');
    await link.waitFor();
    await link.click();
    await ui.page.waitForSelector('table.aligned tbody tr');
    const id = decodeURIComponent(ui.page.url().split('#/documents/')[1]!.split('?')[0]!);
    const rows = (await request(ui.ctx.app).get(`/api/v1/documents/${id}`)).body.segments as {
      position: number;
      en: string;
      reasons?: string[];
    }[];
    const gap = rows.find((r) => r.en === '')!;
    expect(gap.reasons).toContain('missing');
    expect(await ui.page.textContent(`#row-${gap.position} .reasons`)).toContain('a language is missing');
    const plain = rows.find((r) => !r.reasons)!;
    expect(await ui.page.locator(`#row-${plain.position} .reasons`).count()).toBe(0);
    for (const lang of LANGS) {
      await setLanguage(ui, lang);
      await ui.page.waitForSelector(`#row-${gap.position} .reasons`);
      expect(await axeViolations(ui.page)).toEqual([]);
      await screenshot(ui.page, `document-flagged-${lang}`, { full: false });
    }
  });

  it.each(LANGS)('has no serious accessibility violation in %s (import, key), screenshots written', async (lang) => {
    await open(ui, '#/import');
    await setLanguage(ui, lang);
    await ui.page.waitForSelector('#tmx-file');
    expect(await axeViolations(ui.page)).toEqual([]);
    await screenshot(ui.page, `import-${lang}`);
    await open(ui, '#/keys');
    await ui.page.waitForSelector('.can li');
    expect(await ui.page.locator('.can li').count()).toBe(3);
    expect(await axeViolations(ui.page)).toEqual([]);
    await screenshot(ui.page, `keys-${lang}`);
  });
});
