import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { UserError } from '@studio/ir';
import { userError } from '../http-error';

/** One file of an archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** 1980-01-01 00:00 in DOS format: fixed, so equal contents give byte-equal archives. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** UTF-8 names. */
const FLAG_UTF8 = 0x0800;

function notZip(why: string): UserError {
  return userError(
    'BUNDLE_NOT_ZIP',
    `This file is not a readable zip archive (${why}). Export the project again.`,
  );
}

/** A zip archive (deflate, CRC-32, UTF-8 names, no zip64: entries and archive under 4 GiB). */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The files of a zip archive by name, each checked against its CRC-32 and declared size. Anything this
 * reader cannot vouch for (truncation, zip64, encryption, an unknown method, a bad CRC) is a BUNDLE_NOT_ZIP;
 * two entries with one name are a BUNDLE_INVALID naming the entry (a Map would silently keep the last).
 */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const endAt = findEnd(buf);
  const count = buf.readUInt16LE(endAt + 10);
  let p = buf.readUInt32LE(endAt + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw notZip('broken central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const packedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const localAt = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extra;
    if (flags & 1) throw notZip(`${name} is encrypted`);
    if (localAt + 30 > buf.length || buf.readUInt32LE(localAt) !== LOCAL)
      throw notZip(`${name}: no local header`);
    const start = localAt + 30 + buf.readUInt16LE(localAt + 26) + buf.readUInt16LE(localAt + 28);
    if (start + packedSize > buf.length) throw notZip(`${name} is cut short`);
    const packed = buf.subarray(start, start + packedSize);
    let data: Buffer;
    if (method === 0) data = packed;
    else if (method === 8) {
      try {
        data = inflateRawSync(packed, { maxOutputLength: Math.max(1, size) });
      } catch {
        throw notZip(`${name} does not inflate`);
      }
    } else throw notZip(`${name} uses compression method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw notZip(`${name} fails its CRC-32 check`);
    if (files.has(name))
      throw userError(
        'BUNDLE_INVALID',
        `The bundle holds two entries named ${name}, so one of them cannot be read back. Studios before bundle version 2 wrote such bundles when a run was deployed on the ONNX runtime in fp32 and INT8; export the project again from an upgraded Studio.`,
        { entry: name },
      );
    files.set(name, data);
  }
  return files;
}

function findEnd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) if (buf.readUInt32LE(i) === END) return i;
  throw notZip('no end-of-archive record');
}
