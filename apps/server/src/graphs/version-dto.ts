import type { GraphVersion, GraphVersionSummary } from '@studio/api';
import { currentGraph } from '@studio/ir';
import type { GraphVersionRow } from '../db/prisma-types';

/** A version row joined with its author, as the services read it. */
export type VersionWithAuthor = GraphVersionRow & { author: { id: string; name: string } };

/** Prisma `include` that loads what `toVersionSummary` needs. */
export const withAuthor = { author: { select: { id: true, name: true } } } as const;

/** The wire summary of a version (no graph). */
export function toVersionSummary(row: VersionWithAuthor): GraphVersionSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    number: row.number,
    hash: row.hash,
    parentId: row.parentId,
    message: row.message,
    author: { id: row.author.id, name: row.author.name },
    createdAt: row.createdAt.toISOString(),
  };
}

/** The wire version with its graph (a version saved by an older Studio is upgraded to the current IR). */
export function toVersion(row: VersionWithAuthor): GraphVersion {
  return { ...toVersionSummary(row), graph: currentGraph(row.graph) };
}
