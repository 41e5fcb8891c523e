/**
 * Node library of the alerts plugin: what other backend plugins use to raise
 * alerts, and what the Slack and KakaoTalk notification modules share.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './alertsServiceRef';
export * from './retry';
export * from './routing';
export * from './channelModule';
export * from './languages';
export * from './config';
export * from './deliveryMetrics';
export * from './chatProcessor';
export * from './moduleDatabase';
