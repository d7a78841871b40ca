import fp from 'fastify-plugin';
import { ClientLatency } from './client-latency';
import { KeyStore } from './key-store';
import { PredictionLogger } from './prediction-log';
import { servingRoutes } from './serving-routes';
import { ServingRegistry } from './serving-registry';

/** What the management API (`deployments/`) uses of serving: the loaded models and the slugs' keys. */
export interface Serving {
  registry: ServingRegistry;
  keys: KeyStore;
  /** The latency clients saw per slug (this process), for the stats panel. */
  latency: ClientLatency;
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
    const latency = new ClientLatency();
    latency.onObserve((slug, status, ms) => app.metrics.prediction(slug, status, ms));
    const logger = new PredictionLogger(
      app.prisma,
      app.log,
      app.database,
      {},
      {
        batch: (rows, seconds, ok) => app.metrics.logBatch(rows, seconds, ok),
      },
    );
    app.decorate('serving', { registry, keys, latency });
    app.decorate('predictionLog', logger);
    // Graceful shutdown (SIGTERM closes the app): the server stops taking connections and waits for in-flight
    // requests, each of which waits for its log commit; then the last rows, the logger's connection, the models.
    app.addHook('onClose', async () => {
      await logger.close();
      await registry.close();
    });
    await app.register(servingRoutes, { prefix: '/v1', registry, keys, logger, latency });
  },
  { name: 'serving', dependencies: ['db', 'ops', 'audit', 'datasets'] },
);
