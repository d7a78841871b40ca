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
  await page.getByTestId('save').click();
  const dialog = page.getByTestId('session-expired');
  await expect(dialog).toBeVisible();
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
