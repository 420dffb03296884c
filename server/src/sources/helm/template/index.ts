/** Go's `text/template` with a source map of its output: the public surface. */
export * from './errors';
export * from './funcs';
export * from './origin';
export * from './template';
export * from './types';
export * from './values';
