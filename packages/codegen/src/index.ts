export { generateTypeScript } from './typescript/generate-typescript';
export { generatePyTorch } from './pytorch/generate-pytorch';
export type { ScoreRecord, ScorerParams } from './typescript/scorer-runtime';
