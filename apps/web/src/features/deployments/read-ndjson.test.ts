import { describe, expect, it } from 'vitest';
import { readNdjson } from './read-ndjson';

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const v of readNdjson(stream)) out.push(v);
  return out;
}

describe('readNdjson', () => {
  it('yields values whose lines are split across chunks, including inside a UTF-8 character', async () => {
    const bytes = new TextEncoder().encode('{"a":1}\n{"b":"é"}\n\n{"c":3}');
    const at = bytes.indexOf(0xc3) + 1;
    const chunks = [bytes.slice(0, 3), bytes.slice(3, at), bytes.slice(at)];
    expect(await collect(streamOf(chunks))).toEqual([{ a: 1 }, { b: 'é' }, { c: 3 }]);
  });

  it('says which line was not JSON', async () => {
    await expect(collect(streamOf([new TextEncoder().encode('{"a":1}\nnope\n')]))).rejects.toThrow(
      'not JSON: nope',
    );
  });
});
