export { generateTypeScript } from './typescript/generate-typescript';
export {
  generatePyTorch,
  type PyTorchRunFacts,
  type ScriptSplit,
  type ScriptTraining,
} from './pytorch/generate-pytorch';
export type { ScoreRecord, ScorerParams } from './typescript/scorer-runtime';
export { generateTreesTypeScript, treesScorerParams } from './typescript/generate-trees-typescript';
export type { TreesScorerParams } from './typescript/trees-runtime';
export {
  generateJavaScript,
  generateTreesJavaScript,
  toJavaScript,
  type GeneratedJavaScript,
} from './typescript/generate-javascript';
