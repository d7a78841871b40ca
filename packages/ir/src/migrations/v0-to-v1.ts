import { z } from 'zod';
import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';

/** The pre-release document (irVersion 0): nodes carried `type`/`config`/`x`/`y`, links were "node:port" strings. */
export const v0Schema = z.object({
  version: z.literal(0),
  name: z.string().optional(),
  nodes: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      config: z.record(z.string(), z.unknown()).optional(),
      x: z.number().optional(),
      y: z.number().optional(),
    }),
  ),
  links: z
    .array(z.object({ from: z.string(), to: z.string() }))
    .optional()
    .default([]),
});

const UNTITLED = 'Untitled graph';

// Node ids may contain ":", ports never did: the port is what follows the last colon.
function splitRef(ref: string, where: string): { node: string; port: string } {
  const at = ref.lastIndexOf(':');
  if (at <= 0 || at === ref.length - 1) {
    throw new UserError(
      codeOf('INVALID_LEGACY_DOCUMENT'),
      `${where} is "${ref}", expected "node:port"; fix the link or re-create it in the Studio`,
    );
  }
  return { node: ref.slice(0, at), port: ref.slice(at + 1) };
}

/** Upgrades an irVersion 0 document to the irVersion 1 shape (validated afterwards by the caller). */
export function migrateV0ToV1(raw: unknown): Record<string, unknown> {
  const parsed = v0Schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UserError(
      codeOf('INVALID_LEGACY_DOCUMENT'),
      `this version 0 graph cannot be read (${first?.path.join('.') || 'document'}: ${first?.message}); re-create it in the Studio`,
      { issues: parsed.error.issues.length },
    );
  }
  const doc = parsed.data;
  return {
    irVersion: 1,
    nodes: doc.nodes.map((n) => ({
      id: n.id,
      op: n.type,
      params: n.config ?? {},
      ...(n.x === undefined || n.y === undefined ? {} : { position: { x: n.x, y: n.y } }),
    })),
    edges: doc.links.map((l, i) => ({
      // Version 0 links had no ids; numbering them in document order keeps a re-migration identical.
      id: `link-${i + 1}`,
      source: splitRef(l.from, `links[${i}].from`),
      target: splitRef(l.to, `links[${i}].to`),
    })),
    meta: { name: doc.name?.trim() ? doc.name.trim().slice(0, 200) : UNTITLED },
  };
}
