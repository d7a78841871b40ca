import { META } from '../metadata';
import { decodeModel, encodeModel } from '../protobuf/onnx-codec';
import { DataType, type ModelProto, type ValueInfoProto } from '../protobuf/onnx-types';
import { liveGraph } from './prune';

/** A Studio export cut at its `features` tensor (the transformed, float32 row the network reads). */
export interface FeatureSplit {
  /** The raw columns → `features` (`[N, F]` float): the fitted transforms alone, same inputs as the whole graph. */
  front: Uint8Array;
  /** `features` (`[N, F]` float) → `logit` and `probability`: the network (or linear model) alone. */
  network: Uint8Array;
  /** The names of the F features, in tensor column order. */
  features: string[];
}

const FEATURES = 'features';

/**
 * Cuts an exported network or linear model (`exportOnnx`) in two at its `features` tensor, so that a caller can
 * transform a few records once and run the network on many mixtures of their features (Shapley coalitions). The
 * nodes are the export's own, unchanged, on either side. Null when the graph has no such cut: no `features`
 * tensor made by a Cast, the network reading anything of the front but `features`, or no feature list in the
 * metadata (a tree ensemble's export, or a graph from elsewhere).
 */
export function splitAtFeatures(bytes: Uint8Array): FeatureSplit | null {
  const model = decodeModel(bytes);
  const graph = model.graph;
  const nodes = graph?.node ?? [];
  const initializers = graph?.initializer ?? [];
  const cut = nodes.findIndex(
    (n) => n.opType === 'Cast' && n.output?.length === 1 && n.output[0] === FEATURES,
  );
  const featureList = model.metadataProps?.find((p) => p.key === META.features)?.value;
  if (!graph || cut < 0 || featureList === undefined) return null;
  let features: string[];
  try {
    features = JSON.parse(featureList) as string[];
  } catch {
    return null;
  }
  if (!Array.isArray(features) || !features.every((f) => typeof f === 'string')) return null;

  const front = liveGraph(nodes, initializers, [FEATURES]);
  const rest = nodes.filter((_, k) => k !== cut);
  const outputs = (graph.output ?? []).map((o) => o.name ?? '');
  const network = liveGraph(rest, initializers, outputs);
  // The network side may read only `features` and its own initializers and tensors.
  const own = new Set([
    ...network.nodes.flatMap((n) => n.output ?? []),
    ...network.initializers.map((t) => t.name ?? ''),
  ]);
  for (const name of network.reads) if (name !== FEATURES && !own.has(name)) return null;
  if (!network.reads.has(FEATURES)) return null;

  const featureInfo: ValueInfoProto = {
    name: FEATURES,
    type: {
      tensorType: {
        elemType: DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: features.length }] },
      },
    },
  };
  const part = (g: Partial<NonNullable<ModelProto['graph']>>): Uint8Array =>
    encodeModel({ ...model, graph: { ...graph, valueInfo: [], ...g } });
  return {
    front: part({
      name: `${graph.name ?? 'studio_model'}_front`,
      node: front.nodes,
      initializer: front.initializers,
      output: [featureInfo],
    }),
    network: part({
      name: `${graph.name ?? 'studio_model'}_network`,
      node: network.nodes,
      initializer: network.initializers,
      input: [featureInfo],
    }),
    features,
  };
}
