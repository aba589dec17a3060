import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  tablet: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
  screenshot: { width: 1280, height: 800 },
} as const;

export interface Viewport {
  width: number;
  height: number;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenPageOptions {
  viewport?: Viewport;
  /** The browser's own IANA zone; tests set one far from the plant's to prove it is ignored. */
  timezoneId?: string;
  locale?: string;
  /** Emulate a phone (touch, mobile viewport meta). */
  mobile?: boolean;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen on the page so far. */
  errors: string[];
}

/** A fresh context (own cookies, zone, viewport) with one page, optionally navigated to `url`. */
export async function openPage(
  browser: Browser,
  url: string | undefined,
  options: OpenPageOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? VIEWPORTS.tablet,
    timezoneId: options.timezoneId,
    locale: options.locale ?? 'en-US',
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  if (url !== undefined) await page.goto(url);
  return { context, page, errors };
}
