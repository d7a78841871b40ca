import { defaultParams, IR_VERSION, type GraphIR } from '@studio/ir';
import type { ProjectDetail, SaveGraphResponse } from '@studio/api';
import { paths } from '@studio/api/routes';
import { apiFetch } from '../../../api/client';
import { tidyGraph } from '../../editor/layout/tidy';
import { nodeSizeOf } from '../../editor/layout/node-size';

/*
 * Loaded on demand by the new-project flows (import()), so the projects page's own chunk carries neither the op
 * catalogue nor ELK: they come with the first project created.
 */

/**
 * Saves a fresh template project's graph laid out by ELK as its next version ("Tidy layout"), so the canvas
 * opens readable; nothing is saved when the layout moves no node.
 */
export async function layOutTemplateProject(project: ProjectDetail): Promise<void> {
  const head = project.head;
  if (!head) return;
  const graph = head.graph;
  const tidy = await tidyGraph(graph, nodeSizeOf(graph, {}));
  const moved = tidy.nodes.some((n, i) => {
    const p = graph.nodes[i]?.position;
    return !p || p.x !== n.position?.x || p.y !== n.position.y;
  });
  if (!moved) return;
  await apiFetch<SaveGraphResponse>('POST', paths.projectGraph(project.id), {
    graph: tidy,
    baseVersionId: head.id,
    message: 'Tidy layout',
  });
}

/** Saves a blank project's first version: only the Dataset node, on the chosen data, target and left-out columns. */
export async function saveBlankProject(
  projectId: string,
  name: string,
  dataset: { datasetId: string; target: string; exclude: readonly string[] },
): Promise<void> {
  const graph: GraphIR = {
    irVersion: IR_VERSION,
    meta: { name },
    nodes: [
      {
        id: 'dataset',
        op: 'dataset',
        params: { ...defaultParams('dataset'), ...dataset, exclude: [...dataset.exclude] },
        position: { x: 40, y: 40 },
      },
    ],
    edges: [],
  };
  const leftOut = dataset.exclude.length
    ? `; left out ${dataset.exclude.map((c) => `"${c}"`).join(', ')} (ID-like or leaking)`
    : '';
  await apiFetch<SaveGraphResponse>('POST', paths.projectGraph(projectId), {
    graph,
    baseVersionId: null,
    message: `Created blank on the chosen dataset${leftOut}`,
  });
}
