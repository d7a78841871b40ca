// The differential contract of `parseCsv` (see read-csv-differential.test.ts), shared with the engine's test of
// the native cell reader (packages/engine/src/csv.test.ts): what a read gives, and the boundary cases.
import type { Table } from '../table';
import type { ReadCsvOptions } from './read-csv';

/** A read's table as plain arrays (NaN equals NaN, -0 differs from 0 under toEqual), or its error's code, message, details. */
export function csvReadOutcome(read: () => Table): unknown {
  try {
    const t = read();
    return {
      rowCount: t.rowCount,
      columns: t.columns.map((c) =>
        'codes' in c
          ? { name: c.name, type: c.type, levels: c.levels, codes: [...c.codes] }
          : // Arrays of numbers compare NaN equal to NaN and tell -0 from 0 (Object.is), as wanted here.
            { name: c.name, type: c.type, values: [...c.values] },
      ),
    };
  } catch (e) {
    const err = e as { code?: string; message?: string; details?: unknown };
    return { error: { code: err.code, message: err.message, details: err.details } };
  }
}

/** CSVs at the reader's edges: quoted newlines across the sample's end, lone CR, CRLF, blank lines, BOM, errors. */
export function csvBoundaryCases(): [Uint8Array, ReadCsvOptions][] {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i},${i % 3 === 0 ? '' : i * 0.5}`);
  const cases: [string, ReadCsvOptions][] = [
    ['a,b\n' + rows(10).join('\n'), { inferRows: 4 }],
    ['a,b\n' + rows(10).join('\n') + '\n', { inferRows: 4 }],
    ['a,b\n' + rows(4).join('\n') + '\n', { inferRows: 4 }],
    ['a,b\n' + rows(5).join('\n'), { inferRows: 4 }],
    ['a,b\r\n' + rows(10).join('\r\n') + '\r\n', { inferRows: 4 }],
    ['a,b\r' + rows(10).join('\r') + '\r', { inferRows: 4 }],
    ['a,b\n1,2\n3,4\r5,6\n7,8\n9,10\n', { inferRows: 2 }],
    ['a,b\n1,"x\ny"\n3,"p\n\nq"\n5,6\n7,8\n', { inferRows: 2 }],
    ['a,b\n1,2\n3,"open\n5,6\n', { inferRows: 1 }],
    ['a,b\n1,2\n3,4\n5,"open\n', { inferRows: 1 }],
    ['a,b\n1,2\n3,4\n5,6,7\n', { inferRows: 1 }],
    ['a,b\n1,2\n3,4,5\n', { inferRows: 9 }],
    ['a,b\n1,2\n3,"x"y\n', { inferRows: 1 }],
    ['a,b\n\n\n1,2\n\n3,4\n\n5,x\n', { inferRows: 2 }],
    ['\ufeffa,b\n1,2\n3,4\n', {}],
    ['a,a\n1,2\n', {}],
    ['a,b\n', {}],
    ['', {}],
    ['a,b\n1,2\n3,oops\n', { inferRows: 1, types: { b: 'numeric' } }],
    ['a,b\n1,2\n3,4\n', { types: { c: 'numeric' } }],
    ['a,b\n1,-999\n3,4\n', { missingMarkers: ['-999', ''] }],
    ['a,b\n1,\n3,4\n5,6\n', { inferRows: 1, missingMarkers: ['NA'] }],
    ['a,b\n1,2\n3,4\n5,true\n6,false\n', { inferRows: 2 }],
    ['a,b\n1,2,\n', {}],
    // Where the sample ends decides the type: blanks, then booleans (boolean if sampled, else categorical).
    ['a,b\n1,\n2,\n3,true\n4,false\n', { inferRows: 2 }],
    ['a,b\n1,\n2,\n3,true\n4,false\n', { inferRows: 3 }],
    ['a,b\r\n1,\r\n2,\r\n3,true\r\n4,false\r\n', { inferRows: 2 }],
    ['a,b\r1,\r2,\r3,true\r4,false\r', { inferRows: 2 }],
    ['a,b\n1,\r2,\n3,true\n4,false\n', { inferRows: 2 }],
    ['a,b\n1,"\n"\n2,\n3,true\n4,false\n', { inferRows: 2 }],
    ['a,b\n1,\n2,"x\ny"\n3,true\n', { inferRows: 2 }],
    ['a,b\n1,2\n3,', {}],
    // Columns of numbers and texts, quoted and escaped texts, forced types over numbers, long numbers.
    ['a,b,c\n1,x,2\n2,3,"y"\n3,"4",z\n4,,NA\n', { inferRows: 1 }],
    ['a,b,c\n1,x,2\n2,3,"y"\n3,"4",z\n4,,NA\n', {}],
    ['a,b\n1,"say ""hi"""\n2,"say ""hi"""\n3,say\n4," say"\n', {}],
    ['a,b\n1,2\n2,3\n3,2\n', { types: { b: 'categorical' } }],
    ['a,b\n1,2\n2,3\n', { types: { b: 'boolean' } }],
    ['a,b\n1,true\n2,3\n', { inferRows: 1 }],
    ['a,b\n1,true\n2,3\n', { inferRows: 1, types: { b: 'boolean' } }],
    ['a,b\n1,2024-01-02\n2,2024-01-03 10:00\n3,7\n', {}],
    ['a,b\n1,2024-01-02\n2,2024-01-03 10:00\n3,7\n', { inferRows: 1, types: { b: 'date' } }],
    ['a,b\n1,x\n2,y\n3,z\n', { types: { b: 'numeric', a: 'categorical' } }],
    ['a,b,c\n1,x,q\n2,y,r\n', { types: { b: 'numeric', c: 'numeric' } }],
    ['a,b\n1,0.12345678901234567\n2,123456789012345678901\n3,1e-30\n4, +5.5e+3 \n5,.5\n6,5.\n', {}],
    ['a,b\n1,1e-400\n2,-1e-400\n3,4.9e-324\n', {}],
    ['a,b\n1,\ufeffx\n2,y\n', {}],
    ['a,b\n1,"NA"\n2,NA\n3,n/a\n', { types: { b: 'categorical' } }],
    ['a,b\n1, \n2,\n3,4\n', { missingMarkers: ['NA'] }],
    ['a,b\n1, \n2,\n3,4\n', { missingMarkers: ['NA'], inferRows: 1 }],
    ['a,b\n1,é\n2,ü\n3,é\n', {}],
    ['a\n1\n\n2\n', {}],
    ['a,b\n"1",2\n"1\n2",3\n', {}],
  ];
  // An all-numeric sample, then the rest of the file in the same pass: what comes after the sample.
  const numeric = 'a,b\n1,2\n3,-4.5\n';
  const tails = ['5,6\n7,8', '5,x\n7,8\n', '5,6\n7,8,9\n', '5,x\n7,8,9\n', '5,\n7,NA\n', '5,6\r7,8\n'];
  tails.push('5,"6"\n7,"8\n', '5,"6"""\n', '5,1e400\n7,-0\n', '5,true\n', '5,8\n7,8.0\n');
  for (const tail of tails) {
    cases.push([numeric + tail, { inferRows: 2 }]);
    cases.push([numeric + tail, { inferRows: 2, types: { b: 'numeric' } }]);
    cases.push([numeric + tail, { inferRows: 2, missingMarkers: ['NA'] }]);
    cases.push([numeric + tail, { inferRows: 2, missingMarkers: ['', '8'] }]);
  }
  const bytes: [Uint8Array, ReadCsvOptions][] = cases.map(([text, opts]) => [Buffer.from(text), opts]);
  // Invalid UTF-8 after the sample, and inside it.
  bytes.push([
    Buffer.concat([Buffer.from('a,b\n1,2\n3,4\n5,'), Buffer.from([0xe9, 0x0a])]),
    { inferRows: 1 },
  ]);
  bytes.push([Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0xe9, 0x0a]), Buffer.from('3,4\n')]), {}]);
  // Overlong, surrogate, past U+10FFFF, truncated at the end: not UTF-8 for \`isUtf8\` either.
  for (const bad of [
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf5, 0x80],
    [0xe2, 0x82],
  ]) {
    bytes.push([Buffer.concat([Buffer.from('a,b\n1,x\n2,'), Buffer.from(bad)]), {}]);
  }
  bytes.push([Buffer.from('a,b\n1,€\n2,𝄞\n3,ü\n'), {}]);
  return bytes;
}
