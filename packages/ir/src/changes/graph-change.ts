import { z } from 'zod';
import {
  graphEdgeSchema,
  graphGroupSchema,
  graphMetaSchema,
  graphNodeSchema,
  idSchema,
  positionSchema,
} from '../graph';

const index = z.number().int().min(0).optional();

// `undefined` (or an absent key) in from/to means "not set", so a change survives a JSON round trip unchanged.
const setMetaSchema = z.discriminatedUnion('key', [
  z.object({
    type: z.literal('set-meta'),
    key: z.literal('name'),
    from: graphMetaSchema.shape.name,
    to: graphMetaSchema.shape.name,
  }),
  z.object({
    type: z.literal('set-meta'),
    key: z.literal('target'),
    from: graphMetaSchema.shape.target,
    to: graphMetaSchema.shape.target,
  }),
  z.object({
    type: z.literal('set-meta'),
    key: z.literal('seed'),
    from: graphMetaSchema.shape.seed,
    to: graphMetaSchema.shape.seed,
  }),
]);

/**
 * One edit of a graph document. Every change carries what it replaces (`from`, the removed node and edges),
 * so it can be inverted for undo and described for the audit trail without the graph at hand.
 */
export const graphChangeSchema = z.union([
  z.object({
    type: z.literal('add-node'),
    node: graphNodeSchema,
    /** Edges added together with the node (undo of a delete, paste); their other endpoints must exist. */
    edges: z.array(graphEdgeSchema).optional(),
    /** Where in `nodes` to insert; appended when absent. */
    index,
  }),
  z.object({
    type: z.literal('remove-node'),
    node: graphNodeSchema,
    /** Every edge touching the node: removing a node removes its wires. */
    edges: z.array(graphEdgeSchema),
    /** Where the node sat, so that undo puts it back there. */
    index,
  }),
  z.object({
    type: z.literal('move-node'),
    id: idSchema,
    from: positionSchema.optional(),
    to: positionSchema.optional(),
  }),
  z.object({
    type: z.literal('set-param'),
    id: idSchema,
    name: z.string().min(1),
    from: z.unknown().optional(),
    to: z.unknown().optional(),
  }),
  z.object({
    type: z.literal('set-label'),
    id: idSchema,
    from: graphNodeSchema.shape.label,
    to: graphNodeSchema.shape.label,
  }),
  z.object({ type: z.literal('add-edge'), edge: graphEdgeSchema, index }),
  z.object({ type: z.literal('remove-edge'), edge: graphEdgeSchema, index }),
  setMetaSchema,
  /** Replaces the graph's groups (group, ungroup, rename, collapse); absent means none. */
  z.object({
    type: z.literal('set-groups'),
    from: z.array(graphGroupSchema).optional(),
    to: z.array(graphGroupSchema).optional(),
  }),
]);

export type GraphChange = z.infer<typeof graphChangeSchema>;
export type GraphChangeType = GraphChange['type'];
/** The change of one given type, e.g. `ChangeOf<'set-param'>`. */
export type ChangeOf<T extends GraphChangeType> = Extract<GraphChange, { type: T }>;
