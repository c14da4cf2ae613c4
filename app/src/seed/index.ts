export { GraphClient, inParallel } from './graph-client.js';
export { DEFAULT_SEED, type SeedSize } from './generated-scenario.js';
export { seedThroughGraph, type SeedResult } from './seed.js';
