export * from './storage.js';
export * from './time.js';
export * from './bool.js';
export * from './number.js';
export * from './enums.js';
export * from './reason-tree.js';
