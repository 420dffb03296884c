export * from './field';
export * from './resources';
export * from './probes';
export * from './lifecycle-hooks';
export * from './pod';
export * from './job';
