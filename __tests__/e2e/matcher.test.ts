/**
 * The matcher and the concordance in a real browser: an edited seed sentence, its match, the marked difference,
 * the keyboard path; Arabic right-to-left; the concordance's hits opening their rows; accessibility and screenshots.
 */
import { axeViolations, LANGS, open, screenshot, setLanguage, type Ui, useUi } from '../helpers/browser';

const EDITED = 'وقد توصل الجانبان إلى توافق كبير حول تعزيز التعاون العملي';
const STORED_EN = 'The two sides reached broad consensus on strengthening practical cooperation.';

let ui: Ui;
useUi((started) => (ui = started));

async function searchMatcher(text: string): Promise<void> {
  await open(ui, '#/match');
  await ui.page.fill('#q', text);
  await ui.page.press('#q', 'Enter');
  await ui.page.waitForSelector('.cards .card');
}

describe('the matcher page', () => {
  it('shows the edited seed sentence’s unit first, its difference marked, and works from the keyboard', async () => {
    await searchMatcher(EDITED);
    const page = ui.page;
    expect(await page.getAttribute('#q', 'dir')).toBe('rtl');
    const first = page.locator('.cards .card').first();
    expect(await first.locator('.rendering[lang="en"]').textContent()).toBe(STORED_EN);
    const score = Number(await first.locator('.score').getAttribute('data-score'));
    expect(score).toBeGreaterThanOrEqual(70);
    expect(score).toBeLessThan(100);
    // The changed word is marked on both sides, by element and line style, not only by colour.
    const marked = (side: string) => first.locator(`${side} .d:not([data-op="equal"])`).allTextContents();
    expect((await marked('.compare p:not(.tm-source)')).join(' ')).toContain('كبير');
    expect((await marked('.compare p.tm-source')).join(' ')).toContain('واسع');
    // Enter moved the focus to the best match; c copies its first rendering.
    expect(await page.evaluate('document.activeElement === document.querySelector(".cards .card")')).toBe(true);
    await page.keyboard.press('c');
    await page.waitForSelector('#status:not(:empty)', { state: 'attached' });
    const copied = await page.evaluate('navigator.clipboard.readText()');
    expect(copied).toBe(await first.locator('.rendering').first().textContent());
    const count = await page.locator('.cards .card').count();
    if (count > 1) {
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate('document.activeElement === document.querySelectorAll(".cards .card")[1]')).toBe(true);
    }
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement.id')).toBe('q');
  });

  it('in Arabic is right-to-left with translated labels, and remembers the choice', async () => {
    await open(ui, '#/match');
    await setLanguage(ui, 'ar');
    const page = ui.page;
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.textContent('label[for="q"]')).toBe('الجملة المراد ترجمتها');
    expect(await page.textContent('#nav a[href="#/documents"]')).toBe('الوثائق');
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.inputValue('#lang-select')).toBe('ar');
    await setLanguage(ui, 'en');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  });

  it('opens a concordance hit’s row in its document', async () => {
    await setLanguage(ui, 'en');
    await open(ui, '#/concordance');
    await ui.page.fill('#cq', 'practical cooperation');
    await ui.page.press('#cq', 'Enter');
    await ui.page.waitForSelector('.cards .hit');
    expect(await ui.page.locator('.hit mark.hit').first().textContent()).toMatch(/practical cooperation/i);
    const link = ui.page.locator('.hit .doclink').first();
    const linkText = (await link.textContent()) ?? '';
    await link.click();
    const target = ui.page.locator('tr.target');
    await target.waitFor();
    expect(ui.page.url()).toContain('#/documents/');
    // The row the link names is the row the page numbers so, and the position the API gives it (from 0).
    const position = (await target.getAttribute('data-position'))!;
    expect(linkText).toBe(`Document, row ${position}`);
    expect(await target.locator('th.num').textContent()).toMatch(new RegExp(`^${position}(\\D|$)`));
    expect(ui.page.url()).toContain(`row=${position}`);
  });

  it('says which rendering kept the stored numbers when the query’s could not be put in', async () => {
    // A unit whose English writes the number and whose Chinese spells it in a way adaptation does not read (三千五).
    await ui.ctx.tm.createUnit('main', {
      ar: 'وصل إلى المعرض 3500 زائر في اليوم الأول',
      en: 'The fair had 3500 visitors on its first day',
      zh: '博览会首日迎来三千五名参观者',
    });
    await searchMatcher('وصل إلى المعرض 4200 زائر في اليوم الأول');
    const first = ui.page.locator('.cards .card').first();
    expect(await first.locator('.rendering[lang="en"]').textContent()).toBe(
      'The fair had 4200 visitors on its first day',
    );
    const kept = first.locator('.renderings li').filter({ has: ui.page.locator('.rendering[lang="zh"]') });
    expect(await kept.locator('.tag-kept').textContent()).toBe('Numbers as stored: check them');
    expect(await first.locator('.renderings li .tag-kept').count()).toBe(1);
    expect(await first.locator('.tag-adapted').count()).toBe(0); // not every rendering carries the query's numbers
    expect(await axeViolations(ui.page)).toEqual([]);
  });

  it('fits a 360 px wide screen', async () => {
    await ui.page.setViewportSize({ width: 360, height: 740 });
    try {
      await searchMatcher(EDITED);
      expect(await ui.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await screenshot(ui.page, 'match-360-en');
    } finally {
      await ui.page.setViewportSize({ width: 1100, height: 760 });
    }
  });

  it.each(LANGS)(
    'has no serious accessibility violation in %s (matcher, concordance), screenshots written',
    async (lang) => {
      await open(ui, '#/match');
      await setLanguage(ui, lang);
      await searchMatcher(EDITED);
      expect(await axeViolations(ui.page)).toEqual([]);
      await screenshot(ui.page, `match-${lang}`);
      await open(ui, '#/concordance');
      await ui.page.fill('#cq', 'التعاون');
      await ui.page.press('#cq', 'Enter');
      await ui.page.waitForSelector('.cards .hit');
      expect(await axeViolations(ui.page)).toEqual([]);
      await screenshot(ui.page, `concordance-${lang}`, { full: false });
    },
  );
});
