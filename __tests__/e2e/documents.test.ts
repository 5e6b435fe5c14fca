/**
 * Documents in a real browser: the seed document's 17 rows side by side, numbered from 0 as the API numbers them,
 * corrections made in the page (a merge and the split that undoes it), a flagged row marked reviewed and back, a
 * conflict shown rather than overwritten, markup in a unit's text shown as text, accessibility and screenshots.
 */
import request from 'supertest';
import { axeViolations, LANGS, open, screenshot, setLanguage, type Ui, useUi } from '../helpers/browser';
import { setUnitFields, unitFields } from '../helpers/unit-records';

const SEED = 'ace54e57cd73f9de';
const XSS = '<img src=x onerror=alert(1)>';

let ui: Ui;
useUi((started) => (ui = started));

const rowTexts = () =>
  ui.page
    .locator('table.aligned tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td.text')].map((cell) => cell.textContent ?? '').join(' | ')),
    );

async function openSeed(): Promise<void> {
  await open(ui, `#/documents/${SEED}`);
  await ui.page.waitForSelector('table.aligned tbody tr');
}

describe('the documents pages', () => {
  // First, while the seed is as loaded, for the screenshots.
  it.each(LANGS)(
    'have no serious accessibility violation in %s (list, document), screenshots written',
    async (lang) => {
      await open(ui, '#/documents');
      await setLanguage(ui, lang);
      await ui.page.waitForSelector('table tbody tr a');
      expect(await axeViolations(ui.page)).toEqual([]);
      await screenshot(ui.page, `documents-${lang}`);
      await openSeed();
      await screenshot(ui.page, `document-${lang}`, { full: false });
      await ui.page.locator('#row-1 summary').click(); // the corrections too
      expect(await axeViolations(ui.page)).toEqual([]);
    },
  );

  it('list the seed document and show all its 17 rows side by side, counted in plural forms', async () => {
    await open(ui, '#/documents');
    await setLanguage(ui, 'en');
    await ui.page.waitForSelector('table tbody tr a');
    const listed = (await request(ui.ctx.app).get('/api/v1/documents')).body.documents.length as number;
    expect(await ui.page.textContent('.results-status')).toBe(listed === 1 ? '1 document' : `${listed} documents`);
    await ui.page.locator('table tbody tr a').first().click();
    await ui.page.waitForSelector('table.aligned tbody tr');
    expect(ui.page.url()).toContain(`#/documents/${SEED}`);
    expect(await ui.page.locator('table.aligned tbody tr').count()).toBe(17);
    expect(await ui.page.getAttribute('tbody tr td.text-ar', 'dir')).toBe('rtl');
    const flagged = (await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body.segments.filter(
      (row: { review: boolean }) => row.review,
    ).length;
    expect(await ui.page.locator('.doc-head p.meta').nth(1).textContent()).toBe(`17 rows, ${flagged} to review`);
    await ui.page.check('#only-review');
    expect(await ui.page.locator('table.aligned tbody tr').count()).toBe(flagged);
    await ui.page.uncheck('#only-review');
  });

  it('merges two rows and splits them back, each saved at the next revision', async () => {
    await openSeed();
    const before = await rowTexts();
    const row = ui.page.locator('#row-2');
    await row.locator('summary').click();
    await row.locator('button.merge').click();
    await ui.page.waitForSelector('.alerts .notice');
    expect(await ui.page.locator('table.aligned tbody tr').count()).toBe(16);
    const merged = await rowTexts();
    expect(merged[2]).toContain(before[2]!.split(' | ')[0]!);
    expect(merged[2]).toContain(before[3]!.split(' | ')[0]!);

    const again = ui.page.locator('#row-2');
    await again.locator('summary').click();
    for (const lang of ['ar', 'en', 'zh'])
      expect(await again.locator(`input[data-lang="${lang}"]`).inputValue()).toBe('1');
    await again.locator('button.split').click();
    await ui.page.locator('table.aligned tbody tr').nth(16).waitFor();
    expect(await rowTexts()).toEqual(before);
    const doc = (await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body;
    expect(doc.segments).toHaveLength(17);
  });

  it('numbers rows from 0 as the API does, marks a flagged row reviewed and takes the mark back', async () => {
    const start = (await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body;
    const unitKey = ui.ctx.keys.unit('main', start.segments[4].unitId);
    const flag = (await unitFields(ui.ctx.redis, unitKey))!.review;
    await setUnitFields(ui.ctx.redis, unitKey, { review: 'counts' }); // as the aligner flags a row
    try {
      await openSeed();
      await setLanguage(ui, 'en');
      await ui.page.waitForSelector('#row-4 .flag');
      expect(await ui.page.textContent('#row-0 th.num')).toBe('0');
      expect(await ui.page.textContent('.doc-head')).toContain('Rows are numbered from 0, as in the API');
      const row = ui.page.locator('#row-4');
      expect(await row.locator('.reasons').textContent()).toBe('sentence counts differ');
      expect(await row.locator('button.mark-reviewed').textContent()).toBe('Mark reviewed (Row 4)');
      await row.locator('button.mark-reviewed').click();
      await ui.page.locator('#row-4 .reviewed-on').waitFor();
      expect(await ui.page.textContent('.alerts .notice')).toContain('Row 4 marked reviewed.');
      expect(await ui.page.evaluate('document.activeElement?.id')).toBe('row-4');
      expect(await ui.page.locator('#row-4 .flag').count()).toBe(0);
      expect(await ui.page.textContent('#row-4 .reasons')).toBe('sentence counts differ'); // what was checked
      const marked = (await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body;
      expect(marked.rev).toBe(start.rev + 1);
      expect(marked.segments[4]).toMatchObject({ review: false, reviewed: expect.any(String) });
      expect(await axeViolations(ui.page)).toEqual([]);
      await ui.page.check('#only-review');
      expect(await ui.page.locator('#row-4').count()).toBe(0);
      await ui.page.uncheck('#only-review');

      await ui.page.locator('#row-4 button.unmark-reviewed').click();
      await ui.page.locator('#row-4 .flag').waitFor();
      expect(await ui.page.textContent('.alerts .notice')).toContain('Row 4 is to review again.');
      expect((await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body.segments[4].review).toBe(true);
    } finally {
      await setUnitFields(ui.ctx.redis, unitKey, { review: flag || '0' });
    }
  });

  it('shows a conflict when the document changed behind the page, and overwrites nothing', async () => {
    await openSeed();
    const current = (await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body;
    const other = await request(ui.ctx.app)
      .patch(`/api/v1/documents/${SEED}/alignment`)
      .send({ ops: [{ op: 'merge', row: 5 }], rev: current.rev });
    expect(other.status).toBe(200);
    const row = ui.page.locator('#row-0');
    await row.locator('summary').click();
    await row.locator('button.merge').click();
    const alert = ui.page.locator('.alerts [role="alert"]');
    await alert.waitFor();
    expect(['DOCUMENT_CHANGED', 'PRECONDITION_FAILED']).toContain(await alert.getAttribute('data-code'));
    const after = (await request(ui.ctx.app).get(`/api/v1/documents/${SEED}`)).body;
    expect(after.rev).toBe(other.body.rev);
    expect(after.segments).toHaveLength(16);
    await alert.locator('button').click();
    await ui.page.locator('#row-16').waitFor({ state: 'detached' }); // the reloaded document has 16 rows
    expect(await ui.page.locator('table.aligned tbody tr').count()).toBe(16);
    // Put the seed back as it was for the tests that follow.
    const rows = after.segments[5];
    const counts = { ar: 1, en: 1, zh: 1 };
    expect(rows).toBeDefined();
    const undo = await request(ui.ctx.app)
      .patch(`/api/v1/documents/${SEED}/alignment`)
      .send({ ops: [{ op: 'split', row: 5, ...counts }], rev: after.rev });
    expect(undo.status).toBe(200);
  });

  it('shows markup in a unit’s text as text and runs nothing', async () => {
    const unit = await request(ui.ctx.app)
      .post('/api/v1/units')
      .send({ ar: `${XSS} تجربة`, en: XSS, zh: XSS });
    expect(unit.status).toBe(201);
    const doc = await request(ui.ctx.app)
      .post('/api/v1/documents')
      .send({ title: XSS, ar: `نص للتجربة. ${XSS}`, en: `A test text. ${XSS}`, zh: `测试文本。${XSS}` });
    expect(doc.status).toBe(201);

    await open(ui, '#/match');
    await ui.page.fill('#q', XSS);
    await ui.page.press('#q', 'Enter');
    await ui.page.locator('.cards .card .rendering', { hasText: XSS }).first().waitFor();
    expect(await ui.page.locator('.cards .card .rendering').allTextContents()).toContain(XSS);

    await open(ui, '#/concordance');
    await ui.page.fill('#cq', 'onerror');
    await ui.page.press('#cq', 'Enter');
    await ui.page.locator('.cards .hit', { hasText: 'onerror' }).first().waitFor();
    expect((await ui.page.locator('.cards .hit').allTextContents()).join('\n')).toContain(XSS);

    await open(ui, `#/documents/${doc.body.id}`);
    await ui.page.waitForSelector('table.aligned tbody tr');
    expect(await ui.page.textContent('.doc-head h1')).toBe(XSS);
    expect((await ui.page.locator('table.aligned').textContent()) ?? '').toContain(XSS);

    expect(await ui.page.locator('img').count()).toBe(0);
    expect(ui.requests.filter((url) => new URL(url).pathname === '/x')).toEqual([]);
  });
});
