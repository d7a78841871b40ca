import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';
import { IR_VERSION, graphSchema, type GraphIR } from '../graph';
import { migrateV0ToV1 } from './v0-to-v1';
import { migrateV1ToV2 } from './v1-to-v2';
import { migrateV2ToV3 } from './v2-to-v3';

/** One upgrade step per version: `steps[n]` turns an irVersion n document into an irVersion n + 1 one. */
const steps: Record<number, (doc: unknown) => unknown> = {
  0: migrateV0ToV1,
  1: migrateV1ToV2,
  2: migrateV2ToV3,
};

function invalid(message: string): UserError {
  return new UserError(codeOf('INVALID_DOCUMENT'), message);
}

/** The version a stored document declares: `irVersion`, or `version` in pre-release (0) documents. */
export function documentVersion(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('a graph document must be a JSON object; open a file saved by the Studio');
  }
  const doc = raw as Record<string, unknown>;
  const declared = 'irVersion' in doc ? doc.irVersion : doc.version === 0 ? 0 : undefined;
  if (declared === undefined)
    throw invalid('the document has no irVersion; open a graph saved by the Studio');
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) {
    throw invalid(
      `irVersion ${JSON.stringify(declared)} is not a version number; open a graph saved by the Studio`,
    );
  }
  return declared;
}

/** Upgrades a stored graph of any supported version, step by step, to the current GraphIR; throws UserError. */
export function migrateGraph(raw: unknown): GraphIR {
  let version = documentVersion(raw);
  if (version > IR_VERSION) {
    throw new UserError(
      codeOf('UNSUPPORTED_VERSION'),
      `this graph was saved by a newer Studio (irVersion ${version}; this one reads up to ${IR_VERSION}); upgrade the Studio to open it`,
      { irVersion: version },
    );
  }
  let doc = raw;
  while (version < IR_VERSION) {
    const step = steps[version];
    if (step === undefined)
      throw invalid(`irVersion ${version} was never released; open a graph saved by the Studio`);
    doc = step(doc);
    version += 1;
  }
  const parsed = graphSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'document'}: ${i.message}`)
      .join('; ');
    throw new UserError(
      codeOf('INVALID_DOCUMENT'),
      `the graph cannot be opened (${issues}); fix or re-create it`,
      {
        issues: parsed.error.issues.length,
      },
    );
  }
  return parsed.data;
}

/**
 * A stored graph (a saved version, a bundle's file) as the current GraphIR: a current document as it is, an
 * older one upgraded by `migrateGraph`. For documents the Studio wrote itself; throws UserError otherwise.
 */
export function currentGraph(raw: unknown): GraphIR {
  return documentVersion(raw) === IR_VERSION ? (raw as GraphIR) : migrateGraph(raw);
}
