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
    await page.goto(`/#/projects/${projectId}/deployments/${approved.deploymentId}`);
  } finally {
    await approver.dispose();
  }
  await expect(page.getByTestId('deployment-page')).toBeVisible();
}
