/** Largest request body, and largest WebSocket message: a 1 MB article in JSON with room for escaping. */
export const BODY_LIMIT = 3 * 1024 * 1024;
