import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { environmentsTranslationRef } from '../translation';

export default createTranslationMessages({
  ref: environmentsTranslationRef,
  full: true,
  messages: {
    'card.title': '환경',
    'card.tableLabel': '환경 상태',
    'card.status': '상태',
    'card.purpose': '용도',
    'card.region': '리전',
    'card.lastRun': '마지막 파이프라인 실행',
    'card.pipelineLog': '파이프라인 로그',
    'card.noRunYet': '아직 없음',
    'card.expires': '만료',
    'card.expiryNotSet': '설정되지 않음',
    'card.neverExpires': '만료 없음 (dev/test 환경이 아님)',
    'card.extend': '{{days}}일 연장',
    'card.extended': '만료를 {{date}}(으)로 연장했습니다',
    'card.extendFailed': '만료를 연장하지 못했습니다: {{message}}',
    'card.state.ready': '준비됨',
    'card.state.failed': '실패',
    'card.state.provisioning': '프로비저닝 중',
    'card.state.destroying': '삭제 중',
    'card.state.unknown': '알 수 없음',
    'estimate.label': '월 예상 비용',
    'estimate.perMonth': '월 {{amount}}',
    'estimate.breakdown':
      '컨트롤 플레인 {{controlPlane}} + {{instanceType}} 노드 {{nodeCount}}개 {{nodes}} + 스토리지 {{storage}}',
    'estimate.choose':
      '인스턴스 유형과 노드 수를 고르면 예상 비용이 표시됩니다.',
  },
});
