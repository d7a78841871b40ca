import { z } from 'zod';

/** The GraphIR version this build writes; older documents are upgraded by `migrateGraph`. */
export const IR_VERSION = 3 as const;

/** Node and port ids: short, URL- and diff-friendly. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'use letters, digits, "_", "-", "." or ":"');

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const graphNodeSchema = z.object({
  id: idSchema,
  op: z.string().min(1).max(64),
  params: z.record(z.string(), z.unknown()),
  label: z.string().max(200).optional(),
  position: positionSchema.optional(),
});

export const portRefSchema = z.object({ node: idSchema, port: z.string().min(1).max(64) });

export const graphEdgeSchema = z.object({
  id: idSchema,
  source: portRefSchema,
  target: portRefSchema,
});

export const graphMetaSchema = z.object({
  name: z.string().min(1).max(200),
  target: z.string().max(200).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

/**
 * A subgraph: nodes grouped into one named block (irVersion 3). Purely structural: the lowering flattens groups,
 * so a grouped graph trains exactly like the flat one. The block's typed ports are the edges that cross its
 * boundary (see `groupInterface`); `collapsed` says whether the canvas shows it as one block.
 */
export const graphGroupSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  nodes: z.array(idSchema).max(2000),
  collapsed: z.boolean().optional(),
});

/** The persisted, versioned graph document: the one shape the canvas, server and engine share. */
export const graphSchema = z.object({
  irVersion: z.literal(IR_VERSION),
  nodes: z.array(graphNodeSchema).max(2000),
  edges: z.array(graphEdgeSchema).max(8000),
  /** Named blocks of nodes (absent: none). */
  groups: z.array(graphGroupSchema).max(500).optional(),
  meta: graphMetaSchema,
});

export type GraphIR = z.infer<typeof graphSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type GraphGroup = z.infer<typeof graphGroupSchema>;
export type PortRef = z.infer<typeof portRefSchema>;
export type Position = z.infer<typeof positionSchema>;

/** A validation finding pinned to a node (and port) where possible, so the canvas can show it in place. */
export const diagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  port: z.string().optional(),
  /** The parameter a finding is about, so the inspector can show it beside that field. */
  param: z.string().optional(),
});
export type Diagnostic = z.infer<typeof diagnosticSchema>;

/** An empty graph with the given name. */
export function emptyGraph(name: string): GraphIR {
  return { irVersion: IR_VERSION, nodes: [], edges: [], meta: { name } };
}
