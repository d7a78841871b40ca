import { StudioError } from '@studio/ir/errors';

/**
 * Yields each JSON value of an NDJSON byte stream as its line completes; chunks may split a line (or a
 * multi-byte character) anywhere, so bytes are decoded in streaming mode and the tail is carried over.
 */
export async function* readNdjson(stream: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let tail = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      tail += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = tail.split('\n');
      tail = done ? '' : (lines.pop() ?? '');
      for (const line of lines) if (line.trim()) yield parseLine(line);
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new StudioError(
      'NDJSON_BAD_LINE',
      'operational',
      `The server sent a line that is not JSON: ${line.slice(0, 80)}. Try the upload again.`,
    );
  }
}
