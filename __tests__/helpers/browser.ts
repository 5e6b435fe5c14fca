/**
 * The e2e tests' browser and server: a real mizan (createTestContext: private Redis, the seed) listening on a free
 * port, its answers checked against the OpenAPI document like the integration tests' (all but the page's scripts
 * and styles under /ui/), and Debian's chromium driven by playwright-core with a fresh profile. Also: what the page
 * must never do (dialogs, script errors, CSP refusals), axe-core's verdict, and screenshots (see SCREENSHOTS).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { createTranslator } from '../../src/i18n';
import { checkedApp } from './openapi-check';
import { createTestContext, type TestContext } from './context';

export const CHROMIUM = process.env.MIZAN_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIR = path.resolve(__dirname, '../../dist/web');
/**
 * Where the screenshots go: `test-results/screenshots` (ignored by git), or the folder MIZAN_SCREENSHOTS_DIR names;
 * `npm run screenshots` refreshes the committed ones in docs/screenshots. Their bytes vary slightly from run to run
 * (font rasterizing), so `npm test` must not rewrite tracked files.
 */
export const SCREENSHOTS = path.resolve(
  process.env.MIZAN_SCREENSHOTS_DIR ?? path.resolve(__dirname, '../../test-results/screenshots'),
);
export const LANGS = ['ar', 'en', 'zh'] as const;

export interface Ui {
  ctx: TestContext;
  url: string;
  browser: BrowserContext;
  page: Page;
  /** Dialogs, uncaught errors and console errors other than failed resource loads (answered 4xx/5xx on purpose). */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
  close(): Promise<void>;
}

const isAsset = (url: string) => url.startsWith('/ui/');

export async function startUi(): Promise<Ui> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `The e2e tests need Chromium at ${CHROMIUM} (Debian: sudo apt-get install chromium fonts-noto-core ` +
        'fonts-noto-cjk; .ci/run installs them), or MIZAN_TEST_CHROMIUM naming another one.',
    );
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html')))
    throw new Error(
      `No built UI in ${WEB_DIR}: the e2e global setup builds it (npx vite build --config web/vite.config.mts)`,
    );
  const ctx = await createTestContext();
  const app = createApp({
    tm: ctx.tm,
    translator: await createTranslator(),
    config: { ...ctx.config, webDir: WEB_DIR },
    logger: silentLogger,
    version: 'test',
  });
  const checked = checkedApp(app, ctx.violations);
  const server = http.createServer((req, res) => (isAsset(req.url ?? '/') ? app(req, res) : checked(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-e2e-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 760 },
    locale: 'en-US',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of [45]\d\d/.test(message.text())) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => requests.push(request.url()));
  // Where the deployment asks for keys (a context that made an admin key), the page is given it as a user would:
  // on its key screen, kept for the tab's session.
  const adminKey = (ctx as { adminKey?: string }).adminKey;
  if (adminKey) {
    await page.goto(`${url}/#/keys`);
    await page.waitForSelector('body[data-ready="1"] #key');
    await page.fill('#key', adminKey);
    await page.press('#key', 'Enter');
    await page.waitForSelector('.can li.yes >> nth=1');
  }
  return {
    ctx,
    url,
    browser,
    page,
    problems,
    requests,
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}

/** Opens a screen (`#/match`, …) afresh and waits until the page has rendered it. */
/**
 * One browser and server for a test file: started before its tests (`use` receives it), closed after them, and every
 * test fails when the page showed a dialog, an uncaught error, a CSP refusal or a console error.
 */
export function useUi(use: (ui: Ui) => void): void {
  // A browser waits for the page and the server; on a loaded machine one alignment alone can take seconds.
  jest.setTimeout(60_000);
  let started: Ui | undefined;
  beforeAll(async () => {
    started = await startUi();
    use(started);
  }, 60_000);
  afterAll(async () => {
    await started?.close();
  });
  afterEach(() => {
    expect(started?.problems).toEqual([]);
  });
}

export async function open(ui: Ui, hash: string): Promise<void> {
  const here = ui.page.url().startsWith(ui.url);
  if (here && new URL(ui.page.url()).hash === hash) await ui.page.reload();
  else if (here) await ui.page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  else await ui.page.goto(`${ui.url}/${hash}`);
  await ui.page.waitForSelector(`body[data-ready="1"] main[data-route=${JSON.stringify(hash)}]`, { state: 'attached' });
}

/** Switches the UI language with the page's own switcher. */
export async function setLanguage(ui: Ui, lang: (typeof LANGS)[number]): Promise<void> {
  await ui.page.selectOption('#lang-select', lang);
  // (waitForFunction would evaluate a string inside the page, which its CSP refuses.)
  await ui.page.waitForSelector(`html[lang^="${lang}"]`, { state: 'attached' });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (injected through the devtools protocol). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE);
  const all = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as AxeViolation[];
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** SCREENSHOTS/NAME.png: the whole page, or with `{ full: false }` the window (a long document). */
export async function screenshot(page: Page, name: string, options: { full?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.full ?? true });
}
