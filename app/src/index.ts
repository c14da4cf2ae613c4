export { subgraphDefinitions, type StackOptions } from './subgraphs.js';
export { composeSupergraph } from './schema/compose.js';
export { startPlatform, SUPERGRAPH_PATH, type PlatformConfig, type RunningPlatform } from './platform.js';
