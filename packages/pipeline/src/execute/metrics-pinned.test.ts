import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsCases, metricsOutputs } from './metrics-fixture';

const pinned = JSON.parse(readFileSync(join(import.meta.dirname, 'metrics-pinned.json'), 'utf8')) as Record<
  string,
  unknown
>;

describe('evaluation screen and validation pack are pinned to the bit (metrics-pinned.json)', () => {
  it.each(metricsCases().map((c) => [c.name, c] as const))(
    '%s',
    (name, c) => {
      // toEqual compares numbers exactly: every metric, band and interval as the pinned implementation gave it.
      expect(metricsOutputs(c)).toEqual(pinned[name]);
    },
    120_000,
  );
});
