import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { coreComponentsTranslationRef } from '@backstage/core-components';
import { tablePaginationKo } from './tablePagination';

export default createTranslationMessages({
  ref: coreComponentsTranslationRef,
  full: true,
  messages: {
    'table.filter.title': '필터',
    'table.filter.placeholder': '전체 결과',
    'table.filter.clearAll': '모두 지우기',
    'table.body.emptyDataSourceMessage': '표시할 항목이 없습니다',
    'table.header.actions': '작업',
    'table.toolbar.search': '필터',
    ...tablePaginationKo,
    'emptyState.missingAnnotation.title': '어노테이션 없음',
    'emptyState.missingAnnotation.actionTitle':
      '아래 강조된 예처럼 컴포넌트 YAML에 어노테이션을 추가하세요:',
    'emptyState.missingAnnotation.readMore': '자세히 보기',
    'signIn.title': '로그인',
    'signIn.loginFailed': '로그인 실패',
    'signIn.customProvider.title': '사용자 지정',
    'signIn.customProvider.continue': '계속',
    'signIn.customProvider.subtitle':
      '사용자 ID와 자격 증명을 입력하세요.\n 이 선택은 저장되지 않습니다.',
    'signIn.customProvider.userId': '사용자 ID',
    'signIn.customProvider.tokenInvalid':
      '올바른 OpenID Connect JWT 토큰이 아닙니다',
    'signIn.customProvider.idToken': 'ID 토큰(선택)',
    'signIn.guestProvider.title': '게스트',
    'signIn.guestProvider.enter': '들어가기',
    'signIn.guestProvider.subtitle':
      '게스트로 들어갑니다.\n 확인된 ID가 없어 일부 기능을 쓸 수 없습니다.',
    skipToContent: '본문으로 건너뛰기',
    'copyTextButton.tooltipText': '클립보드에 복사했습니다',
    'simpleStepper.finish': '마침',
    'simpleStepper.reset': '처음으로',
    'simpleStepper.next': '다음',
    'simpleStepper.skip': '건너뛰기',
    'simpleStepper.back': '뒤로',
    'errorPage.title': '문제가 생겼습니다',
    'errorPage.subtitle': '오류 {{status}}: {{statusMessage}}',
    'errorPage.goBack': '돌아가기',
    'errorPage.showMoreDetails': '자세히 보기',
    'errorPage.showLessDetails': '간단히 보기',
    'supportConfig.default.title': '지원이 설정되지 않았습니다',
    'supportConfig.default.linkTitle': '`app.support` 설정 키를 추가하세요',
    'errorBoundary.title': '{{slackChannel}}에 도움을 요청하세요.',
    'oauthRequestDialog.message':
      '{{appTitle}}이(가) {{provider}} API와 ID에 접근하도록 로그인하세요.',
    'oauthRequestDialog.title': '로그인 필요',
    'oauthRequestDialog.authRedirectTitle':
      'OAuth 로그인으로 HTTP 리디렉션됩니다.',
    'oauthRequestDialog.login': '로그인',
    'oauthRequestDialog.rejectAll': '모두 거부',
    'supportButton.title': '지원',
    'supportButton.close': '닫기',
    'alertDisplay.message_one': '(새 메시지 {{ count }}개)',
    'alertDisplay.message_other': '(새 메시지 {{ count }}개)',
    'autoLogout.stillTherePrompt.title': '활동이 없어 로그아웃합니다',
    'autoLogout.stillTherePrompt.buttonText': '로그아웃하지 마세요',
    'dependencyGraph.fullscreenTooltip': '전체 화면 전환',
    'proxiedSignInPage.title':
      '로그인되지 않은 것 같습니다. 페이지를 새로 고쳐 보세요.',
    'logViewer.searchField.placeholder': '검색',
    'logViewer.downloadBtn.tooltip': '로그 내려받기',
    'logViewer.copyBtn.tooltip': '로그를 클립보드에 복사',
  },
});
