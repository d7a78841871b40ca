/**
 * Our side of one bench/score sample, in its own process: the deployment's artifacts loaded as the native
 * runtime loads them, the prepared records scored by `scoreRows` (the pipeline's batch path: probability, score,
 * reason codes of a scorecard) and, for reference, one by one through `compileScorer` (what the batch route
 * calls per record).
 * Usage: tsx ours.ts <dir> <blocks>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Row } from '../../packages/data/src/index';
import { compileScorer, loadScoringArtifacts, scoreRows } from '../../packages/pipeline/src/index';
import { args, readJson, report, timeBlocks } from './sample';

const { dir, blocks } = args();
const artifacts = loadScoringArtifacts({
  transforms: new Uint8Array(readFileSync(join(dir, 'transforms.bin'))),
  weights: new Uint8Array(readFileSync(join(dir, 'weights.bin'))),
});
const rows = readJson<Row[]>(dir, 'rows.json');
const probabilities = (scored: { probability: number }[]) => Float32Array.from(scored, (s) => s.probability);
const batch = await timeBlocks(blocks, async () => probabilities(await scoreRows(artifacts, rows)));
const score = compileScorer(artifacts);
const loop = await timeBlocks(blocks, () => probabilities(rows.map((r) => score(r))));
artifacts.model.dispose();
report(dir, 'ours', batch.last, { batch: batch.timing, loop: loop.timing });
