export { clusterMetricLines } from './clusterMetrics.ts';
export * from './exampleClusters.ts';
