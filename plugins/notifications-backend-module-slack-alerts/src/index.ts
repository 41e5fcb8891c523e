/**
 * Slack delivery for the notifications plugin: owner groups' channels.
 *
 * @packageDocumentation
 */
export { notificationsModuleSlackChannels as default } from './module';
export { SlackClient } from './SlackClient';
export type { SlackMessage } from './SlackClient';
export { SlackNotificationProcessor } from './SlackNotificationProcessor';
export { SlackStore } from './database/SlackStore';
