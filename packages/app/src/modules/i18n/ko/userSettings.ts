import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { userSettingsTranslationRef } from '@backstage/plugin-user-settings';

export default createTranslationMessages({
  ref: userSettingsTranslationRef,
  full: true,
  messages: {
    'featureFlags.title': '기능 플래그',
    'featureFlags.description':
      '기능 플래그를 바꾼 뒤에는 페이지를 새로 고치세요',
    'featureFlags.filterTitle': '필터',
    'featureFlags.clearFilter': '필터 지우기',
    'featureFlags.emptyFlags.title': '기능 플래그 없음',
    'featureFlags.emptyFlags.action.title':
      '기능 플래그를 추가하는 예가 아래에 강조되어 있습니다:',
    'featureFlags.emptyFlags.action.readMoreButtonTitle': '자세히 보기',
    'featureFlags.emptyFlags.description':
      '기능 플래그로 플러그인은 사용자가 선택해 켤 수 있는 기능을 등록할 수 있습니다. 수동 A/B 테스트 등에 사용할 수 있습니다.',
    'featureFlags.flagItem.title.disable': '끄기',
    'featureFlags.flagItem.title.enable': '켜기',
    'featureFlags.flagItem.subtitle.registeredInApplication':
      '애플리케이션에 등록됨',
    'featureFlags.flagItem.subtitle.registeredInPlugin':
      '{{pluginId}} 플러그인에 등록됨',
    'languageToggle.select': '언어 선택: {{language}}',
    'languageToggle.title': '언어',
    'languageToggle.description': '언어를 바꿉니다',
    'themeToggle.select': '{{theme}} 선택',
    'themeToggle.title': '테마',
    'themeToggle.description': '테마 모드를 바꿉니다',
    'themeToggle.names.auto': '자동',
    'themeToggle.names.dark': '어둡게',
    'themeToggle.names.light': '밝게',
    'themeToggle.selectAuto': '자동 테마 선택',
    'signOutMenu.title': '로그아웃',
    'signOutMenu.moreIconTitle': '더 보기',
    'pinToggle.title': '사이드바 고정',
    'pinToggle.description': '사이드바가 접히지 않게 합니다',
    'pinToggle.ariaLabelTitle': '사이드바 고정 스위치',
    'pinToggle.switchTitles.unpin': '사이드바 고정 해제',
    'pinToggle.switchTitles.pin': '사이드바 고정',
    'identityCard.title': 'Backstage ID',
    'identityCard.noIdentityTitle': 'Backstage ID 없음',
    'identityCard.userEntity': '사용자 엔티티',
    'identityCard.ownershipEntities': '소유 엔티티',
    'defaultProviderSettings.description':
      '{{provider}} API와 ID에 대한 인증을 제공합니다',
    'emptyProviders.title': '인증 제공자 없음',
    'emptyProviders.action.title':
      'app-config.yaml을 열고 아래 강조된 대로 바꾸세요:',
    'emptyProviders.action.readMoreButtonTitle': '자세히 보기',
    'emptyProviders.description':
      'Backstage에 인증 제공자를 추가하면 그 제공자로 인증할 수 있습니다.',
    'providerSettingsItem.title.signOut': '{{title}}에서 로그아웃',
    'providerSettingsItem.title.signIn': '{{title}}에 로그인',
    'providerSettingsItem.buttonTitle.signOut': '로그아웃',
    'providerSettingsItem.buttonTitle.signIn': '로그인',
    'authProviders.title': '사용 가능한 제공자',
    'defaultSettingsPage.tabsTitle.featureFlags': '기능 플래그',
    'defaultSettingsPage.tabsTitle.authProviders': '인증 제공자',
    'defaultSettingsPage.tabsTitle.general': '일반',
    'settingsLayout.title': '설정',
    sidebarTitle: '설정',
    'profileCard.title': '프로필',
    'appearanceCard.title': '화면',
  },
});
