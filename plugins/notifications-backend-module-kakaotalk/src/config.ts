import { Config } from '@backstage/config';
import { KakaoTalkClientOptions } from './KakaoTalkClient';

/** `alerts.kakaotalk`, read once at start-up. */
export interface KakaoTalkConfig {
  client: KakaoTalkClientOptions;
  /** Also send every alert to the sending account itself. Default false. */
  sendToMe: boolean;
  /** How long to gather the receivers of one notification. Default 300 ms. */
  batchWindowMs: number;
}

/** Reads `alerts.kakaotalk`; undefined when it is absent (KakaoTalk is off). */
export function readKakaoTalkConfig(
  config: Config,
): KakaoTalkConfig | undefined {
  const c = config.getOptionalConfig('alerts.kakaotalk');
  if (!c) return undefined;
  return {
    client: {
      apiBaseUrl: (
        c.getOptionalString('apiBaseUrl') ?? 'https://kapi.kakao.com'
      ).replace(/\/$/, ''),
      authBaseUrl: (
        c.getOptionalString('authBaseUrl') ?? 'https://kauth.kakao.com'
      ).replace(/\/$/, ''),
      clientId: c.getString('clientId'),
      clientSecret: c.getOptionalString('clientSecret'),
      refreshToken: c.getString('refreshToken'),
      retry: {
        maxAttempts: c.getOptionalNumber('maxAttempts'),
        initialDelayMs: c.getOptionalNumber('initialRetryDelayMs'),
      },
    },
    sendToMe: c.getOptionalBoolean('sendToMe') ?? false,
    batchWindowMs: c.getOptionalNumber('batchWindowMs') ?? 300,
  };
}
