/** Accumulates the nodes and initializers of one ONNX graph, handing out unique tensor names. */
import type { AttributeProto, NodeProto, TensorProto } from '../protobuf/onnx-types';

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly #used = new Set<string>();

  /** Reserves a tensor name: `hint` itself when free, otherwise `hint_2`, `hint_3`, … */
  name(hint: string): string {
    let name = hint;
    for (let k = 2; this.#used.has(name); k++) name = `${hint}_${k}`;
    this.#used.add(name);
    return name;
  }

  /** Adds an initializer made by `make` under a fresh name derived from `hint`; returns the name. */
  constant(hint: string, make: (name: string) => TensorProto): string {
    const t = make(this.name(hint));
    this.initializers.push(t);
    return t.name!;
  }

  /** Adds a node with `outputs` fresh outputs named from `hint`; returns their names. */
  nodeN(
    opType: string,
    inputs: readonly string[],
    hint: string,
    outputs: number,
    attribute: AttributeProto[] = [],
    domain = '',
  ): string[] {
    const names = Array.from({ length: outputs }, (_, k) => this.name(outputs === 1 ? hint : `${hint}_${k}`));
    this.nodes.push({
      opType,
      input: [...inputs],
      output: names,
      name: this.name(`${opType}_${names[0]}`),
      attribute,
      ...(domain ? { domain } : {}),
    });
    return names;
  }

  /** Adds a single-output node; returns its output name. */
  node(
    opType: string,
    inputs: readonly string[],
    hint: string,
    attribute: AttributeProto[] = [],
    domain = '',
  ): string {
    return this.nodeN(opType, inputs, hint, 1, attribute, domain)[0]!;
  }

  /** Adds a single-output node whose output takes the exact name `output`, reserved earlier with `name`. */
  nodeTo(opType: string, inputs: readonly string[], output: string): void {
    this.nodes.push({ opType, input: [...inputs], output: [output], name: this.name(`${opType}_${output}`) });
  }

  /** Marks a name as taken by something outside this builder (a graph input). */
  reserve(name: string): void {
    this.#used.add(name);
  }
}
