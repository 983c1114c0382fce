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

  it('scales from the detail page, follows the timeline live, and acknowledges the alarm', async () => {
    const page = await newPage();
    await page.goto(`${system.deployer.url}/`);
    await page.locator('#deploy-form [name=name]').fill('browser-shop');
    await page.locator('#deploy-form button[type=submit]').click();
    await page.goto(`${system.deployer.url}/`);
    await page
      .locator('#deployments [data-deployment-id]', { hasText: 'browser-shop' })
      .getByRole('link')
      .click();
    const detail = page.locator('#deployment');
    await detail.locator('dd[data-status]', { hasText: 'CREATE_COMPLETE' }).waitFor();

    // Keyboard only: the scale form is reachable and submits with Enter.
    const count = page.locator('#scale-form [name=count]');
    await count.focus();
    await count.fill('3');
    await count.press('Enter');
    await detail.locator('dd[data-status]', { hasText: 'UPDATE_IN_PROGRESS' }).waitFor();
    await detail.locator('dd[data-status]', { hasText: 'UPDATE_COMPLETE' }).waitFor();
    expect(await detail.locator('[data-field=count]').textContent()).toContain('3');
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline.join(' ')).toMatch(/UPDATE_COMPLETE/);
    await page.screenshot({ path: screenshotPath('6-deployment-detail'), fullPage: true });

    const alarms = await newPage();
    await alarms.goto(`${system.notifier.url}/`);
    const row = alarms.locator('#alarms [data-alarm-id][data-state=alarm]', {
      hasText: 'browser-shop',
    });
    await row.first().waitFor();
    await row.first().locator('[data-field=acknowledge] button').click();
    await alarms
      .locator('#alarms [data-alarm-id][data-state=acknowledged]', { hasText: 'browser-shop' })
      .first()
      .waitFor();
    await alarms.screenshot({ path: screenshotPath('7-alarm-acknowledged'), fullPage: true });
  }, 60_000);

  it('shows the stack’s outputs once deployed, a password only when asked', async () => {
    const page = await newPage();
    const created = await fetch(`${system.deployer.url}/v1/deployments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'browser-secrets', app: 'wordpress', size: 'small', count: 2 }),
    });
    const { id } = (await created.json()) as { id: string };
    await page.goto(`${system.deployer.url}/deployments/${id}`);
    // The outputs appear without a reload when the create completes.
    const password = page.locator('[data-output-value=admin_password] .secret-value');
    await password.waitFor({ state: 'attached' });
    await page.locator('dd[data-status]', { hasText: 'CREATE_COMPLETE' }).waitFor();
    expect(await page.locator('[data-output-value=url] a').getAttribute('href')).toMatch(
      /^http:\/\//,
    );
    expect(await password.isVisible(), 'folded until asked').toBe(false);
    await page.locator('[data-output-value=admin_password] summary').click();
    expect(await password.isVisible()).toBe(true);
    expect(await password.textContent()).toMatch(/^[A-Za-z0-9]{16}$/);
    await page.screenshot({ path: screenshotPath('9-deployment-outputs'), fullPage: true });
  }, 30_000);

  it('fits a phone’s screen: no sideways scrolling of the page', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    // A deployment's page too, with its outputs (a long password, a URL) once complete.
    const created = await fetch(`${system.deployer.url}/v1/deployments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'phone-blog', app: 'wordpress', size: 'small', count: 1 }),
    });
    const { id } = (await created.json()) as { id: string };
    const detail = `${system.deployer.url}/deployments/${id}`;
    await page.goto(detail);
    await page.locator('[data-output-value=admin_password] summary').click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, detail).toBeLessThanOrEqual(375);
    await page.screenshot({ path: screenshotPath('10-deployment-phone'), fullPage: true });
    for (const url of [`${system.deployer.url}/`, `${system.notifier.url}/`]) {
      await page.goto(url);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(375);
    }
    await page.goto(`${system.deployer.url}/`);
    await page.screenshot({ path: screenshotPath('8-deployer-phone'), fullPage: true });
  }, 30_000);

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
