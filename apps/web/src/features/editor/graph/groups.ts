import type { Node } from '@xyflow/react';
import {
  groupInterface,
  groupsOf,
  type Diagnostic,
  type GraphChange,
  type GraphGroup,
  type GraphIR,
  type GroupPort,
  type Position,
} from '@studio/ir';
import type { FlowEdge, OpFlowNode } from './flow-types';

/** Canvas ids of group blocks and frames: "/" never occurs in a GraphIR id, so they cannot collide with nodes. */
export const BLOCK_PREFIX = 'group/';
export const FRAME_PREFIX = 'frame/';
export const blockId = (groupId: string) => `${BLOCK_PREFIX}${groupId}`;
export const groupIdOfBlock = (id: string) =>
  id.startsWith(BLOCK_PREFIX) ? id.slice(BLOCK_PREFIX.length) : null;
/** Handle ids on a block: the inner port they stand for. */
export const inHandle = (p: Pick<GroupPort, 'key'>) => `in:${p.key}`;
export const outHandle = (p: Pick<GroupPort, 'key'>) => `out:${p.key}`;

export type GroupBlockData = {
  group: GraphGroup;
  inputs: GroupPort[];
  outputs: GroupPort[];
  diagnostics: Diagnostic[];
  onToggle?: (groupId: string) => void;
};
export type GroupBlockNode = Node<GroupBlockData, 'group-block'>;
/** `part`: 0 for the frame with the name and button, 1.. for the extra frames of a group split across rows. */
export type GroupFrameData = { group: GraphGroup; part: number; onToggle?: (groupId: string) => void };
export type GroupFrameNode = Node<GroupFrameData, 'group-frame'>;
export type CanvasNode = OpFlowNode | GroupBlockNode | GroupFrameNode;

const FALLBACK = { width: 200, height: 90 };
const PAD = 24;
const HEADER = 28;

/** The groups that can be drawn: known member nodes, each node in its first group only, no empty ones. */
export function drawableGroups(graph: GraphIR): { group: GraphGroup; members: string[] }[] {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const owned = new Set<string>();
  const out: { group: GraphGroup; members: string[] }[] = [];
  for (const group of groupsOf(graph)) {
    const members = group.nodes.filter((id) => nodeIds.has(id) && !owned.has(id));
    members.forEach((id) => owned.add(id));
    if (members.length > 0) out.push({ group, members });
  }
  return out;
}

/**
 * The canvas as the analyst sees it: every collapsed group replaced by one block node whose typed ports are
 * the group's interface, with crossing edges redrawn to and from the block and inner edges hidden; every
 * expanded group framed with its name. A pure view over the stored graph, which keeps every node, so
 * validation, training and saving never see the difference.
 */
export function collapseView(
  graph: GraphIR,
  flow: { nodes: OpFlowNode[]; edges: FlowEdge[] },
  view: {
    measured?: Readonly<Record<string, { width: number; height: number }>>;
    selectedNodes?: ReadonlySet<string>;
    diagnostics?: readonly Diagnostic[];
    onToggle?: (groupId: string) => void;
  } = {},
): { nodes: CanvasNode[]; edges: FlowEdge[] } {
  const groups = drawableGroups(graph);
  if (groups.length === 0) return flow;
  const position = new Map(flow.nodes.map((n) => [n.id, n.position]));
  const hiddenBy = new Map<string, string>();
  const blocks: GroupBlockNode[] = [];
  const frames: GroupFrameNode[] = [];
  for (const { group, members } of groups) {
    const box = bounds(members.map((id) => ({ at: position.get(id), size: view.measured?.[id] })));
    if (group.collapsed) {
      members.forEach((id) => hiddenBy.set(id, blockId(group.id)));
      const face = groupInterface(graph, { ...group, nodes: members });
      const inside = new Set(members);
      blocks.push({
        id: blockId(group.id),
        type: 'group-block',
        // At its first member's place: a spot the layout kept free for that node.
        position: position.get(members[0] as string) ?? { x: box.x, y: box.y },
        selected: view.selectedNodes?.has(blockId(group.id)) ?? false,
        data: {
          group,
          inputs: face.inputs,
          outputs: face.outputs,
          diagnostics: (view.diagnostics ?? []).filter((d) => d.nodeId !== undefined && inside.has(d.nodeId)),
          ...(view.onToggle ? { onToggle: view.onToggle } : {}),
        },
        ...(view.measured?.[blockId(group.id)] ? { measured: view.measured[blockId(group.id)] } : {}),
      });
    } else {
      // One frame around the group, unless that box would also take in other nodes (a layout wrapped in rows):
      // then a frame around each member, the first one carrying the name and the Collapse button.
      const inside = new Set(members);
      const others = flow.nodes.filter((n) => !inside.has(n.id));
      const covers = others.some((n) => overlaps(box, { at: n.position, size: view.measured?.[n.id] }));
      const boxes = covers
        ? members.map((id) => bounds([{ at: position.get(id), size: view.measured?.[id] }]))
        : [box];
      const pad = covers ? 8 : PAD;
      boxes.forEach((b, i) => {
        frames.push({
          id: `${FRAME_PREFIX}${group.id}${i === 0 ? '' : `/${i}`}`,
          type: 'group-frame',
          position: { x: b.x - pad, y: b.y - pad - HEADER },
          style: { width: b.width + 2 * pad, height: b.height + 2 * pad + HEADER },
          selectable: false,
          draggable: false,
          connectable: false,
          focusable: false,
          zIndex: -1,
          data: { group, part: i, ...(view.onToggle ? { onToggle: view.onToggle } : {}) },
        });
      });
    }
  }
  const nodes: CanvasNode[] = [...frames, ...flow.nodes.filter((n) => !hiddenBy.has(n.id)), ...blocks];
  const edges: FlowEdge[] = [];
  for (const e of flow.edges) {
    const src = hiddenBy.get(e.source);
    const dst = hiddenBy.get(e.target);
    if (src !== undefined && src === dst) continue; // inside one collapsed block
    edges.push({
      ...e,
      ...(src !== undefined
        ? { source: src, sourceHandle: outHandle({ key: `${e.source}.${e.sourceHandle}` }) }
        : {}),
      ...(dst !== undefined
        ? { target: dst, targetHandle: inHandle({ key: `${e.target}.${e.targetHandle}` }) }
        : {}),
    });
  }
  return { nodes, edges };
}

function bounds(items: { at: Position | undefined; size: { width: number; height: number } | undefined }[]) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { at, size } of items) {
    if (!at) continue;
    const s = size ?? FALLBACK;
    x0 = Math.min(x0, at.x);
    y0 = Math.min(y0, at.y);
    x1 = Math.max(x1, at.x + s.width);
    y1 = Math.max(y1, at.y + s.height);
  }
  if (!Number.isFinite(x0)) return { x: 0, y: 0, width: FALLBACK.width, height: FALLBACK.height };
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

function overlaps(
  box: { x: number; y: number; width: number; height: number },
  item: { at: Position; size: { width: number; height: number } | undefined },
): boolean {
  const s = item.size ?? FALLBACK;
  return (
    item.at.x < box.x + box.width &&
    item.at.x + s.width > box.x &&
    item.at.y < box.y + box.height &&
    item.at.y + s.height > box.y
  );
}

/** Canvas selection to node ids: a selected block stands for all its member nodes. */
export function expandSelection(graph: GraphIR, ids: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const gid = groupIdOfBlock(id);
    if (gid === null) out.add(id);
    else
      groupsOf(graph)
        .find((g) => g.id === gid && g.collapsed)
        ?.nodes.forEach((n) => out.add(n));
  }
  return [...out];
}

/** The groups with `removed` nodes taken out (and groups left empty dropped), or null when nothing changes. */
export function pruneGroupsChange(graph: GraphIR, removed: ReadonlySet<string>): GraphChange | null {
  const from = groupsOf(graph);
  if (!from.some((g) => g.nodes.some((id) => removed.has(id)))) return null;
  const to = from
    .map((g) => ({ ...g, nodes: g.nodes.filter((id) => !removed.has(id)) }))
    .filter((g) => g.nodes.length > 0);
  return { type: 'set-groups', from: graph.groups, to };
}

/** Moves of every member node when a collapsed block is dragged to `to` (the block sits at its first member's place). */
export function blockMoveChanges(graph: GraphIR, groupId: string, to: Position): GraphChange[] {
  const group = groupsOf(graph).find((g) => g.id === groupId);
  if (!group) return [];
  const members = graph.nodes.filter((n) => group.nodes.includes(n.id) && n.position);
  if (members.length === 0) return [];
  const first = group.nodes.find((id) => graph.nodes.some((n) => n.id === id));
  const anchor = graph.nodes.find((n) => n.id === first)?.position;
  if (!anchor) return [];
  const [dx, dy] = [to.x - anchor.x, to.y - anchor.y];
  if (dx === 0 && dy === 0) return [];
  return members.map((n) => ({
    type: 'move-node',
    id: n.id,
    from: n.position,
    to: { x: Math.round(n.position!.x + dx), y: Math.round(n.position!.y + dy) },
  }));
}
