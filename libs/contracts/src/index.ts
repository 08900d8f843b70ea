export * from './errors.js';
export * from './auth.js';
export * from './health.js';
export * from './pagination.js';
export * from './cache.js';
