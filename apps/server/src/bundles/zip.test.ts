import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from './zip';

const entries = [
  { name: 'bundle.json', data: Buffer.from('{"bundleVersion":1}') },
  { name: 'weights/ü.bin', data: Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 7)) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
];

describe('zip', () => {
  it('reads back what it wrote, byte for byte, and writes the same bytes twice', () => {
    const zip = writeZip(entries);
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(files.get(e.name)!.equals(e.data)).toBe(true);
    expect(writeZip(entries).equals(zip)).toBe(true);
  });

  it('is read by Python zipfile (a standard reader) with matching CRCs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), writeZip(entries));
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
      expect(
        readZip(readFileSync(join(dir, 'b.zip')))
          .get('x.txt')!
          .toString(),
      ).toBe('hello '.repeat(100));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what is not a zip, a truncated one, and a flipped byte', () => {
    const zip = writeZip(entries);
    expect(() => readZip(Buffer.from('PK not really'))).toThrow(/not a readable zip/);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(/BUNDLE_NOT_ZIP|not a readable zip/);
    const flipped = Buffer.from(zip);
    flipped[60] = flipped[60]! ^ 0xff;
    expect(() => readZip(flipped)).toThrow(/not a readable zip/);
  });
});
