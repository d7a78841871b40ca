import { expect, type Page } from '@playwright/test';

/** Creates a project from the projects list and waits for the editor to open on it. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('new-project-name').fill(name);
  await page.getByTestId('create-project').click();
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.getByTestId('project-title')).toHaveText(name);
}

/**
 * On the projects list: picks the first dataset whose option names `datasetFile` in the template gallery,
 * then starts a project from template `templateId` (the editor opens on it).
 */
export async function startFromTemplate(
  page: Page,
  templateId: string,
  datasetFile: string,
  name?: string,
): Promise<void> {
  await expect(page.getByTestId('template-gallery')).toBeVisible();
  // A project name of its own gives the project its own deployment slug (slugs are never reused across projects).
  if (name) await page.getByTestId('new-project-name').fill(name);
  const picker = page.getByTestId('template-dataset');
  const option = picker.locator('option', { hasText: datasetFile }).first();
  await picker.selectOption((await option.getAttribute('value')) ?? '');
  await page.getByTestId(`template-${templateId}`).click();
  await expect(page.getByTestId('editor')).toBeVisible();
}
