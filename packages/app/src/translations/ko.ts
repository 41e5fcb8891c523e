import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { appTranslationRef } from '../translation';

export default createTranslationMessages({
  ref: appTranslationRef,
  full: true,
  messages: {
    'signIn.title': 'EKS 개발자 포털',
    'signIn.providerTitle': 'Keycloak',
    'signIn.providerMessage': '회사 계정으로 로그인하세요',
    'nav.search': '검색',
    'nav.menu': '메뉴',
    'nav.settings': '설정',
    'nav.homeLink': '홈',
    'nav.logoTitle': 'EKS 포털',
    'nav.logoSubtitle': '플랫폼',
    'nav.pages.home': '홈',
    'nav.pages.catalog': '카탈로그',
    'nav.pages.scaffolder': '생성...',
    'nav.pages.apiDocs': 'API',
    'nav.pages.catalogImport': '등록',
    'nav.pages.catalogGraph': '카탈로그 그래프',
    'nav.pages.costUptime': '비용 및 가용성',
    'nav.pages.environments': '환경',
    'nav.pages.kubernetes': 'Kubernetes',
    'nav.pages.search': '검색',
    'nav.pages.userSettings': '설정',
    'nav.pages.appVisualizer': '시각화',
    'nav.pages.notifications': '알림',
    'home.myEnvironments.title': '내 환경',
    'home.myEnvironments.loading': '내 환경을 불러오는 중',
    'home.myEnvironments.error': '내 환경을 불러오지 못했습니다',
    'home.myEnvironments.empty': '아직 소유한 환경이 없습니다.',
    'home.myEnvironments.create': '새로 만들기',
    'home.myEnvironments.noExpiry': '만료되지 않음',
    'home.myEnvironments.expires': '{{relative}} 만료 ({{date}})',
    'home.myEnvironments.stateUnknown': '알 수 없음',
    'home.myEnvironments.states.requested': '요청됨',
    'home.myEnvironments.states.provisioning': '프로비저닝 중',
    'home.myEnvironments.states.ready': '준비됨',
    'home.myEnvironments.states.updating': '업데이트 중',
    'home.myEnvironments.states.paused': '일시 중지됨',
    'home.myEnvironments.states.destroying': '삭제 중',
    'home.myEnvironments.states.destroyed': '삭제됨',
    'home.myEnvironments.states.failed': '실패',
    'home.myEnvironments.cost': '이번 달 {{amount}}',
    'home.myEnvironments.costEstimated': '이번 달 {{amount}} (추정)',
    'home.myEnvironments.costUnavailable': '비용을 알 수 없음',
    'home.myEnvironments.attentionTitle': '확인이 필요한 환경 (전체)',
    'home.myEnvironments.attentionNone':
      '실패했거나 오늘 만료되는 환경이 없습니다.',
    'home.myEnvironments.attentionFailed': '실패',
    'home.myEnvironments.attentionExpiresToday': '오늘 만료',
    'home.myServices.title': '내 서비스',
    'home.myServices.widgetDescription':
      '내 서비스: 환경별 상태, SLO, 최근 빌드',
    'home.myServices.loading': '내 서비스를 불러오는 중',
    'home.myServices.error': '내 서비스를 불러오지 못했습니다',
    'home.myServices.empty': '아직 소유한 서비스가 없습니다.',
    'home.myServices.create': '새로 만들기',
    'home.myServices.unreachable': '연결 안 됨',
    'home.myServices.notDeployed': 'Argo CD로 배포되지 않음',
    'home.myServices.sloMet':
      'SLO 충족: {{environment}} {{availability}} (목표 {{target}}, 30일)',
    'home.myServices.sloMissed':
      'SLO 미달: {{environment}} {{availability}} (목표 {{target}}, 30일)',
    'home.myServices.noSlo': '아직 가용성 데이터가 없습니다',
    'home.myServices.uptimeError': '가용성을 불러오지 못했습니다: {{message}}',
    'home.myServices.build': '빌드 #{{number}}: {{result}}',
    'home.widgetTitle': '시작하기',
    'home.widgetDescription': '포털에서 할 수 있는 일과 시작할 곳',
    'home.welcome': `## EKS 개발자 포털에 오신 것을 환영합니다

회사 EKS 클러스터에서 무엇이 어디서 실행되는지, 누가 담당하는지,
비용이 얼마인지 한곳에서 봅니다.

- **[카탈로그](/catalog)**: 모든 시스템, 서비스, API, 환경과 그 담당 팀.
- **[생성](/create)**: 템플릿으로 새 서비스나 환경 전체를 시작합니다.
- **[API](/api-docs)**: 우리 서비스가 제공하는 API와 그 정의.

처음이신가요? 카탈로그를 열고 팀으로 필터링한 뒤 담당하는 항목에 별표를
하세요. 다음부터 이 페이지에 나타납니다.`,
    'jenkins.jobNotFound': 'Jenkins 작업을 찾을 수 없습니다',
    'jenkins.cannotConnect': 'Jenkins에 연결할 수 없습니다',
    'jenkins.latestRun': '최근 Jenkins 빌드',
    'jenkins.tabTitle': 'CI/CD',
    'argocd.overviewTitle': 'Argo CD 개요',
  },
});
