// Test-only generators (imported by *.test.ts files, never by the package entry): fast-check is a root dev tool.
import fc from 'fast-check';
import { listOps } from '../catalogue';
import { IR_VERSION, type GraphEdge, type GraphIR, type GraphNode } from '../graph';

const ops = listOps();
const opNames = [...ops.map((s) => s.op), 'mystery-op'];
const portNames = [...new Set(ops.flatMap((s) => [...s.inputs, ...s.outputs].map((p) => p.name))), 'nope'];
const paramNames = [...new Set(ops.flatMap((s) => s.fields.map((f) => f.name))), 'typo'];

const paramValue = fc.oneof(
  fc.constantFrom(0, 0.3, 1, 16, -1, 1e9, 0.5, 2.5),
  fc.boolean(),
  fc.constantFrom('', 'default', 'relu', 'adam', 'time', 'retail-pd', 'loans', 'Bad Slug!'),
  fc.constantFrom([], ['income'], ['default']),
  fc.constant(null),
);

/** A node drawn from a small id pool, so two independent graphs share many ids. */
const nodeArb = (id: string): fc.Arbitrary<GraphNode> =>
  fc.record(
    {
      id: fc.constant(id),
      op: fc.constantFrom(...opNames),
      params: fc.dictionary(fc.constantFrom(...paramNames), paramValue, { maxKeys: 4 }),
      label: fc.constantFrom('A', 'Holdout', 'Model'),
      position: fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.constantFrom(0, 40) }),
    },
    { requiredKeys: ['id', 'op', 'params'] },
  );

/** A schema-valid graph whose edges all point at existing nodes (ports may still be wrong or ill-typed). */
export const graphArb: fc.Arbitrary<GraphIR> = fc
  .uniqueArray(fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8'), { maxLength: 8 })
  .chain((ids) => {
    const nodes = fc.tuple(...ids.map(nodeArb)).map((list): GraphNode[] => list);
    const edge = (id: string): fc.Arbitrary<GraphEdge> =>
      fc.record({
        id: fc.constant(id),
        source: fc.record({ node: fc.constantFrom(...ids), port: fc.constantFrom(...portNames) }),
        target: fc.record({ node: fc.constantFrom(...ids), port: fc.constantFrom(...portNames) }),
      });
    const edges =
      ids.length === 0
        ? fc.constant<GraphEdge[]>([])
        : fc
            .uniqueArray(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10'), {
              maxLength: 10,
            })
            .chain((edgeIds) => fc.tuple(...edgeIds.map(edge)).map((list): GraphEdge[] => list));
    const meta = fc.record(
      {
        name: fc.constantFrom('PD', 'Scorecard'),
        target: fc.constantFrom('default', 'bad'),
        seed: fc.constantFrom(1, 42),
      },
      { requiredKeys: ['name'] },
    );
    return fc.record({ irVersion: fc.constant(IR_VERSION), nodes, edges, meta });
  });

/** Sets `value` at a random place inside a JSON-like document (or replaces the whole). */
function corrupt(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || typeof doc !== 'object' || doc === null) return value;
  const [step = 0, ...rest] = path;
  if (Array.isArray(doc)) {
    if (doc.length === 0) return [value];
    const i = step % doc.length;
    return doc.map((item, j) => (j === i ? corrupt(item, rest, value) : item));
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return { [String(step)]: value };
  const key = keys[step % keys.length] as string;
  return { ...doc, [key]: corrupt((doc as Record<string, unknown>)[key], rest, value) };
}

/** Documents that are almost graphs: a valid graph with one random spot replaced by arbitrary JSON. */
export const corruptedGraphArb: fc.Arbitrary<unknown> = fc
  .tuple(graphArb, fc.array(fc.nat(20), { minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([g, path, value]) => corrupt(g, path, value));

/** Pre-release (version 0) documents, some malformed. */
export const v0DocumentArb: fc.Arbitrary<unknown> = fc.record({
  version: fc.constant(0),
  name: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  nodes: fc.array(
    fc.record({
      id: fc.constantFrom('a', 'b', 'c:1', 'x y'),
      type: fc.constantFrom(...opNames),
      config: fc.dictionary(fc.constantFrom(...paramNames), paramValue, { maxKeys: 3 }),
      x: fc.integer(),
      y: fc.integer(),
    }),
    { maxLength: 4 },
  ),
  links: fc.array(
    fc.record({
      from: fc.constantFrom('a:table', 'b:model', 'c:1:train', 'bad', ':x'),
      to: fc.constantFrom('b:table', 'c:1:table', 'a:'),
    }),
    { maxLength: 4 },
  ),
});

function paramsFor(spec: (typeof ops)[number], picks: number[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  spec.fields.forEach((f, i) => {
    const pick = picks[i % picks.length] ?? 0;
    if (f.kind === 'enum' && f.options) params[f.name] = f.options[pick % f.options.length];
    else if (f.required) params[f.name] = f.kind === 'column' ? 'default' : 'x';
    else if ((f.kind === 'integer' || f.kind === 'number') && pick % 3 === 0) params[f.name] = f.max;
  });
  return params;
}

/** Acyclic graphs whose every edge is well typed, so inference runs on unusual but legal combinations. */
export const typedGraphArb: fc.Arbitrary<GraphIR> = fc
  .array(fc.tuple(fc.nat(), fc.array(fc.nat(), { minLength: 8, maxLength: 8 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((picked) => {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const outputs: { node: string; port: string; type: string }[] = [];
    picked.forEach(([opPick, picks], i) => {
      // Mostly ops whose required inputs can be fed, so inference gets deep into the pipeline.
      const feedable = ops.filter((o) =>
        o.inputs.every((p) => !p.required || outputs.some((x) => x.type === p.type)),
      );
      const pool = opPick % 7 === 0 ? ops : feedable;
      const spec = pool[opPick % pool.length] as (typeof ops)[number];
      const id = `n${i + 1}`;
      nodes.push({ id, op: spec.op, params: paramsFor(spec, picks) });
      spec.inputs.forEach((port, j) => {
        const candidates = outputs.filter((o) => o.type === port.type);
        const pick = picks[j] ?? 0;
        if (candidates.length === 0 || (!port.required && pick % 3 === 0) || pick % 11 === 0) return;
        const count = port.multiple ? 1 + (pick % 2) : 1;
        for (let k = 0; k < count; k++) {
          const from = candidates[(pick + k) % candidates.length] as (typeof candidates)[number];
          edges.push({
            id: `e${edges.length + 1}`,
            source: { node: from.node, port: from.port },
            target: { node: id, port: port.name },
          });
        }
      });
      for (const port of spec.outputs) outputs.push({ node: id, port: port.name, type: port.type });
    });
    return { irVersion: IR_VERSION, nodes, edges, meta: { name: 'typed', target: 'default' } };
  });
