import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  errorBodySchema,
  routes,
  runCodeQuerySchema,
  runOnnxQuerySchema,
  runParamsSchema,
  under,
} from '@studio/api';
import { loadRunModel, modelCode, modelOnnx } from './model-files';

/** A project name as a safe file name. */
function fileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'model';
}

const CONTENT_TYPE: Record<string, string> = {
  'scorer.ts': 'text/typescript; charset=utf-8',
  'scorer.mjs': 'text/javascript; charset=utf-8',
  'scorer.d.mts': 'text/typescript; charset=utf-8',
  'train.py': 'text/x-python; charset=utf-8',
};

/** A trained run's model files on demand: the ONNX export and the generated scorer or PyTorch script. */
export const modelFilesPlugin = fp(
  async (app) => {
    const fileRoutes: FastifyPluginAsyncZod = async (api) => {
      api.get(
        under('/api', routes.runOnnx),
        {
          schema: {
            tags: ['runs'],
            summary:
              "The run's model with its fitted preprocessing as ONNX (application/octet-stream; fp32, or INT8 QDQ when a Quantize node cleared it)",
            params: runParamsSchema,
            querystring: runOnnxQuerySchema,
            produces: ['application/octet-stream'],
            response: {
              200: z.custom<Buffer>((b) => Buffer.isBuffer(b)),
              404: errorBodySchema,
              409: errorBodySchema,
            },
          },
        },
        async (request, reply) => {
          const { precision, modelNodeId } = request.query;
          const m = await loadRunModel(app.prisma, app.datasets.blobs, request.params.runId, modelNodeId);
          const onnx = Buffer.from(modelOnnx(m, precision));
          return reply
            .type('application/octet-stream')
            .header(
              'content-disposition',
              `attachment; filename="${fileName(m.projectName)}-${m.modelNodeId}-${precision}.onnx"`,
            )
            .send(onnx);
        },
      );

      api.get(
        under('/api', routes.runCode),
        {
          schema: {
            tags: ['runs'],
            summary:
              "Generated code of the run's model: lang=ts (TypeScript scorer), lang=js (plain JavaScript ES module for Node 20, no build step; types=true for its .d.mts), lang=python (PyTorch script)",
            params: runParamsSchema,
            querystring: runCodeQuerySchema,
            produces: ['text/javascript', 'text/typescript', 'text/x-python'],
            response: { 200: z.string(), 404: errorBodySchema, 409: errorBodySchema },
          },
        },
        async (request, reply) => {
          const { lang, types, modelNodeId } = request.query;
          const m = await loadRunModel(app.prisma, app.datasets.blobs, request.params.runId, modelNodeId);
          const files = modelCode(m, lang);
          const name = lang === 'js' ? (types ? 'scorer.d.mts' : 'scorer.mjs') : Object.keys(files)[0]!;
          return reply
            .type(CONTENT_TYPE[name]!)
            .header('content-disposition', `attachment; filename="${name}"`)
            .send(files[name]!);
        },
      );
    };
    await app.register(fileRoutes, { prefix: '/api' });
  },
  { name: 'model-files', dependencies: ['db', 'datasets'] },
);
