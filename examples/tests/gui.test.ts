/**
 * The GUI in a real browser (Debian's Chromium through playwright-core): pick an app, fill the
 * form, deploy, watch the list reach CREATE_COMPLETE without a reload, then open the notifier's
 * page and see the alarm. Screenshots are written to examples/tests/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser.js';
import { startSystem, type RunningSystem } from './system.js';

let system: RunningSystem;
let browser: Browser;

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
}, 30_000);

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  return page;
}

describe('the web GUI', () => {
  it('deploys from the form and shows the status change live, then the alarm on the notifier’s page', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${system.deployer.url}/`);
    await page.screenshot({ path: screenshotPath('1-deployer-home'), fullPage: true });

    const form = page.locator('#deploy-form');
    await form.locator('[name=app]').selectOption('wordpress');
    await form.locator('[name=name]').fill('browser-blog');
    await form.locator('[name=size]').selectOption('medium');
    await form.locator('[name=count]').fill('2');
    await form.locator('button[type=submit]').click();

    // The form posts without JavaScript help and lands on the new deployment or the list; the
    // list on the home page then follows the status through server-sent events.
    await page.goto(`${system.deployer.url}/`);
    const row = page.locator('#deployments [data-deployment-id]', { hasText: 'browser-blog' });
    await row.locator('[data-status]', { hasText: 'CREATE_IN_PROGRESS' }).waitFor();
    await page.screenshot({ path: screenshotPath('2-deploying'), fullPage: true });
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await row.locator('[data-status]', { hasText: 'CREATE_COMPLETE' }).waitFor();
    expect(navigations, 'the list changed without a reload').toEqual([]);
    await page.screenshot({ path: screenshotPath('3-deployed'), fullPage: true });

    const alarms = await newPage();
    await alarms.goto(`${system.notifier.url}/`);
    const alarm = alarms.locator('#alarms [data-alarm-id]', { hasText: 'browser-blog' });
    await alarm.first().waitFor();
    expect(await alarm.first().getAttribute('data-severity')).toBe('low');
    await alarms.screenshot({ path: screenshotPath('4-notifier-alarms'), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows each invalid field’s error next to it, with the form kept', async () => {
    const page = await newPage();
    await page.goto(`${system.deployer.url}/`);
    const form = page.locator('#deploy-form');
    await form.locator('[name=name]').fill('bad name with spaces!');
    await form.locator('[name=count]').fill('0');
    // Submit as a browser without JavaScript validation would.
    await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
    await form.locator('button[type=submit]').click();
    const name = page.locator('#deploy-form [name=name]');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = await name.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/\S/);
    expect(await name.inputValue()).toBe('bad name with spaces!');
    await page.screenshot({ path: screenshotPath('5-form-errors'), fullPage: true });
  }, 30_000);
});
