import { describe, expect, it } from 'vitest';
import { InProcessJobQueue } from './job-queue';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('InProcessJobQueue', () => {
  it('runs one job at a time in order, dequeues waiting jobs and aborts the running one', async () => {
    const log: string[] = [];
    let release: (() => void) | undefined;
    const q = new InProcessJobQueue(
      (id, signal) =>
        new Promise<void>((resolve) => {
          log.push(`start ${id}`);
          release = () => {
            log.push(`end ${id}`);
            resolve();
          };
          signal.addEventListener('abort', () => {
            log.push(`abort ${id}`);
            resolve();
          });
        }),
      () => {},
    );
    q.enqueue('a');
    q.enqueue('b');
    q.enqueue('c');
    await tick();
    expect(log).toEqual(['start a']);
    expect(await q.cancel('b')).toBe('dequeued');
    release!();
    await tick();
    expect(log).toEqual(['start a', 'end a', 'start c']);
    expect(await q.cancel('c')).toBe('aborted');
    expect(log.at(-1)).toBe('abort c');
    expect(await q.cancel('zzz')).toBe('unknown');
    await q.close();
  });

  it('reports a job that throws and carries on with the next', async () => {
    const errors: string[] = [];
    const ran: string[] = [];
    const q = new InProcessJobQueue(
      async (id) => {
        ran.push(id);
        if (id === 'bad') throw new TypeError('boom');
      },
      (id) => errors.push(id),
    );
    q.enqueue('bad');
    q.enqueue('good');
    await tick();
    expect(errors).toEqual(['bad']);
    expect(ran).toEqual(['bad', 'good']);
  });
});
