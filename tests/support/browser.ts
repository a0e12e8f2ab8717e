// What the browser tests share: Debian's Chromium driven by playwright-core, a static host for the
// pages under test (on an origin of its own, as GitHub Pages is the API's), and a watch on the hosts
// a page asks.
import { createServer } from 'node:http';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });

/** Every request the page makes to an origin not in `allowed` (data: and blob: URLs are the page's own). */
export const watchOtherHosts = (page: Page, ...allowed: string[]): string[] => {
  const origins = allowed.map((url) => new URL(url).origin);
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && !origins.includes(url.origin)) elsewhere.push(request.url());
  });
  return elsewhere;
};

/** Console errors and uncaught exceptions, as a reader would see them in the developer tools. */
export const watchPageErrors = (page: Page): string[] => {
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
};

export interface StaticHost {
  /** Its root URL, ending in /. */
  url: string;
  close: () => Promise<void>;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Serves `files` (by path from the root; index.html at /) on 127.0.0.1, as a static host would. */
export const serveStatic = async (files: Record<string, Buffer | string>): Promise<StaticHost> => {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname.slice(1) || 'index.html';
    // Browsers ask for it on their own; it is no file of the pages under test.
    if (path === 'favicon.ico') return void response.writeHead(204).end();
    const content = files[path];
    if (content === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream' });
    response.end(content);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
};
