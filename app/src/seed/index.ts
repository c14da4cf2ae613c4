export { GraphClient, inParallel } from './graph-client.js';
export { DEFAULT_SEED, seedThroughGraph, type SeedResult, type SeedSize } from './seed.js';
