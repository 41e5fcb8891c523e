export * from './types';
export { allocateDay, bucketOf, nodeWeight, percentile } from './allocate';
export { distributeCents, toCents } from './cents';
export * from './report';
