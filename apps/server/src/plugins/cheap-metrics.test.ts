import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { CheapCounter, CheapHistogram } from './cheap-metrics';

describe('cheap metrics', () => {
  it('print the same exposition text and JSON as prom-client fed the same observations', async () => {
    const buckets = [0.001, 0.01, 0.1, 1];
    const theirs = new Registry();
    const ours = new Registry();
    const c = new Counter({
      name: 'c_total',
      help: 'c',
      labelNames: ['slug', 'status'],
      registers: [theirs],
    });
    const h = new Histogram({ name: 'h', help: 'h', labelNames: ['slug'], buckets, registers: [theirs] });
    const cc = new CheapCounter('c_total', 'c', ['slug', 'status'], ours);
    const ch = new CheapHistogram('h', 'h', ['slug'], buckets, ours);
    const values = [0, 0.0005, 0.001, 0.002, 0.05, 0.1, 0.7, 1, 3, 12.5];
    values.forEach((v, i) => {
      const slug = i % 3 === 0 ? 'a' : 'b"\\';
      const status = i % 2 === 0 ? '200' : '400';
      c.inc({ slug, status });
      h.observe({ slug }, v);
      cc.of(slug, status).value++;
      ch.of(slug).observe(v);
    });
    expect(await ours.metrics()).toBe(await theirs.metrics());
    // prom-client's JSON also carries (empty) exemplar fields, which these metrics do not keep.
    const json = async (r: Registry) =>
      (await r.getMetricsAsJSON()).map((m) => ({
        ...m,
        values: m.values.map((v) => ({
          labels: v.labels,
          value: v.value,
          metricName: (v as { metricName?: string }).metricName,
        })),
      }));
    expect(await json(ours)).toEqual(await json(theirs));
    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
