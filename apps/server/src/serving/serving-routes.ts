import type { FastifyReply, FastifyRequest } from 'fastify';
import { serializerCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  MAX_BATCH_ROWS,
  batchPredictionSchema,
  errorBodySchema,
  inputInvalidBodySchema,
  predictionSchema,
  type FieldProblem,
  type PredictionWarning,
  routes,
  under,
  slugParamsSchema,
} from '@studio/api';
import { parseCsv, type Row } from '@studio/data';
import { HttpUserError } from '../http-error';
import { presentedKey } from './api-key';
import { checkRecord } from './input-schema';
import type { KeyStore } from './key-store';
import type { ServedModel } from './served-model';
import type { ServedPrediction } from './loaded-model';
import type { PredictionLogger } from './prediction-log';
import { csvRecords, missingColumns } from './csv-records';
import type { ClientLatency } from './client-latency';
import type { ServingRegistry } from './serving-registry';

/** What the serving routes need from the deployments plugin. */
export interface ServingDeps {
  registry: ServingRegistry;
  keys: KeyStore;
  logger: PredictionLogger;
  latency: ClientLatency;
}

/** The refusals' body schemas of the `/v1` routes (serialised with zod, which drops fields they do not name). */
export const refusals = {
  400: inputInvalidBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
};
/**
 * The predict answer is built here field by field in `predictionSchema`'s shape and order and serialised once
 * (JSON.stringify), for the log and the answer alike (zod's encode pass was ~7% of a request); refusals keep
 * zod's serializer.
 */
function predictSerializer(route: {
  schema: unknown;
  method: string;
  url: string;
  httpStatus?: string;
}): (data: unknown) => string {
  if (route.httpStatus === '200') return (data) => JSON.stringify(data);
  return serializerCompiler({ ...route, schema: route.schema as z.ZodType });
}
export const JSON_TYPE = 'application/json; charset=utf-8';
/** Rows scored between two yields to the event loop while a CSV is scored. */
const CSV_CHUNK = 250;

function inputInvalid(problems: FieldProblem[]): HttpUserError {
  const list = problems
    .slice(0, 5)
    .map((p) => `${p.field} (${p.problem})`)
    .join(', ');
  const more = problems.length > 5 ? ` and ${problems.length - 5} more` : '';
  return new HttpUserError(
    400,
    'INPUT_INVALID',
    `The request does not match this deployment's input schema: ${list}${more}. See GET /api/deployments/:id/openapi.`,
    { fields: problems },
  );
}

/** Checks the key, then the slug: the model it serves now. */
async function authorized(deps: ServingDeps, slug: string, request: Pick<FastifyRequest, 'headers'>) {
  await deps.keys.authorize(slug, presentedKey(request.headers));
  return deps.registry.resolve(slug);
}

/**
 * One record scored (`POST /v1/deployments/:slug/predict`), for the Fastify route and the server's own `/v1`
 * path alike (`fast-predict.ts`): the key, the model the slug serves, the input check, scoring, and the log
 * commit; the answer's JSON text once its row has committed. `elapsedMs` is the request's age. When the key
 * and the model are cached (the common case) nothing is awaited before the log: the text comes back at once
 * when the answer is not logged, and refusals are thrown synchronously; otherwise a promise (rejected on
 * refusal). Callers handle both (`await` does).
 */
export function predictOne(
  deps: ServingDeps,
  slug: string,
  headers: FastifyRequest['headers'],
  body: unknown,
  requestId: string,
  elapsedMs: () => number,
): string | Promise<string> {
  const model = deps.keys.allowsCached(slug, presentedKey(headers)) ? deps.registry.cached(slug) : undefined;
  if (model !== undefined) return scoreAndLog(deps, model, body, requestId, elapsedMs);
  return authorized(deps, slug, { headers }).then((m) => scoreAndLog(deps, m, body, requestId, elapsedMs));
}

function scoreAndLog(
  deps: ServingDeps,
  model: ServedModel,
  body: unknown,
  requestId: string,
  elapsedMs: () => number,
): string | Promise<string> {
  const checked = checkRecord(model.identity.fields, body, '', model.identity);
  if (!checked.ok) throw inputInvalid(checked.problems);
  // The native model answers synchronously; awaiting it anyway would cost a turn of the microtask queue.
  const scored = model.predict(checked.row, checked.warnings);
  if (!(scored instanceof Promise)) return answered(deps, model, scored, checked.row, requestId, elapsedMs);
  return scored.then((p) => answered(deps, model, p, checked.row, requestId, elapsedMs));
}

/** The answer's text, once its log row has committed when it is logged (at once when not). */
function answered(
  deps: ServingDeps,
  model: ServedModel,
  prediction: ServedPrediction,
  row: Row,
  requestId: string,
  elapsedMs: () => number,
): string | Promise<string> {
  const text = JSON.stringify({ ...prediction, requestId });
  const pending = logged(deps, model, requestId, row, text, elapsedMs(), new Date());
  return pending ? pending.then(() => text) : text;
}

/**
 * Records one answer and resolves when its row has committed (group commit), so no 200 leaves without its
 * record; a failed write rejects (503 with Retry-After). Unsampled answers resolve at once. `output` may be the
 * answer's JSON text already (the single-record route sends the same text).
 */
function logged(
  deps: ServingDeps,
  model: ServedModel,
  requestId: string,
  inputs: Record<string, unknown>,
  output: Record<string, unknown> | string,
  latencyMs: number,
  at: Date,
): Promise<void> | undefined {
  const rate = model.identity.logSampleRate;
  if (rate <= 0 || (rate < 1 && Math.random() >= rate)) return undefined;
  const { deploymentId, slug, version } = model.identity;
  return deps.logger.record({ deploymentId, slug, version, requestId, inputs, output, latencyMs, at });
}

/**
 * `/v1/deployments/:slug/…`: scoring with an API key; each answer (or sampled answer) is committed to the
 * prediction log before it is sent. The latency clients see (first byte parsed to last byte written) is kept
 * per slug for the stats panel and `/metrics`.
 */
export const servingRoutes: FastifyPluginAsyncZod<ServingDeps> = async (app, deps) => {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  // When the answer's last byte has gone to the socket: Fastify's elapsed time then runs from the request's
  // routing (its headers parsed) to that moment.
  app.addHook('onResponse', (request, reply, done) => {
    const slug = (request.params as { slug?: string } | undefined)?.slug;
    if (slug) deps.latency.observe(slug, reply.statusCode, reply.elapsedTime);
    done();
  });

  app.post(
    under('/v1', routes.predict),
    {
      schema: {
        tags: ['serving'],
        summary: 'Score one applicant: probability of default, score, risk band, up to 4 reason codes',
        params: slugParamsSchema,
        body: z.unknown().describe("one record; fields as in the deployment's OpenAPI document"),
        response: { 200: predictionSchema, ...refusals },
      },
      serializerCompiler: predictSerializer,
    },
    async (request, reply) => {
      const body = await predictOne(
        deps,
        request.params.slug,
        request.headers,
        request.body,
        request.id,
        () => reply.elapsedTime,
      );
      // The answer's text (a string with a JSON content type goes out as is, unserialised).
      return reply.type(JSON_TYPE).send(body as unknown as z.infer<typeof predictionSchema>);
    },
  );

  app.post(
    under('/v1', routes.predictBatch),
    {
      schema: {
        tags: ['serving'],
        summary: `Score up to ${MAX_BATCH_ROWS} applicants (JSON array), answers in the same order`,
        params: slugParamsSchema,
        body: z.unknown().describe('an array of records'),
        response: { 200: batchPredictionSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const model = await authorized(deps, request.params.slug, request);
      const body = request.body;
      if (!Array.isArray(body))
        throw new HttpUserError(400, 'BATCH_NOT_ARRAY', 'Send a JSON array of records.', {
          fields: [{ field: '(body)', problem: 'wrong_type' }],
        });
      if (body.length > MAX_BATCH_ROWS)
        throw new HttpUserError(
          400,
          'BATCH_TOO_LARGE',
          `A batch holds at most ${MAX_BATCH_ROWS} records; got ${body.length}. Split it, or upload a CSV to /predict/csv.`,
        );
      const records: Row[] = [];
      const warnings: PredictionWarning[][] = [];
      const problems: FieldProblem[] = [];
      body.forEach((r: unknown, i) => {
        const checked = checkRecord(model.identity.fields, r, `[${i}].`, model.identity);
        if (checked.ok) {
          records.push(checked.row);
          warnings.push(checked.warnings);
        } else problems.push(...checked.problems);
      });
      if (problems.length > 0) throw inputInvalid(problems);
      const predictions: Awaited<ReturnType<ServedModel['predict']>>[] = [];
      for (const [i, r] of records.entries()) predictions.push(await model.predict(r, warnings[i]));
      const each = reply.elapsedTime / Math.max(1, records.length);
      const at = new Date();
      await Promise.all(
        predictions.map((p, i) => logged(deps, model, `${request.id}#${i}`, records[i]!, p, each, at)),
      );
      return {
        predictions,
        model: model.model(),
        requestId: request.id,
      };
    },
  );

  app.post(
    under('/v1', routes.predictCsv),
    {
      schema: {
        tags: ['serving'],
        summary:
          'Score a CSV (text/csv body, header row). Answers NDJSON: {type:"progress",done,total} every 500 rows, ' +
          '{type:"row",row,...prediction} or {type:"row",row,fields} per record, then {type:"done",rows,failed}',
        params: slugParamsSchema,
        body: z.custom<Buffer>((b) => Buffer.isBuffer(b), 'a text/csv body'),
        response: refusals,
      },
    },
    async (request, reply) => {
      const model = await authorized(deps, request.params.slug, request);
      const table = parseCsv(request.body);
      const absent = missingColumns(model.identity.fields, table);
      if (absent.length > 0) throw inputInvalid(absent.map((field) => ({ field, problem: 'missing' })));
      return streamCsv(deps, model, table, request.id, reply);
    },
  );
};

function streamCsv(
  deps: ServingDeps,
  model: ServedModel,
  table: ReturnType<typeof parseCsv>,
  requestId: string,
  reply: FastifyReply,
): FastifyReply {
  async function* lines(): AsyncGenerator<string> {
    const total = table.rowCount;
    let failed = 0;
    let chunk: string[] = [];
    // A chunk is sent only once its rows have committed.
    let commits: (Promise<void> | undefined)[] = [];
    for (const [i, record] of csvRecords(model.identity.fields, table)) {
      const started = performance.now();
      const checked = checkRecord(model.identity.fields, record, '', model.identity);
      if (!checked.ok) {
        failed++;
        chunk.push(JSON.stringify({ type: 'row', row: i, fields: checked.problems }));
      } else {
        const p = await model.predict(checked.row, checked.warnings);
        chunk.push(JSON.stringify({ type: 'row', row: i, ...p }));
        const commit = logged(
          deps,
          model,
          `${requestId}#${i}`,
          checked.row,
          p,
          performance.now() - started,
          new Date(),
        );
        // Awaited with its chunk; a failure before then must not count as unhandled.
        commit?.catch(() => {});
        commits.push(commit);
      }
      if ((i + 1) % 500 === 0) chunk.push(JSON.stringify({ type: 'progress', done: i + 1, total }));
      if (chunk.length >= CSV_CHUNK) {
        await Promise.all(commits);
        commits = [];
        yield chunk.join('\n') + '\n';
        chunk = [];
        await new Promise((r) => setImmediate(r));
      }
    }
    await Promise.all(commits);
    chunk.push(JSON.stringify({ type: 'done', rows: total, failed }));
    yield chunk.join('\n') + '\n';
  }
  return reply.type('application/x-ndjson').send(Readable.from(lines()));
}
