/** The header and the first `rows` records of CSV bytes (quoted newlines respected), for sampling without parsing it all. */
export function csvHead(buf: Uint8Array, rows: number): Uint8Array {
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x0a && !quoted && ++lines === rows + 1) return buf.subarray(0, i + 1);
  }
  return buf;
}
