import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { homeTranslationRef } from '@backstage/plugin-home';

export default createTranslationMessages({
  ref: homeTranslationRef,
  full: true,
  messages: {
    'starredEntities.noStarredEntitiesMessage':
      '엔티티 이름 옆의 별을 누르면 이 목록에 추가됩니다!',
    'addWidgetDialog.title': '대시보드에 위젯 추가',
    'addWidgetDialog.noAvailableWidgets':
      '추가할 수 있는 위젯을 모두 추가했습니다.',
    'customHomepageButtons.cancel': '취소',
    'customHomepageButtons.clearAll': '모두 지우기',
    'customHomepageButtons.edit': '편집',
    'customHomepageButtons.restoreDefaults': '기본값으로 되돌리기',
    'customHomepageButtons.addWidget': '위젯 추가',
    'customHomepageButtons.save': '저장',
    'customHomepage.noWidgets':
      "위젯이 없습니다. '위젯 추가'를 눌러 시작하세요.",
    'widgetSettingsOverlay.cancelButtonTitle': '취소',
    'widgetSettingsOverlay.editSettingsTooltip': '설정 편집',
    'widgetSettingsOverlay.editSettingsTooptip': '설정 편집',
    'widgetSettingsOverlay.deleteWidgetTooltip': '위젯 삭제',
    'widgetSettingsOverlay.submitButtonTitle': '적용',
    'starredEntityListItem.removeFavoriteEntityTitle': '즐겨찾기에서 제거',
    'visitList.disabled.title': '방문 기록이 꺼져 있습니다.',
    'visitList.disabled.description':
      'app-config.yaml에서 방문 기록을 켜면 자주 또는 최근 방문한 페이지가 여기 나타납니다.',
    'visitList.empty.title': '아직 방문 기록이 없습니다.',
    'visitList.empty.description':
      '포털을 쓰기 시작하면 방문한 페이지가 여기 바로가기로 나타납니다.',
    'visitList.few.title':
      '더 많이 방문할수록 여기 더 많은 페이지가 나타납니다.',
    'quickStart.title': '온보딩',
    'quickStart.description': '포털 시작하기',
    'quickStart.learnMoreLinkTitle': '자세히 보기',
    'visitedByType.action.viewMore': '더 보기',
    'visitedByType.action.viewLess': '간단히 보기',
    'featuredDocsCard.empty.title': '표시할 문서가 없습니다',
    'featuredDocsCard.empty.description':
      '문서를 직접 만들어 보세요. 시작하기 안내를 참고하세요',
    'featuredDocsCard.empty.learnMoreLinkTitle': '문서',
    'featuredDocsCard.learnMoreTitle': '자세히 보기',
  },
});
