export { generateTypeScript } from './typescript/generate-typescript';
export type { ScoreRecord, ScorerParams } from './typescript/scorer-runtime';
