/**
 * KakaoTalk delivery for the notifications plugin.
 *
 * @packageDocumentation
 */
export { notificationsModuleKakaoTalk as default } from './module';
export { KakaoTalkClient, MAX_RECEIVERS_PER_CALL } from './KakaoTalkClient';
export type { KakaoTextTemplate } from './KakaoTalkClient';
export { KakaoTalkNotificationProcessor } from './KakaoTalkNotificationProcessor';
export { KakaoTalkStore } from './database/KakaoTalkStore';
