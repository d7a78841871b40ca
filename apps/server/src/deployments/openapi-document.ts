import type { Deployment, InputField } from '@studio/api';
import { MAX_BATCH_ROWS } from '@studio/api';

/** A value of the field that passes validation, for the example request. */
function exampleValue(f: InputField): unknown {
  switch (f.type) {
    case 'numeric':
      return f.min !== undefined && f.max !== undefined ? Math.round((f.min + f.max) / 2) : 0;
    case 'categorical':
      return f.categories?.[0] ?? '';
    case 'boolean':
      return false;
    case 'date':
      return '2024-01-31';
  }
}

function fieldSchema(f: InputField): Record<string, unknown> {
  const base: Record<string, unknown> =
    f.type === 'numeric'
      ? {
          type: 'number',
          ...(f.min !== undefined
            ? { description: `seen in training: ${f.min} to ${f.max}; values outside are scored too` }
            : {}),
        }
      : f.type === 'categorical'
        ? { type: 'string', enum: f.categories }
        : f.type === 'boolean'
          ? { type: 'boolean' }
          : { type: 'string', format: 'date' };
  return f.nullable ? { ...base, type: [base.type, 'null'] } : base;
}

/** A record every field of which is valid: the example body of the document and of its curl line. */
export function exampleRecord(fields: readonly InputField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, exampleValue(f)]));
}

/** The ready-to-paste curl call of a deployment. */
export function curlExample(baseUrl: string, d: Deployment): string {
  const body = JSON.stringify(exampleRecord(d.inputSchema));
  return [
    `curl -X POST '${baseUrl}${d.url}'`,
    `  -H "Authorization: Bearer $STUDIO_API_KEY"`,
    `  -H 'Content-Type: application/json'`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join(' \\\n');
}

/** An OpenAPI 3.1 document of one deployment: its input schema, answers, errors and a curl example. */
export function deploymentOpenApi(baseUrl: string, d: Deployment): Record<string, unknown> {
  const record = {
    type: 'object',
    additionalProperties: false,
    required: d.inputSchema.map((f) => f.name),
    properties: Object.fromEntries(d.inputSchema.map((f) => [f.name, fieldSchema(f)])),
  };
  const reason = {
    type: 'object',
    properties: {
      code: { type: 'string' },
      characteristic: { type: 'string' },
      value: { type: 'string' },
      points: { type: 'number', description: 'points lost against the best bin' },
    },
  };
  const prediction = {
    type: 'object',
    properties: {
      probability: { type: 'number', description: 'probability of default' },
      score: { type: 'number' },
      riskBand: { type: 'string', description: 'A (<2% PD), B (<5%), C (<10%), D (<20%), E' },
      reasons: { type: 'array', maxItems: 4, items: reason },
      model: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          version: { type: 'integer' },
          artifactHash: { type: 'string' },
        },
      },
      requestId: { type: 'string' },
    },
  };
  const error = {
    type: 'object',
    properties: {
      code: { type: 'string' },
      message: { type: 'string' },
      requestId: { type: 'string' },
      fields: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            field: { type: 'string' },
            problem: {
              type: 'string',
              enum: ['missing', 'extra', 'wrong_type', 'not_finite', 'unknown_category', 'not_nullable'],
            },
          },
        },
      },
    },
  };
  const errors = {
    '400': {
      description: 'invalid input (each wrong field named)',
      content: { 'application/json': { schema: error } },
    },
    '401': { description: 'missing or wrong API key', content: { 'application/json': { schema: error } } },
    '403': { description: 'revoked API key', content: { 'application/json': { schema: error } } },
    '404': { description: 'not deployed', content: { 'application/json': { schema: error } } },
  };
  const example = exampleRecord(d.inputSchema);
  return {
    openapi: '3.1.0',
    info: {
      title: d.name,
      version: String(d.version),
      description: `Probability of default, score, risk band and reason codes from "${d.name}" (v${d.version}, artifact ${d.artifactHash.slice(0, 12)}).`,
    },
    servers: [{ url: baseUrl }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
    paths: {
      [d.url]: {
        post: {
          summary: 'Score one applicant',
          requestBody: { required: true, content: { 'application/json': { schema: record, example } } },
          responses: {
            '200': { description: 'the prediction', content: { 'application/json': { schema: prediction } } },
            ...errors,
          },
          'x-curl-example': curlExample(baseUrl, d),
        },
      },
      [`${d.url}/batch`]: {
        post: {
          summary: `Score up to ${MAX_BATCH_ROWS} applicants`,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'array', maxItems: MAX_BATCH_ROWS, items: record } },
            },
          },
          responses: { '200': { description: 'one prediction per record, in order' }, ...errors },
        },
      },
    },
  };
}
