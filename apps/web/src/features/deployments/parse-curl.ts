import { StudioError } from '@studio/ir/errors';

/** The parts of a curl command that make an HTTP request. */
export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

/** Splits a shell line into words: single quotes (with the `'\''` idiom), double quotes, backslash escapes. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new StudioError('CURL_UNTERMINATED', 'user', 'The curl command has an open quote.');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) i++;
        word += text[i];
        i++;
      }
      if (i >= text.length)
        throw new StudioError('CURL_UNTERMINATED', 'user', 'The curl command has an open quote.');
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/**
 * Reads the request out of a curl command such as the deployment's example, so the page can prefill its
 * "Try it" form with a record the server knows to be valid.
 */
export function parseCurl(text: string): CurlRequest {
  const words = shellWords(text.trim());
  if (words[0] !== 'curl') throw new StudioError('CURL_NOT_CURL', 'user', 'This is not a curl command.');
  let method: string | null = null;
  let url: string | null = null;
  const headers: Record<string, string> = {};
  let body: string | null = null;
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const next = () => {
      const v = words[++i];
      if (v === undefined)
        throw new StudioError('CURL_MISSING_VALUE', 'user', `curl option ${w} has no value.`);
      return v;
    };
    if (w === '-X' || w === '--request') method = next().toUpperCase();
    else if (w === '-H' || w === '--header') {
      const h = next();
      const colon = h.indexOf(':');
      if (colon > 0) headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
    } else if (w === '-d' || w === '--data' || w === '--data-raw' || w === '--data-binary') body = next();
    else if (!w.startsWith('-')) url = w;
  }
  if (!url) throw new StudioError('CURL_NO_URL', 'user', 'The curl command names no URL.');
  return { method: method ?? (body === null ? 'GET' : 'POST'), url, headers, body };
}
