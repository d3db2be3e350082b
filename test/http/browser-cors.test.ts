import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';

/**
 * CORS as a real browser enforces it: Debian's Chromium (driven by playwright-core, never a
 * downloaded browser) loads a page from one origin, and the page calls Segmentary at
 * another. Without Chromium (`apt-get install chromium`; CHROMIUM_PATH to point elsewhere)
 * these tests are skipped with the reason printed.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags that keep Chromium quiet on a machine without internet (Playwright adds --headless and a fresh profile). */
const QUIET = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why the browser tests cannot run here, or undefined when Chromium starts. */
function chromiumMissing(): string | undefined {
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} not found (install Debian's chromium package, or set CHROMIUM_PATH)`;
  const probe = spawnSync(CHROMIUM, ['--headless', ...QUIET, '--dump-dom', 'about:blank'], { timeout: 30_000, encoding: 'utf8' });
  if (probe.status !== 0) return `${CHROMIUM} did not start: ${probe.error?.message ?? probe.stderr.split('\n').slice(-3).join(' ')}`;
  return undefined;
}

const missing = chromiumMissing();
if (missing) console.warn(`Skipping the browser CORS tests: ${missing}`);
const browserTest = missing ? test.skip : test;

const PAGE = fs.readFileSync(path.join(__dirname, 'browser/page.html'));

/** A static server for the shop's page on 127.0.0.1 at a free port: a distinct origin. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Outcome {
  status?: number;
  body?: { data?: { personalize?: { content?: { key: string } } } | null; errors?: { extensions: { code: string } }[]; success?: boolean; error?: { code: string } };
  rejected?: string;
}

let t: TestApp;
let browser: Browser;
/** The shop's page at an origin CORS_ORIGINS lists, and the same page at one it does not. */
let shop: Awaited<ReturnType<typeof pageServer>>;
let stranger: Awaited<ReturnType<typeof pageServer>>;
let publicKey: string;

beforeAll(async () => {
  if (missing) return;
  [shop, stranger] = await Promise.all([pageServer(), pageServer()]);
  t = await startTestApp({ CORS_ORIGINS: shop.origin });
  publicKey = await t.keyWith('personalize');
  await t.gql(`mutation { createContentItem(input: { key: "welcome", type: "banner", title: "Welcome", payload: {} }) { key } }`);
  await t.gql(`mutation { createPlacement(input: { key: "hero", defaultContent: "welcome", rules: [] }) { key } }`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: QUIET });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await Promise.all([shop?.close(), stranger?.close()]);
});

/** Opens the page at `origin` in a fresh browser context and runs its script against the server. */
async function visit(origin: string, key: string, messageId: string): Promise<{ decision: Outcome; tracked: Outcome }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/shop.html`);
    return await page.evaluate((args) => (globalThis as unknown as { visit(a: typeof args): Promise<{ decision: Outcome; tracked: Outcome }> }).visit(args), {
      api: t.baseUrl,
      key,
      anonymousId: `visitor-${messageId}`,
      messageId,
    });
  } finally {
    await context.close();
  }
}

const stored = async (messageId: string) => (await t.db.query('select 1 from events where message_id = $1', [messageId])).rowCount;

browserTest('from an allowed origin the page gets its decision and its event is stored once', async () => {
  const { decision, tracked } = await visit(shop.origin, publicKey, 'browser-allowed');
  expect(decision).toMatchObject({ status: 200, body: { data: { personalize: { content: { key: 'welcome' } } } } });
  expect(decision.body?.errors).toBeUndefined();
  expect(tracked).toMatchObject({ status: 200, body: { success: true } });
  expect(await stored('browser-allowed')).toBe(1);
});

browserTest('from an origin not allowed the browser blocks both calls and nothing is stored', async () => {
  const { decision, tracked } = await visit(stranger.origin, publicKey, 'browser-stranger');
  expect(decision.rejected).toMatch(/TypeError/);
  expect(tracked.rejected).toMatch(/TypeError/);
  expect(await stored('browser-stranger')).toBe(0);
});

browserTest('a key whose allowedOrigins leave out the page\'s origin gets nothing through, even from an allowed origin', async () => {
  const elsewhere = 'https://other-shop.example';
  const created = await t.gql(`mutation { createApiKey(name: "other shop", scopes: ["personalize"], allowedOrigins: ["${elsewhere}"]) { secret } }`);
  const bound = created.data!.createApiKey.secret;
  const { decision, tracked } = await visit(shop.origin, bound, 'browser-bound');
  expect(decision).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
  expect(decision.body?.data).toBeUndefined();
  expect(tracked).toMatchObject({ status: 403, body: { success: false, error: { code: 'FORBIDDEN' } } });
  expect(await stored('browser-bound')).toBe(0);

  // From a page at an origin neither CORS_ORIGINS nor any key lists, the browser blocks it before the key is seen.
  const fromStranger = await visit(stranger.origin, bound, 'browser-bound-stranger');
  expect(fromStranger.decision.rejected).toMatch(/TypeError/);
  expect(await stored('browser-bound-stranger')).toBe(0);
});
