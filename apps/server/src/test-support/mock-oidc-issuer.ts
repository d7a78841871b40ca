import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Who "logs in" at the mock provider next, as the claims of their ID token. */
export interface MockLogin {
  sub: string;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

/** A running mock OpenID provider (discovery, JWKS, authorize, token); `close()` stops it. */
export interface MockIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claims of the next login; each authorize request uses them. */
  login: MockLogin;
  /** Sign ID tokens with a key the JWKS does not publish (a forged token). */
  forgeSignature: boolean;
  /** Put this nonce in the next ID tokens instead of the one asked for. */
  overrideNonce: string | null;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function jwt(key: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

/**
 * Test support: a tiny OpenID Connect provider on 127.0.0.1 built on `node:http` and `node:crypto` — discovery,
 * a JWKS with one RS256 key, an authorize endpoint that logs `login` in at once and redirects back with a code,
 * and a token endpoint that checks the client secret (basic or post), the redirect URI and the PKCE verifier before it
 * answers a signed ID token carrying the nonce it was given.
 */
export async function startMockIssuer(): Promise<MockIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'mock-key-1';
  const codes = new Map<
    string,
    { challenge: string; nonce: string; redirectUri: string; login: MockLogin }
  >();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mock: MockIssuer = {
    issuer,
    clientId: 'studio-test',
    clientSecret: randomBytes(16).toString('hex'),
    login: { sub: 'user-1', name: 'Olivia Oidc', preferred_username: 'olivia' },
    forgeSignature: false,
    overrideNonce: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  server.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname === '/.well-known/openid-configuration')
        return json(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          code_challenge_methods_supported: ['S256'],
        });
      if (url.pathname === '/jwks')
        return json(res, 200, {
          keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
        });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('client_id') !== mock.clientId || q.get('code_challenge_method') !== 'S256')
          return json(res, 400, { error: 'invalid_request' });
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          challenge: q.get('code_challenge') ?? '',
          nonce: q.get('nonce') ?? '',
          redirectUri: q.get('redirect_uri') ?? '',
          login: { ...mock.login },
        });
        const back = new URL(q.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        // client_secret_basic or client_secret_post, as a real provider takes either.
        const header = String(req.headers.authorization ?? '');
        const [id, secret] = header.startsWith('Basic ')
          ? Buffer.from(header.slice(6), 'base64')
              .toString('utf8')
              .split(':')
              .map((s) => decodeURIComponent(s))
          : [form.get('client_id'), form.get('client_secret')];
        if (id !== mock.clientId || secret !== mock.clientSecret)
          return json(res, 401, { error: 'invalid_client' });
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (
          !grant ||
          form.get('redirect_uri') !== grant.redirectUri ||
          b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge
        )
          return json(res, 400, { error: 'invalid_grant' });
        const now = Math.floor(Date.now() / 1000);
        const idToken = jwt(mock.forgeSignature ? forged : privateKey, kid, {
          iss: issuer,
          aud: mock.clientId,
          iat: now,
          exp: now + 300,
          nonce: mock.overrideNonce ?? grant.nonce,
          ...grant.login,
        });
        return json(res, 200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
        });
      }
      json(res, 404, { error: 'not_found' });
    })();
  });
  return mock;
}
