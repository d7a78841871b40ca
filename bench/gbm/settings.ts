/** The settings both sides use (issue #12): 100 trees, 31 leaves, learning rate 0.1, 255 bins, no early stopping. */
export const SETTINGS = { trees: 100, leaves: 31, learningRate: 0.1, bins: 255, minSamplesLeaf: 20 } as const;

/** The engine's training options for SETTINGS (no early stopping, no subsampling), with `threads` threads. */
export function engineOptions(threads: number) {
  return {
    trees: SETTINGS.trees,
    maxLeaves: SETTINGS.leaves,
    maxDepth: 0,
    minSamplesLeaf: SETTINGS.minSamplesLeaf,
    minHessianLeaf: 1e-3,
    learningRate: SETTINGS.learningRate,
    l1: 0,
    l2: 0,
    rowSubsample: 1,
    colSubsample: 1,
    maxBins: SETTINGS.bins,
    seed: 1,
    threads,
    progressEvery: SETTINGS.trees,
  };
}
