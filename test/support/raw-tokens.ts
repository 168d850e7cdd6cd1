import { createHmac } from 'node:crypto';

/** Hand-built JWTs for the cases a well-behaved issuer never produces. */
function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function rawJwt(header: object, payload: object, secret: string | null): string {
  const head = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(head).digest('base64url');
  return `${head}.${signature}`;
}

export function inAnHour(): number {
  return Math.floor(Date.now() / 1000) + 3600;
}
