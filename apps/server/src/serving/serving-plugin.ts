import fp from 'fastify-plugin';
import { KeyStore } from './key-store';
import { PredictionLogger } from './prediction-log';
import { servingRoutes } from './serving-routes';
import { ServingRegistry } from './serving-registry';

/** What the management API (`deployments/`) uses of serving: the loaded models and the slugs' keys. */
export interface Serving {
  registry: ServingRegistry;
  keys: KeyStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    serving: Serving;
    predictionLog: PredictionLogger;
  }
}

/**
 * Serving: the `/v1` hot path (predict, batch, CSV), the registry that keeps each served version's model
 * loaded, the slugs' API keys and the prediction log, written in batches off the event loop and drained
 * before the app closes. Managing deployments (deploy, promote, keys, stats) is `deployments/`.
 */
export const servingPlugin = fp(
  async (app) => {
    const registry = new ServingRegistry(app.prisma, app.datasets.blobs);
    const keys = new KeyStore(app.prisma, app.audit);
    const logger = new PredictionLogger(app.prisma, app.log, app.database);
    app.decorate('serving', { registry, keys });
    app.decorate('predictionLog', logger);
    app.addHook('preClose', async () => {
      await logger.flush();
      await registry.close();
    });
    // After the server has stopped (in-flight requests done): the last rows, then the logger's connection.
    app.addHook('onClose', async () => {
      await logger.close();
    });
    await app.register(servingRoutes, { prefix: '/v1', registry, keys, logger });
  },
  { name: 'serving', dependencies: ['db', 'audit', 'datasets'] },
);
