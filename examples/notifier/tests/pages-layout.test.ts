/**
 * The notifier's pages as a browser lays them out (Debian's Chromium, as examples/tests/gui.test.ts
 * uses): on a phone-sized screen the page itself never scrolls sideways (a wide table scrolls in
 * its own named, focusable region), and every badge's text meets WCAG AA contrast on its pill.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../tests/browser.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

let notifier: Notifier;
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  [notifier, browser] = await Promise.all([startNotifier(), launchBrowser()]);
  server = http.createServer(notifier.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (body: unknown) =>
    fetch(`${base}/v1/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post(lifecycle('deployment.create.error', { id: 'd-1', name: 'a-rather-long-shop-name' }));
  await post(lifecycle('deployment.create.end', { id: 'd-2', name: 'blog' }));
  await post(lifecycle('deployment.update.end', { id: 'd-3', name: 'wiki' }));
  for (const [id, state] of [
    [2, 'acknowledged'],
    [3, 'ok'],
  ] as const) {
    await fetch(`${base}/v1/alarms/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state }),
    });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await notifier?.close();
}, 30_000);

const pages = ['/', '/alarms/1', '/alarms/2', '/definitions', '/no/such/page'];

async function open(width: number, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}${path}`);
  return page;
}

describe('the notifier’s pages in a browser', () => {
  for (const width of [375, 1280]) {
    it(`fit a ${width} px wide screen; wide tables scroll in a named, focusable region`, async () => {
      for (const path of pages) {
        const page = await open(width, path);
        const layout = await page.evaluate(() => ({
          pageWidth: document.documentElement.scrollWidth,
          tables: [...document.querySelectorAll('table')].map((table) => {
            const region = table.closest<HTMLElement>('.table-scroll');
            return {
              id: table.id,
              fits: table.getBoundingClientRect().width <= document.documentElement.clientWidth,
              region: region
                ? {
                    role: region.getAttribute('role'),
                    named: Boolean(
                      region.getAttribute('aria-label') ?? region.getAttribute('aria-labelledby'),
                    ),
                    focusable: region.tabIndex === 0,
                  }
                : null,
            };
          }),
        }));
        expect(layout.pageWidth, `${path} at ${width} px`).toBeLessThanOrEqual(width);
        for (const table of layout.tables) {
          if (table.fits) continue;
          expect(table.region, `#${table.id} on ${path}`).toEqual({
            role: 'region',
            named: true,
            focusable: true,
          });
        }
        await page.close();
      }
    });
  }

  it('shows every badge as a word whose contrast on its pill is at least 4.5:1', async () => {
    const badges: { text: string; ratio: number }[] = [];
    for (const path of ['/', '/alarms/1', '/definitions']) {
      const page = await open(1280, path);
      badges.push(
        ...(await page.$$eval('.badge', (elements) => {
          const rgb = (value: string) =>
            value
              .match(/[\d.]+/g)!
              .slice(0, 3)
              .map(Number);
          const luminance = (value: string) => {
            const [r, g, b] = rgb(value).map((c) => {
              const s = c / 255;
              return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
          };
          // The colour the text sits on: the badge's own, else the nearest opaque ancestor's.
          const background = (element: Element | null): string => {
            for (; element; element = element.parentElement) {
              const colour = getComputedStyle(element).backgroundColor;
              if (!/^rgba\(.*,\s*0\)$/.test(colour)) return colour;
            }
            return 'rgb(255, 255, 255)';
          };
          return elements.map((element) => {
            const colour = getComputedStyle(element).color;
            const [light, dark] = [luminance(colour), luminance(background(element))].sort(
              (a, b) => b - a,
            );
            return {
              text: element.textContent!.trim(),
              ratio: (light! + 0.05) / (dark! + 0.05),
            };
          });
        })),
      );
      await page.close();
    }
    const words = new Set(badges.map((badge) => badge.text));
    for (const word of ['alarm', 'acknowledged', 'ok', 'critical', 'low'])
      expect(words).toContain(word);
    for (const badge of badges) expect(badge.ratio, badge.text).toBeGreaterThanOrEqual(4.5);
  });
});
