export { canonicalJson } from './canonical-json';
export { chainHash, verifyStreamChain, type ChainBreak, type ChainInput } from './hash-chain';
export { SCHEMA_VERSION, isEventMetadata, type EventMetadata } from './event-metadata';
export { eventIdFor, nameBasedUuid } from './event-id';
export { verifyIntegrity, type IntegrityReport } from './integrity-verifier';
export { yieldToOthers } from './yield-to-others';
