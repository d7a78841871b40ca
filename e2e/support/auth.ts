import { join, resolve } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** The Studio's roles (as @studio/api's ROLES; e2e does not depend on the workspace packages). */
export const ROLES = ['viewer', 'analyst', 'validator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The password global-setup gives every e2e account (only ever on a throw-away data directory). */
export const E2E_PASSWORD = 'e2e password for every account';

/** One signed-in account per role, created by global-setup; specs run as `admin` unless they pick another. */
export const E2E_USERS: Record<Role, { username: string; name: string }> = {
  admin: { username: 'admin', name: 'Administrator' },
  analyst: { username: 'ana', name: 'Ana Analyst' },
  viewer: { username: 'vic', name: 'Vic Viewer' },
  validator: { username: 'val', name: 'Val Validator' },
  approver: { username: 'abe', name: 'Abe Approver' },
};

const authDir = resolve(import.meta.dirname, '..', 'artifacts', 'auth');
/** The storageState file of a role's signed-in session. */
export const storageStateOf = (role: Role) => join(authDir, `${role}.json`);

/** A browser context signed in as the role (its saved session). */
export async function contextAs(browser: Browser, role: Role): Promise<BrowserContext> {
  return browser.newContext({ storageState: storageStateOf(role) });
}

/** Signs in through the form (the sign-in page, or the session-expired dialog). */
export async function signInWithForm(page: Page, role: Role): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await expect(form).toBeVisible();
  await form.getByTestId('sign-in-username').fill(E2E_USERS[role].username);
  await form.getByTestId('sign-in-password').fill(E2E_PASSWORD);
  await form.getByTestId('sign-in-submit').click();
  await expect(form).toBeHidden();
}
