import fp from 'fastify-plugin';
import { ClientLatency } from './client-latency';
import { KeyStore } from './key-store';
import { PredictionLogger } from './prediction-log';
import { fastPredict, type RawHandler } from './fast-predict';
import { servingRoutes } from './serving-routes';
import { ServingRegistry } from './serving-registry';

/** What the management API (`deployments/`) uses of serving: the loaded models and the slugs' keys. */
export interface Serving {
  registry: ServingRegistry;
  keys: KeyStore;
  /** The latency clients saw per slug (this process), for the stats panel. */
  latency: ClientLatency;
  /** Requests the predict route's own path below Fastify took (`fast-predict.ts`) in this process. */
  rawPath: { taken: number };
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
export const servingPlugin = fp<{ onRawHandler?: (handler: RawHandler) => void }>(
  async (app, opts) => {
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
    const rawPath = { taken: 0 };
    app.decorate('serving', { registry, keys, latency, rawPath });
    app.decorate('predictionLog', logger);
    // Graceful shutdown (SIGTERM closes the app): the server stops taking connections and waits for in-flight
    // requests, each of which waits for its log commit; then the last rows, the logger's connection, the models.
    app.addHook('onClose', async () => {
      await logger.close();
      await registry.close();
    });
    await app.register(servingRoutes, { prefix: '/v1', registry, keys, logger, latency });
    // The predict route's own path below Fastify, for requests that reach the server's socket.
    opts.onRawHandler?.(fastPredict(app, { registry, keys, logger, latency }, rawPath));
  },
  { name: 'serving', dependencies: ['db', 'ops', 'audit', 'datasets', 'hardening'] },
);
