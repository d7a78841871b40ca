const UNITS = ['bytes', 'KB', 'MB', 'GB'];

/** A size for people: "512 bytes", "2.7 MB" (powers of 1,024, one decimal from KB up, none at or above 100). */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${v} bytes`;
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${UNITS[u]}`;
}
