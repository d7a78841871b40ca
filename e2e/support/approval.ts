import { expect, request as playwrightRequest, type Page } from '@playwright/test';
import { storageStateOf } from './auth';

interface RequestDto {
  id: string;
  status: string;
  deploymentId: string | null;
}

/**
 * Four eyes in the deploy specs: after Deploy was pressed, the request waits on the deployments page; a second
 * person (the approver's signed-in session) approves it through the API, and the page opens the version that
 * went live. The two-person spec (two-person-approval.spec.ts) does the approval through the approver's UI.
 */
export async function approveLatestRequest(page: Page, comment = 'reviewed in e2e'): Promise<void> {
  await expect(
    page.locator('[data-testid="deployment-request"][data-status="pending"]').first(),
  ).toBeVisible();
  const url = new URL(page.url());
  const projectId = /#\/projects\/([^/?#]+)/.exec(url.hash)?.[1];
  if (!projectId) throw new Error(`not on a project page: ${page.url()}`);
  const approver = await playwrightRequest.newContext({
    baseURL: url.origin,
    storageState: storageStateOf('approver'),
  });
  try {
    const list = (await (
      await approver.get(`/api/projects/${projectId}/deployment-requests`)
    ).json()) as RequestDto[];
    const pending = list.find((r) => r.status === 'pending');
    if (!pending) throw new Error('no pending deployment request');
    const res = await approver.post(`/api/deployment-requests/${pending.id}/approve`, { data: { comment } });
    expect(res.status(), await res.text()).toBe(200);
    const approved = (await res.json()) as RequestDto;
    // The requester's page notices the decision by itself (it polls while a request is pending).
    await expect(
      page.locator(`[data-testid="deployment-request"][data-request-id="${approved.id}"]`),
    ).toHaveAttribute('data-status', 'approved', { timeout: 15_000 });
    await page.goto(`/#/projects/${projectId}/deployments/${approved.deploymentId}`);
  } finally {
    await approver.dispose();
  }
  await expect(page.getByTestId('deployment-page')).toBeVisible();
}

/** Renames the project open on the page (through the API), so its default deployment slug is its own. */
export async function renameProject(page: Page, name: string): Promise<void> {
  const projectId = /#\/projects\/([^/?#]+)/.exec(page.url())?.[1];
  if (!projectId) throw new Error(`not on a project page: ${page.url()}`);
  const res = await page.request.patch(`/api/projects/${projectId}`, { data: { name } });
  expect(res.status(), await res.text()).toBe(200);
}
