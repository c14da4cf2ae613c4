export { subgraphDefinitions, type StackOptions } from './subgraphs.js';
export { composeSupergraph } from './schema/compose.js';
export { startPlatform, type PlatformConfig, type RunningPlatform } from './platform.js';
