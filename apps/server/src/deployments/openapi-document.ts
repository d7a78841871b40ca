import type { Deployment, InputField } from '@studio/api';
import { MAX_BATCH_ROWS } from '@studio/api';

/** A value of the field that passes validation (strict or not): a typical one from the training data. */
function exampleValue(f: InputField, strict: boolean): unknown {
  switch (f.type) {
    case 'numeric':
      if (typeof f.reference === 'number') return f.reference;
      return f.min !== undefined && f.max !== undefined ? Math.round((f.min + f.max) / 2) : 0;
    case 'categorical':
      return typeof f.reference === 'string' ? f.reference : (f.categories?.[0] ?? '');
    case 'boolean': {
      const b = typeof f.reference === 'boolean' ? f.reference : false;
      return !strict && f.words ? f.words[String(b) as 'true' | 'false'] : b;
    }
    case 'date':
      return typeof f.reference === 'string' ? f.reference.slice(0, 10) : '2024-01-31';
  }
}

/** What a field accepts, in words: its type, what lenient checking also takes, its range and an example. */
function fieldDescription(f: InputField, strict: boolean): string {
  const parts: string[] = [];
  if (f.used === false) parts.push('Optional: this model does not read it, so it is ignored.');
  if (f.type === 'numeric') {
    parts.push(strict ? 'A number.' : 'A number, or numeric text ("35").');
    if (f.min !== undefined)
      parts.push(`Seen in training: ${f.min} to ${f.max}; values outside are scored too.`);
  } else if (f.type === 'boolean') {
    const words = f.words ? `"${f.words.true}" / "${f.words.false}"` : '"yes" / "no", "true" / "false"';
    parts.push(strict ? 'true or false (or 1 / 0).' : `true or false, 1 / 0, or the CSV's words ${words}.`);
  } else if (f.type === 'categorical') {
    parts.push(
      strict
        ? 'One of the categories seen in training.'
        : 'Text; a category not seen in training is scored like a missing value, with a warning in the answer.',
    );
  } else parts.push('An ISO 8601 date.');
  if (f.nullable) parts.push(strict ? 'null when missing.' : 'null (or "", "NA") when missing.');
  return parts.join(' ');
}

function fieldSchema(f: InputField, strict: boolean): Record<string, unknown> {
  const example = exampleValue(f, strict);
  const lenientText = (pattern: string) => (strict ? [] : [{ type: 'string', pattern }]);
  const base: Record<string, unknown> =
    f.type === 'numeric'
      ? {
          anyOf: [
            { type: 'number' },
            ...lenientText('^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$'),
          ],
        }
      : f.type === 'categorical'
        ? strict
          ? { type: 'string', enum: f.categories }
          : { type: 'string', examples: f.categories }
        : f.type === 'boolean'
          ? {
              anyOf: [
                { type: 'boolean' },
                { enum: [0, 1] },
                ...(strict
                  ? []
                  : [
                      {
                        type: 'string',
                        enum: [
                          '1',
                          '0',
                          ...BOOLEAN_WORDS,
                          ...(f.words ? [f.words.true, f.words.false] : []),
                        ].filter((w, i, all) => all.indexOf(w) === i),
                      },
                    ]),
              ],
            }
          : { type: 'string', format: 'date' };
  const typed = f.nullable
    ? 'anyOf' in base
      ? { anyOf: [...(base.anyOf as unknown[]), { type: 'null' }] }
      : { ...base, type: [base.type, 'null'] }
    : base;
  return { ...typed, description: fieldDescription(f, strict), example, 'x-studio-type': f.type };
}

/** The boolean words the CSV reader (@studio/data) knows. */
const BOOLEAN_WORDS = [
  'true',
  'false',
  'True',
  'False',
  'TRUE',
  'FALSE',
  'yes',
  'no',
  'Yes',
  'No',
  'YES',
  'NO',
];

/** A record every field of which is valid: the example body of the document and of its curl line. */
export function exampleRecord(fields: readonly InputField[], strict = false): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter((f) => f.used !== false).map((f) => [f.name, exampleValue(f, strict)]),
  );
}

/** The ready-to-paste curl call of a deployment. */
export function curlExample(baseUrl: string, d: Deployment): string {
  const body = JSON.stringify(exampleRecord(d.inputSchema, d.strict));
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
    description: d.strict
      ? 'Strict input checking: JSON types only, known categories only, no fields outside the schema.'
      : 'A training-CSV row as its file writes it is accepted; fields outside the schema (the target, ids) are ignored.',
    additionalProperties: !d.strict,
    required: d.inputSchema.filter((f) => f.used !== false).map((f) => f.name),
    properties: Object.fromEntries(d.inputSchema.map((f) => [f.name, fieldSchema(f, d.strict)])),
  };
  const reason = {
    type: 'object',
    properties: {
      code: { type: 'string' },
      characteristic: { type: 'string' },
      value: { type: 'string' },
      points: {
        type: 'number',
        description:
          "score points lost: against the characteristic's best bin (scorecards), or the column's Shapley share of the log-odds against a typical applicant times PDO / ln 2 (other models)",
      },
    },
  };
  const prediction = {
    type: 'object',
    properties: {
      probability: { type: 'number', description: 'probability of default' },
      score: { type: 'integer', description: 'whole points (PDO scaling)' },
      riskBand: { type: 'string', description: 'A (<2% PD), B (<5%), C (<10%), D (<20%), E' },
      reasons: { type: 'array', maxItems: 4, items: reason },
      warnings: {
        type: 'array',
        description: 'what was accepted but deserves a look, e.g. a category not seen in training',
        items: {
          type: 'object',
          properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
        },
      },
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
  const example = exampleRecord(d.inputSchema, d.strict);
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
