import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { DOCS_PATH } from '@studio/api';

/** OpenAPI from the routes' zod schemas: JSON at /api/docs/json, the browsable UI at /api/docs. */
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'DeepSeek Studio API',
          version: '0.1.0',
          description: 'Projects, versioned graphs, datasets and the audit trail.',
        },
      },
      transform: jsonSchemaTransform,
    });
    // Its own CSP (hashes of its inline scripts) replaces the app's on these pages.
    await app.register(swaggerUi, { routePrefix: DOCS_PATH, staticCSP: true });
  },
  { name: 'openapi' },
);
