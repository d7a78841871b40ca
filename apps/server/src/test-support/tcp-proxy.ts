import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between the app and a real PostgreSQL, for tests that take the database away without mocking
 * it: `forward` relays bytes; `refuse` cuts every open connection and resets new ones (a stopped server or a
 * terminated backend); `blackhole` keeps connections open and delivers nothing either way (a hung server or a
 * dropped network), so only timeouts end a request.
 */
export interface TcpProxy {
  port: number;
  mode: 'forward' | 'refuse' | 'blackhole';
  set(mode: TcpProxy['mode']): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let mode: TcpProxy['mode'] = 'forward';
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    // Accepted in blackhole mode: held open, never relayed.
    if (mode === 'blackhole') return;
    const upstream = connect(targetPort, targetHost);
    track(upstream);
    client.on('data', (d) => {
      if (proxy.mode === 'forward') upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (proxy.mode === 'forward') client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const proxy: TcpProxy = {
    port: typeof address === 'object' && address ? address.port : 0,
    mode,
    set(next) {
      mode = next;
      proxy.mode = next;
      if (next === 'refuse') for (const s of sockets) s.resetAndDestroy();
      // Back to forward: connections that lost bytes in the blackhole are cut; clients open new ones.
      if (next === 'forward') for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
