import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, readZip, writeZip } from './zip';

const entries = [
  { name: 'bundle.json', data: Buffer.from('{"bundleVersion":1}') },
  { name: 'weights/ü.bin', data: Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 7)) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

describe('zip', () => {
  it('reads back what it wrote, byte for byte, and writes the same bytes twice', async () => {
    const zip = await writeZip(entries);
    const files = await readZip(zip);
    expect([...files.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(files.get(e.name)!.equals(e.data)).toBe(true);
    expect((await writeZip(entries)).equals(zip)).toBe(true);
  });

  it('is read by Python zipfile (a standard reader) with matching CRCs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), await writeZip(entries));
      const py = spawnSync(
        'python3',
        [
          '-c',
          'import zipfile,sys;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(len(z.read("weights/ü.bin")))',
          join(dir, 'a.zip'),
        ],
        { encoding: 'utf8' },
      );
      expect(py.stderr).toBe('');
      expect(py.stdout.trim()).toBe('5000');
      // And the other way round: an archive written by Python is read here.
      spawnSync('python3', [
        '-c',
        'import zipfile,sys;z=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED);z.writestr("x.txt","hello "*100);z.close()',
        join(dir, 'b.zip'),
      ]);
      expect((await readZip(readFileSync(join(dir, 'b.zip')))).get('x.txt')!.toString()).toBe(
        'hello '.repeat(100),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what is not a zip, a truncated one, and a flipped byte', async () => {
    const zip = await writeZip(entries);
    await expect(readZip(Buffer.from('PK not really'))).rejects.toThrow(/not a readable zip/);
    await expect(readZip(zip.subarray(0, zip.length - 30))).rejects.toMatchObject({
      code: 'BUNDLE_NOT_ZIP',
    });
    const flipped = Buffer.from(zip);
    flipped[60] = flipped[60]! ^ 0xff;
    await expect(readZip(flipped)).rejects.toThrow(/not a readable zip/);
  });
});

/** A one-entry zip around already deflated bytes, declaring whatever uncompressed size it is told to. */
function oneEntryZip(name: string, deflated: Buffer, declaredSize: number, crc: number): Buffer {
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(local.length + n.length + deflated.length, 16);
  return Buffer.concat([local, n, deflated, central, n, end]);
}

describe('zip caps', () => {
  const BOMB_BYTES = 200 * 1024 * 1024;
  let deflated: Buffer;
  let crc = 0;

  beforeAll(async () => {
    // 200 MB of zeros, deflated a megabyte at a time (the test never holds the 200 MB either).
    const zeros = Buffer.alloc(1024 * 1024);
    const deflate = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    deflate.on('data', (c: Buffer) => out.push(c));
    const done = new Promise((r) => deflate.on('end', r));
    for (let i = 0; i < BOMB_BYTES / zeros.length; i++) {
      crc = crc32(zeros, crc);
      if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
    }
    deflate.end();
    await done;
    deflated = Buffer.concat(out);
  }, 60_000);

  it('refuses a zip bomb that declares its size (200 MB from a few hundred KB) from the directory, in < 2 s', async () => {
    const bomb = oneEntryZip('data/zeros.csv', deflated, BOMB_BYTES, crc);
    expect(bomb.length).toBeLessThan(BOMB_BYTES / 500);
    const started = performance.now();
    const rss = process.memoryUsage().rss;
    await expect(readZip(bomb)).rejects.toMatchObject({
      code: 'BUNDLE_RATIO_TOO_HIGH',
      status: 422,
      details: { cap: 'maxRatio', limit: DEFAULT_ZIP_LIMITS.maxRatio },
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
    // The total-size cap names itself when it is the one crossed.
    await expect(readZip(bomb, { maxRatio: 10_000, maxTotalBytes: 100 * 1024 * 1024 })).rejects.toMatchObject(
      { code: 'BUNDLE_TOO_LARGE', status: 413, details: { cap: 'maxTotalBytes' } },
    );
  });

  it('refuses a zip bomb that lies about its size after inflating no more than it declared, in < 2 s', async () => {
    const liar = oneEntryZip('data/zeros.csv', deflated, 1000, crc);
    const started = performance.now();
    const rss = process.memoryUsage().rss;
    await expect(readZip(liar)).rejects.toMatchObject({ code: 'BUNDLE_NOT_ZIP' });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses more entries than the cap before reading any', async () => {
    const many = await writeZip(
      Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from(`${i}`) })),
    );
    await expect(readZip(many, { maxEntries: 10 })).rejects.toMatchObject({
      code: 'BUNDLE_TOO_MANY_ENTRIES',
      status: 413,
      details: { cap: 'maxEntries', limit: 10, entries: 12 },
    });
    expect((await readZip(many, { maxEntries: 12 })).size).toBe(12);
  });
});
