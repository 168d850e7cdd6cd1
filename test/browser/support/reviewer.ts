import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';
import { seriousAxeViolations } from './browser';

/** Signing in at / lands on the review queue. */
async function landed(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
}

/** Signs in with a demo user's button (the server runs with DEMO=1). */
export async function signInAs(page: Page, userId: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: `Sign in as ${userId}` }).click();
  await landed(page);
}

/** Signs in with a pasted token, as someone with a token from an identity provider would. */
export async function signInWithToken(page: Page, token: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Access token' }).fill(token);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await landed(page);
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect({ where, violations }).toEqual({ where, violations: [] });
}

/** The review state shown beside a section's heading on the article page. */
export function sectionState(page: Page, heading: string) {
  return page.getByRole('region', { name: heading }).locator('.section-head .state');
}

/** Opens a reason dialog with its button, gives the reason and confirms; waits for it to close. */
export async function confirmWithReason(page: Page, action: string, reason: string): Promise<void> {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}
