import { crc32 } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile as YauzlZipFile } from 'yauzl';
import yazl from 'yazl';
import { isStudioError, type UserError } from '@studio/ir';
import { HttpUserError, userError } from '../http-error';

/**
 * Bundle archives through kept libraries: yazl writes, yauzl reads. Entries are inflated by zlib streams (the
 * thread pool), a chunk at a time, never as one synchronous inflate of the whole bundle on the event loop, and
 * the reader refuses an archive past any of `ZipLimits` from its central directory, before inflating a byte.
 */

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** What one archive may hold once inflated. */
export interface ZipLimits {
  /** Sum of the entries' uncompressed sizes (413 BUNDLE_TOO_LARGE). */
  maxTotalBytes: number;
  /** Number of entries (413 BUNDLE_TOO_MANY_ENTRIES). */
  maxEntries: number;
  /**
   * Uncompressed over compressed size of one entry larger than `ratioFloorBytes` (422 BUNDLE_RATIO_TOO_HIGH).
   * Deflate cannot exceed ~1032:1; CSV, JSON and weights stay far below 100:1, zip bombs far above.
   */
  maxRatio: number;
  /** Entries up to this size are not ratio-checked (a few KB of repeated text compress very well). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** 1980-01-01 00:00 (DOS time starts there): fixed, so equal contents give byte-equal archives. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

function notZip(why: string): UserError {
  return userError(
    'BUNDLE_NOT_ZIP',
    `This file is not a readable zip archive (${why}). Export the project again.`,
  );
}

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;

/** A zip archive (deflate, CRC-32, UTF-8 names; zip64 where an entry needs it). */
export async function writeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries)
    zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.name, {
      mtime: FIXED_MTIME,
      forceDosTimestamp: true,
      compress: true,
    });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function open(buf: Buffer): Promise<YauzlZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false },
      (err, zip) => (err || !zip ? reject(notZip(err?.message ?? 'unreadable')) : resolve(zip)),
    ),
  );
}

function nextEntry(zip: YauzlZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => {
      cleanup();
      resolve(e);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(notZip(err.message));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function openStream(zip: YauzlZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) =>
      err || !stream ? reject(notZip(`${entry.fileName}: ${err?.message ?? 'unreadable'}`)) : resolve(stream),
    ),
  );
}

/** Refuses an entry (before inflating it) whose declared size breaks a cap; returns the new running total. */
function checkDeclared(entry: Entry, totalSoFar: number, limits: ZipLimits): number {
  const name = entry.fileName;
  if (entry.isEncrypted()) throw notZip(`${name} is encrypted`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw notZip(`${name} uses compression method ${entry.compressionMethod}`);
  const total = totalSoFar + entry.uncompressedSize;
  if (total > limits.maxTotalBytes)
    throw new HttpUserError(
      413,
      'BUNDLE_TOO_LARGE',
      `This bundle inflates to more than ${mib(limits.maxTotalBytes)} (the cap on a bundle's uncompressed size); nothing was imported. Export a smaller project, or raise the server's bundle limit.`,
      {},
      { cap: 'maxTotalBytes', limit: limits.maxTotalBytes, declared: total, entry: name },
    );
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio)
    throw new HttpUserError(
      422,
      'BUNDLE_RATIO_TOO_HIGH',
      `${name} would inflate ${Math.round(ratio)}-fold (${mib(entry.uncompressedSize)} from ${entry.compressedSize} bytes), past the cap of ${limits.maxRatio}:1 on one entry; a bundle exported by the Studio never does. Nothing was imported.`,
      {},
      { cap: 'maxRatio', limit: limits.maxRatio, ratio, entry: name },
    );
  return total;
}

/** One entry's bytes, inflated as a stream and checked against its declared size and CRC-32. */
async function readEntry(zip: YauzlZipFile, entry: Entry): Promise<Buffer> {
  const stream = await openStream(zip, entry);
  const chunks: Buffer[] = [];
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      // yauzl stops at the declared size too; this keeps the promise without relying on it.
      if (size > entry.uncompressedSize) throw notZip(`${entry.fileName} inflates past its declared size`);
      crc = crc32(chunk, crc);
      chunks.push(chunk);
    }
  } catch (e) {
    stream.destroy();
    if (isStudioError(e)) throw e;
    throw notZip(`${entry.fileName} does not inflate: ${(e as Error).message}`);
  }
  if (size !== entry.uncompressedSize || crc !== entry.crc32)
    throw notZip(`${entry.fileName} fails its CRC-32 check`);
  return Buffer.concat(chunks, size);
}

/**
 * The files of a zip archive by name, each checked against its CRC-32 and declared size. An archive past
 * `limits` is refused from its central directory (413 BUNDLE_TOO_LARGE / BUNDLE_TOO_MANY_ENTRIES, 422
 * BUNDLE_RATIO_TOO_HIGH) before any entry is inflated; anything else this reader cannot vouch for
 * (truncation, encryption, an unknown method, a bad CRC, an entry larger than declared) is a BUNDLE_NOT_ZIP.
 * Two entries with one name are a BUNDLE_INVALID naming the entry (a Map would silently keep the last).
 */
export async function readZip(buf: Buffer, limits: Partial<ZipLimits> = {}): Promise<Map<string, Buffer>> {
  const caps: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const zip = await open(buf);
  try {
    if (zip.entryCount > caps.maxEntries)
      throw new HttpUserError(
        413,
        'BUNDLE_TOO_MANY_ENTRIES',
        `This bundle holds ${zip.entryCount} files, more than the cap of ${caps.maxEntries}; nothing was imported.`,
        {},
        { cap: 'maxEntries', limit: caps.maxEntries, entries: zip.entryCount },
      );
    // The whole central directory first: a bomb is refused before its first entry is inflated.
    const entries: Entry[] = [];
    const names = new Set<string>();
    let total = 0;
    for (let e = await nextEntry(zip); e; e = await nextEntry(zip)) {
      total = checkDeclared(e, total, caps);
      if (names.has(e.fileName))
        throw userError(
          'BUNDLE_INVALID',
          `The bundle holds two entries named ${e.fileName}, so one of them cannot be read back. Studios before bundle version 2 wrote such bundles when a run was deployed on the ONNX runtime in fp32 and INT8; export the project again from an upgraded Studio.`,
          { entry: e.fileName },
        );
      names.add(e.fileName);
      entries.push(e);
    }
    const files = new Map<string, Buffer>();
    for (const e of entries) files.set(e.fileName, await readEntry(zip, e));
    return files;
  } finally {
    zip.close();
  }
}
