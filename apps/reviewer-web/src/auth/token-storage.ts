/** The signed-in token lives for this browser tab only (sessionStorage), under this key. */
export const TOKEN_STORAGE_KEY = 'health-review.token';

export function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

export function storeToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  else sessionStorage.removeItem(TOKEN_STORAGE_KEY);
}
