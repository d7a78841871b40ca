import fp from 'fastify-plugin';
import type { Actor } from '@studio/api';
import type { Authenticate } from '../fastify-types';
import { LOCAL_ACTOR } from './local-actor';

/**
 * Gives every request an authenticated `request.actor`. Who that is comes from the `authenticate` decorator:
 * here the seeded local analyst; a sign-in plugin replaces the function and nothing else changes.
 */
export const actorPlugin = fp<{ authenticate?: Authenticate }>(
  async (app, opts) => {
    const authenticate: Authenticate = opts.authenticate ?? (async () => LOCAL_ACTOR);
    app.decorate('authenticate', authenticate);
    app.decorateRequest('actor', null as unknown as Actor);
    app.addHook('onRequest', async (request) => {
      request.actor = await app.authenticate(request);
    });
    // The embedded default's user must exist before anything it does can reference it.
    if (!opts.authenticate) {
      app.addHook('onReady', async () => {
        await app.prisma.user.upsert({
          where: { id: LOCAL_ACTOR.id },
          create: { id: LOCAL_ACTOR.id, name: LOCAL_ACTOR.name },
          update: {},
        });
      });
    }
  },
  { name: 'actor', dependencies: ['db'] },
);
