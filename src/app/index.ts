/** The composition root: bootstrap (config → database → services → HTTP) and the services it wires. */
export { bootstrap, type Runtime } from './bootstrap';
export { type Services } from './services';
export { bootstrapTool } from './tool';
