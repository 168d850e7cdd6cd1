import { SignJWT } from 'jose';
import type { Role } from '@app/domain';

/** Mints an HS256 token: for demo mode and `npm run token`. */
export async function issueToken(
  secret: string,
  sub: string,
  roles: Role[],
  ttlSeconds = 8 * 3600,
  claims: { issuer?: string | null; audience?: string | null } = {},
): Promise<string> {
  let jwt = new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (claims.issuer) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
