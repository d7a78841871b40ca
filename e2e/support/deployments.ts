import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** The request a deployment's OpenAPI document describes: the scoring URL and its example body. */
export interface ExampleCall {
  url: string;
  body: string;
}

/**
 * Reads the OpenAPI document of the deployment open on the page (the one its "OpenAPI" link serves) and
 * returns the scoring call it documents: server URL + path, and the request body's example.
 */
export async function exampleCall(page: Page, request: APIRequestContext): Promise<ExampleCall> {
  const id = /#\/projects\/[^/]+\/deployments\/([^/?#]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`not on a deployment page: ${page.url()}`);
  const res = await request.get(`/api/deployments/${id}/openapi`);
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as {
    servers: { url: string }[];
    paths: Record<string, { post?: { requestBody?: { content: Record<string, { example?: unknown }> } } }>;
  };
  const [path, item] =
    Object.entries(doc.paths).find(([, v]) => v.post?.requestBody?.content['application/json']?.example) ??
    [];
  const example = item?.post?.requestBody?.content['application/json']?.example;
  if (!path || example === undefined) throw new Error('the OpenAPI document has no example request body');
  return { url: `${doc.servers[0]?.url ?? ''}${path}`, body: JSON.stringify(example) };
}
