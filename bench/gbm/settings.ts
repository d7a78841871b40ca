/** The settings both sides use (issue #12): 100 trees, 31 leaves, learning rate 0.1, 255 bins, no early stopping. */
export const SETTINGS = { trees: 100, leaves: 31, learningRate: 0.1, bins: 255, minSamplesLeaf: 20 } as const;
