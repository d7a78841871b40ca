import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { renameProject } from '../support/approval';
import { contextAs } from '../support/auth';
import { exampleCall } from '../support/deployments';
import { startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';

// Four eyes, as two people in two browser contexts: the analyst builds, trains and requests deployment; they
// cannot approve it themselves (button disabled with the reason, the server answers 403); the approver reviews
// the evaluation, the data, the graph diff and the model document (its hash) and approves with a comment; the analyst then calls the endpoint,
// and the audit page shows the chain verified with the approval on it.
test('analyst requests, approver approves, analyst calls the endpoint; the audit chain verifies', async ({
  browser,
}) => {
  const analystContext = await contextAs(browser, 'analyst');
  const approverContext = await contextAs(browser, 'approver');
  const ana = await analystContext.newPage();
  const abe = await approverContext.newPage();

  await ana.goto('/');
  await startFromTemplate(ana, 'woe-scorecard', 'german_credit.csv');
  await renameProject(ana, 'Two-person scorecard');
  await ana.getByTestId('train').click();
  await waitForEvaluation(ana);
  await ana.getByTestId('deploy').click();

  // The request waits; the analyst may not approve it, and says why.
  const mine = ana.locator('[data-testid="deployment-request"][data-status="pending"]');
  await expect(mine).toHaveCount(1);
  await expect(mine.getByTestId('request-approve')).toBeDisabled();
  await expect(mine.getByTestId('request-denied-reason')).toContainText('may not approve');
  const projectId = /#\/projects\/([^/?#]+)/.exec(ana.url())![1]!;
  const [request] = (await (
    await ana.request.get(`/api/projects/${projectId}/deployment-requests`)
  ).json()) as { id: string }[];
  const selfApproval = await ana.request.post(`/api/deployment-requests/${request!.id}/approve`, {
    data: { comment: 'approving my own work' },
  });
  expect(selfApproval.status()).toBe(403);
  await ana.screenshot({ path: 'artifacts/approval-requested.png' });

  // The approver reviews what would go live and approves it with a comment.
  await abe.goto(`/#/projects/${projectId}/deployments`);
  const review = abe.locator('[data-testid="deployment-request"][data-status="pending"]');
  await expect(review.getByTestId('request-evaluation')).toContainText('AUC');
  await expect(review.getByTestId('request-dataset')).toContainText('german_credit.csv');
  await expect(review.getByTestId('request-diff')).toContainText('first deployment');
  // The model document (#14): the approver opens it from the request, and the hash shown is that of the bytes read.
  const docHash = ((await review.getByTestId('request-document-hash').textContent()) ?? '').trim();
  expect(docHash).toMatch(/^[0-9a-f]{64}$/);
  const [doc] = await Promise.all([
    approverContext.waitForEvent('page'),
    review.getByTestId('request-document-link').click(),
  ]);
  await expect(doc.locator('#performance table.discrimination')).toContainText('AUC');
  const read = await abe.request.get(doc.url());
  expect(
    createHash('sha256')
      .update(await read.body())
      .digest('hex'),
  ).toBe(docHash);
  await doc.close();
  await expect(review.getByTestId('request-approve')).toBeDisabled(); // no comment yet
  await review.getByTestId('request-comment').fill('Scorecard AUC and KS acceptable on the German extract');
  await review.getByTestId('request-approve').click();
  const decided = abe.locator('[data-testid="deployment-request"][data-status="approved"]');
  await expect(decided.getByTestId('request-decision')).toContainText('Approved by Abe Approver');
  // Approving recorded the hash of the document the approver read in the audit chain.
  const approvals = (await (
    await abe.request.get(`/api/audit?projectId=${projectId}&action=deployment.approve`)
  ).json()) as { changes: string[] }[];
  expect(approvals[0]!.changes).toContain(`model document sha256 ${docHash}`);
  await abe.screenshot({ path: 'artifacts/approval-approved.png' });

  // The analyst opens the live version, makes a key and calls the endpoint.
  await ana.reload();
  await expect(ana.getByTestId('deployment-row')).toHaveCount(1);
  await ana.getByTestId('open-deployment').first().click();
  await expect(ana.getByTestId('deployment-page')).toBeVisible();
  await ana.getByTestId('api-key-name').fill('analyst client');
  await ana.getByTestId('create-api-key').click();
  const key = (await ana.getByTestId('new-api-key-value').textContent()) ?? '';
  const call = await exampleCall(ana, ana.request);
  const answer = await ana.request.fetch(call.url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    data: call.body,
  });
  expect(answer.status()).toBe(200);
  expect(((await answer.json()) as { probability: number }).probability).toBeGreaterThan(0);

  // The audit page: the chain verified, the approval as a sentence with names.
  await ana.getByTestId('nav-graph').click();
  await ana.getByTestId('tab-audit').click();
  await expect(ana.getByTestId('audit-chain')).toHaveAttribute('data-state', 'verified');
  await expect(ana.getByTestId('audit-chain')).toContainText('Audit chain verified');
  await expect(ana.getByTestId('audit-list')).toContainText("Abe Approver approved Ana Analyst's request");
  await ana.screenshot({ path: 'artifacts/audit-chain-verified.png' });

  await analystContext.close();
  await approverContext.close();
});
