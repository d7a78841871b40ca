import { describe, expect, it } from 'vitest';
import { parseCurl, shellWords } from './parse-curl';

const example = [
  `curl -X POST 'http://127.0.0.1:5174/v1/deployments/german/predict'`,
  `  -H "Authorization: Bearer $STUDIO_API_KEY"`,
  `  -H 'Content-Type: application/json'`,
  `  -d '{"purpose":"car","name":"O'\\''Brien","amount":1200}'`,
].join(' \\\n');

describe('parseCurl', () => {
  it('reads the method, URL, headers and body of the server example', () => {
    expect(parseCurl(example)).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:5174/v1/deployments/german/predict',
      headers: { Authorization: 'Bearer $STUDIO_API_KEY', 'Content-Type': 'application/json' },
      body: `{"purpose":"car","name":"O'Brien","amount":1200}`,
    });
  });

  it('defaults to GET without a body and POST with one', () => {
    expect(parseCurl('curl https://x/y').method).toBe('GET');
    expect(parseCurl("curl https://x/y --data-raw '{}'").method).toBe('POST');
  });

  it('refuses what is not a complete curl command', () => {
    expect(() => parseCurl('wget http://x')).toThrow('not a curl command');
    expect(() => parseCurl('curl -X POST')).toThrow('names no URL');
    expect(() => parseCurl("curl 'http://x")).toThrow('open quote');
    expect(() => parseCurl('curl http://x -H')).toThrow('has no value');
  });
});

describe('shellWords', () => {
  it('joins quoted parts of one word and unescapes double quotes', () => {
    expect(shellWords(`a'b c'"d \\"e\\""  f\\ g`)).toEqual(['ab cd "e"', 'f g']);
  });
});
