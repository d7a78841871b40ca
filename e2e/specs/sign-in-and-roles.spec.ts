import { expect, test, type Page } from '@playwright/test';
import { approveLatestRequest, renameProject } from '../support/approval';
import { contextAs, signInWithForm, E2E_USERS } from '../support/auth';
import { selectNode } from '../support/editor';
import { startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';

const signedOut = { storageState: { cookies: [], origins: [] } };

/** Collects the page's Content-Security-Policy violations (the built app must cause none). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  await page
    .getByTestId('project-row')
    .filter({ hasText: 'German credit demo' })
    .getByTestId('open-project')
    .click();
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

test('signing in: the one generic refusal for a wrong password, then in; the app runs under its CSP', async ({
  browser,
}) => {
  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  const csp = cspViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('sign-in-page')).toBeVisible();
  await page.getByTestId('sign-in-username').fill(E2E_USERS.analyst.username);
  await page.getByTestId('sign-in-password').fill('not the password at all');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('The username or password is not correct.');
  await page.getByTestId('sign-in-username').fill('nobody-by-this-name');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('The username or password is not correct.');

  await signInWithForm(page, 'analyst');
  await expect(page.getByTestId('projects-page')).toBeVisible();
  await expect(page.getByTestId('account-button')).toHaveText('Ana Analyst · analyst');
  await openDemo(page);
  expect(csp).toEqual([]);
  await context.close();
});

test('viewer and validator cannot edit: controls disabled with the reason, and the server answers 403', async ({
  browser,
}) => {
  for (const role of ['viewer', 'validator'] as const) {
    const context = await contextAs(browser, role);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByTestId('projects-page')).toBeVisible();
    await page.getByTestId('new-project-name').fill('Not allowed');
    const create = page.getByTestId('create-project');
    await expect(create).toBeDisabled();
    await expect(create).toHaveAttribute(
      'title',
      new RegExp(`^Your role \\(${role}\\) may not change projects`),
    );

    await openDemo(page);
    await expect(page.getByTestId('role-readonly-banner')).toContainText('ask for one of: analyst, admin');
    for (const id of ['save', 'train']) {
      await expect(page.getByTestId(id)).toBeDisabled();
      await expect(page.getByTestId(id)).toHaveAttribute('title', new RegExp(`Your role \\(${role}\\)`));
    }
    if (role === 'viewer') await page.screenshot({ path: 'artifacts/viewer-read-only-editor.png' });

    const refused = await page.request.post('/api/projects', { data: { name: 'Not allowed' } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).code).toBe('FORBIDDEN');
    await context.close();
  }
});

test('an ended session asks to sign in again over the editor, and the unsaved graph survives', async ({
  browser,
}) => {
  const context = await browser.newContext(signedOut);
  const page = await context.newPage();
  await page.goto('/');
  await signInWithForm(page, 'analyst');
  // Its own project: the seeded demo's version history belongs to other specs.
  await startFromTemplate(page, 'woe-scorecard', 'german_credit.csv');
  const projectId = decodeURIComponent(/projects\/([^/?#]+)/.exec(page.url())![1]!);
  const nodes = await page.locator('.react-flow__node').count();
  await selectNode(page.getByTestId('node-split'));
  await page.getByTestId('param-seed').fill('4242');
  await page.getByTestId('param-seed').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');

  // The session ends on the server (as at its idle timeout, or revoked by an admin).
  expect((await context.request.post('/api/auth/sign-out')).status()).toBe(200);
  // The failed save refreshes the project, which fails too (first try and its retry): the editor, and its
  // unsaved graph, must stay mounted under the dialog all the same.
  let refused = 0;
  const projectRefused = new Promise<void>((resolve) =>
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === `/api/projects/${projectId}` && r.status() === 401 && ++refused === 2)
        resolve();
    }),
  );
  await page.getByTestId('save').click();
  const dialog = page.getByTestId('session-expired');
  await expect(dialog).toBeVisible();
  await projectRefused;
  await page.screenshot({ path: 'artifacts/session-expired-dialog.png' });
  await signInWithForm(page, 'analyst');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await selectNode(page.getByTestId('node-split'));
  await expect(page.getByTestId('param-seed')).toHaveValue('4242');
  await page.getByTestId('save').click();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  const saved = await (await page.request.get(`/api/projects/${encodeURIComponent(projectId)}`)).json();
  expect(saved.head.graph.nodes.find((n: { op: string }) => n.op === 'split').params.seed).toBe(4242);
  await context.close();
});

test('two people: the analyst deploys, only the approver may undeploy (disabled with the reason, 403 on the server)', async ({
  browser,
}) => {
  const analystContext = await contextAs(browser, 'analyst');
  const analyst = await analystContext.newPage();
  await analyst.goto('/');
  await startFromTemplate(analyst, 'woe-scorecard', 'german_credit.csv');
  await renameProject(analyst, 'Roles scorecard');
  await analyst.getByTestId('train').click();
  await waitForEvaluation(analyst);
  await analyst.getByTestId('deploy').click();
  // Four eyes: the deploy is a request until the approver approves it.
  await approveLatestRequest(analyst);
  const deploymentId = decodeURIComponent(/deployments\/([^/?#]+)$/.exec(analyst.url())![1]!);
  const undeployAsAnalyst = analyst.getByTestId('undeploy');
  await expect(undeployAsAnalyst).toBeDisabled();
  await expect(undeployAsAnalyst).toHaveAttribute('title', /Your role \(analyst\) may not .*approver, admin/);
  const refused = await analyst.request.post(`/api/deployments/${encodeURIComponent(deploymentId)}/undeploy`);
  expect(refused.status()).toBe(403);

  const approverContext = await contextAs(browser, 'approver');
  const approver = await approverContext.newPage();
  await approver.goto(analyst.url());
  await expect(approver.getByTestId('deployment-page')).toBeVisible();
  await expect(approver.getByTestId('account-button')).toHaveText('Abe Approver · approver');
  await approver.getByTestId('undeploy').click();
  await approver.getByTestId('confirm-ok').click();
  await expect(approver.getByTestId('deployment-serving')).not.toContainText('v1');
  await approver.screenshot({ path: 'artifacts/approver-undeployed.png' });
  await analystContext.close();
  await approverContext.close();
});

test('the admin adds a user on the users page; the owner shares a project with them as a viewer', async ({
  browser,
}) => {
  // The admin adds Ned (an analyst) and hands him his one-time sign-in link; disables and enables him.
  const adminContext = await contextAs(browser, 'admin');
  const admin = await adminContext.newPage();
  await admin.goto('/#/users');
  await expect(admin.getByTestId('users-page')).toBeVisible();
  const ned = `ned${Date.now() % 1_000_000}`;
  await admin.getByTestId('new-user-username').fill(ned);
  await admin.getByTestId('new-user-name').fill('Ned Newcomer');
  await admin.getByTestId('new-user-role').selectOption('analyst');
  await admin.getByTestId('add-user').click();
  await expect(admin.getByTestId(`user-${ned}`)).toContainText('awaiting first sign-in');
  const link = ((await admin.getByTestId('user-link').locator('code').textContent()) ?? '').trim();
  expect(link).toMatch(/\/api\/auth\/link\//);
  await admin.getByTestId(`user-disable-${ned}`).click();
  await expect(admin.getByTestId(`user-state-${ned}`)).toHaveText('disabled');
  await admin.getByTestId(`user-disable-${ned}`).click();
  await expect(admin.getByTestId(`user-state-${ned}`)).toHaveText('awaiting first sign-in');
  await admin.screenshot({ path: 'artifacts/users-page.png' });

  // Ned follows the link and sets his password.
  const nedContext = await browser.newContext(signedOut);
  const nedPage = await nedContext.newPage();
  await nedPage.goto(link);
  await expect(nedPage.getByTestId('account-welcome')).toBeVisible();
  await nedPage.getByTestId('password-new').fill('ned has a long password');
  await nedPage.getByTestId('password-repeat').fill('ned has a long password');
  await nedPage.getByTestId('password-submit').click();
  await expect(nedPage.getByTestId('password-saved')).toBeVisible();
  // Not an admin: the Users link stays, disabled with the reason.
  await expect(nedPage.getByTestId('nav-users')).toBeDisabled();
  await expect(nedPage.getByTestId('nav-users')).toHaveAttribute(
    'title',
    /Your role \(analyst\) may not manage users/,
  );

  // Ana's new project: Ned, not a member, neither sees it nor reaches it.
  const anaContext = await contextAs(browser, 'analyst');
  const ana = await anaContext.newPage();
  await ana.goto('/');
  await startFromTemplate(ana, 'woe-scorecard', 'german_credit.csv', `Shared ${ned}`);
  const projectId = decodeURIComponent(/projects\/([^/?#]+)/.exec(ana.url())![1]!);
  await nedPage.goto('/');
  await expect(nedPage.getByTestId('projects-page')).toBeVisible();
  await expect(nedPage.getByTestId('project-list')).not.toContainText(`Shared ${ned}`);
  expect((await nedPage.request.get(`/api/projects/${encodeURIComponent(projectId)}`)).status()).toBe(404);

  // Ana (the owner) adds him as a viewer from the project's Members settings.
  await ana.getByTestId('open-members').click();
  const members = ana.getByTestId('project-members');
  await expect(members.getByTestId('my-project-access')).toHaveText('owner');
  await members.getByTestId('member-username').fill(ned);
  await members.getByTestId('member-role').selectOption('viewer');
  await members.getByTestId('add-member').click();
  await expect(members.getByTestId(`member-${ned}`)).toContainText('Ned Newcomer');
  await ana.screenshot({ path: 'artifacts/project-members.png' });

  // Ned sees it now, read-only: in the list, Rename and Delete disabled with the reason; in the editor, Train.
  await nedPage.goto('/');
  const row = nedPage.getByTestId('project-row').filter({ hasText: `Shared ${ned}` });
  await expect(row.getByTestId('edit-project')).toBeDisabled();
  await expect(row.getByTestId('edit-project')).toHaveAttribute('title', /role in this project \(viewer\)/);
  await expect(row.getByTestId('delete-project')).toBeDisabled();
  await expect(row.getByTestId('delete-project')).toHaveAttribute('title', /Only the project's owners/);
  // The server refuses edits all the same (403).
  await nedPage.goto(`/#/projects/${encodeURIComponent(projectId)}`);
  await expect(nedPage.getByTestId('editor')).toBeVisible();
  await expect(nedPage.getByTestId('train')).toBeDisabled();
  await expect(nedPage.getByTestId('train')).toHaveAttribute('title', /Your role in this project \(viewer\)/);
  const refused = await nedPage.request.patch(`/api/projects/${encodeURIComponent(projectId)}`, {
    data: { description: 'by Ned' },
  });
  expect(refused.status()).toBe(403);
  // His Members view shows who may change members, controls disabled with the reason.
  await nedPage.getByTestId('open-members').click();
  await expect(nedPage.getByTestId('add-member')).toBeDisabled();
  await expect(nedPage.getByTestId('members-denied')).toContainText('Your role in this project (viewer)');

  await adminContext.close();
  await nedContext.close();
  await anaContext.close();
});
