import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { routeNotFound } from './errors-plugin';

/**
 * Serves the built web app at `/` when its dist folder exists. Unknown non-API GETs get index.html so the
 * app's client-side routes survive a reload; everything else gets the coded 404.
 */
export const webPlugin = fp<{ webDist: string | null }>(
  async (app, { webDist }) => {
    const index = webDist ? join(webDist, 'index.html') : null;
    if (webDist && index && existsSync(index)) {
      await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
      app.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        const wantsPage = request.method === 'GET' && !path.startsWith('/api/') && path !== '/api';
        return wantsPage ? reply.type('text/html').sendFile('index.html') : routeNotFound(request, reply);
      });
      return;
    }
    app.setNotFoundHandler(routeNotFound);
  },
  { name: 'web', dependencies: ['errors'] },
);
