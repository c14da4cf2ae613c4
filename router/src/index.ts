export { startRouter, type RouterConfig, type RunningRouter } from './router.js';
