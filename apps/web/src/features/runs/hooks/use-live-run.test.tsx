// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '@studio/api';
import { POLL_MS, useLiveRun, type LiveRunState } from './use-live-run';

/** Stands in for the browser's EventSource: the test opens, drops and feeds the stream. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  static readonly CLOSED = 2;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, l: (e: MessageEvent<string>) => void) {
    this.listeners.set(name, l);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, data: object) {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

const run = {
  id: 'r1',
  projectId: 'p1',
  status: 'running',
  error: null,
  progress: null,
  history: [],
} as unknown as Run;

describe('useLiveRun', () => {
  let root: Root;
  let state: LiveRunState | null = null;
  let client: QueryClient;
  let invalidations: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    vi.useFakeTimers();
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    vi.stubGlobal('EventSource', FakeEventSource);
    client = new QueryClient();
    invalidations = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    function Probe() {
      state = useLiveRun(run, []);
      return null;
    }
    root = createRoot(document.createElement('div'));
    act(() => root.render(createElement(QueryClientProvider, { client }, createElement(Probe))));
  });
  afterEach(() => {
    act(() => root.unmount());
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('polls while the event stream is down, says so, and stops when it is back', () => {
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/runs/r1/events');
    expect(state!.polling).toBe(false);

    act(() => source.onerror!());
    expect(state!.polling).toBe(true);
    const afterDrop = invalidations.mock.calls.length;
    expect(afterDrop).toBeGreaterThan(0);
    act(() => vi.advanceTimersByTime(POLL_MS * 2));
    expect(invalidations.mock.calls.length).toBeGreaterThanOrEqual(afterDrop + 2 * 2); // run and logs, twice

    act(() => source.onopen!());
    expect(state!.polling).toBe(false);
    const afterOpen = invalidations.mock.calls.length;
    act(() => vi.advanceTimersByTime(POLL_MS * 3));
    expect(invalidations.mock.calls.length).toBe(afterOpen);

    // Live events move the run on as before.
    act(() => source.emit('status', { type: 'status', status: 'succeeded', error: null }));
    expect(state!.live?.status).toBe('succeeded');
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });
});
