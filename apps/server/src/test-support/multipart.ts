import { randomBytes } from 'node:crypto';

/** A multipart/form-data body with one file field, for `app.inject`. */
export function multipartFile(
  content: Buffer | string,
  filename = 'data.csv',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----studio${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
