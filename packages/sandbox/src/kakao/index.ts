export {
  KAKAO_SANDBOX_CLIENT_ID,
  KAKAO_SANDBOX_CLIENT_SECRET,
  KAKAO_SANDBOX_REFRESH_TOKEN,
  KakaoStandIn,
  kakaoStandIn,
} from './KakaoStandIn.ts';
