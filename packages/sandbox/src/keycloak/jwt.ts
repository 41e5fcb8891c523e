import crypto, { type KeyObject } from 'node:crypto';

/**
 * The stand-in's signing key (RS256, as Keycloak's default realm key). Made
 * fresh at each start: nothing signed by an earlier run stays valid.
 */
export function createSigningKey(): {
  jwk: Record<string, unknown>;
  publicKey: KeyObject;
} {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
  });
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    jwk: { ...jwk, kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' },
    publicKey,
  };
}

/**
 * Verifies an RS256 JWT against the key, issuer and audience; returns its
 * claims, or undefined for anything forged, expired, or meant for someone else.
 */
export function verifyJwt(
  token: string,
  publicKey: KeyObject,
  expected: { issuer: string; audience: string },
): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header64, payload64, signature64] = parts;
  try {
    const header = JSON.parse(Buffer.from(header64, 'base64url').toString());
    if (header.alg !== 'RS256') return undefined;
    const valid = crypto.verify(
      'RSA-SHA256',
      Buffer.from(`${header64}.${payload64}`),
      publicKey,
      Buffer.from(signature64, 'base64url'),
    );
    if (!valid) return undefined;
    const claims = JSON.parse(Buffer.from(payload64, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (claims.iss !== expected.issuer) return undefined;
    if (!audiences.includes(expected.audience)) return undefined;
    if (typeof claims.exp !== 'number' || claims.exp <= now) return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
