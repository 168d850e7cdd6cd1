/** Nest injection tokens for things that are interfaces, not classes. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');

export type Clock = () => number;
