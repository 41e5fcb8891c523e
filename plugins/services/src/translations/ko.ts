import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { servicesTranslationRef } from '../translation';

export default createTranslationMessages({
  ref: servicesTranslationRef,
  full: true,
  messages: {
    'deployments.title': '배포',
    'deployments.subheader': '환경별로 무엇이 실행 중인지',
    'deployments.loadError': '배포 정보를 불러오지 못했습니다',
    'deployments.retry': '다시 시도',
    'deployments.notDeployed':
      '이 서비스는 아직 어느 환경에도 배포되지 않았습니다.',
    'deployments.tableLabel': '환경별 배포',
    'deployments.columns.environment': '환경',
    'deployments.columns.argocd': 'Argo CD',
    'deployments.columns.version': '버전',
    'deployments.columns.pods': '파드',
    'deployments.argo.openIn': 'Argo CD에서 열기 ({{environment}})',
    'deployments.argo.unreachable':
      '{{environment}}의 Argo CD에 연결할 수 없음: {{message}}',
    'deployments.argo.absent': 'Argo CD에 없음',
    'deployments.argo.none': '이 환경에는 Argo CD가 없습니다',
    'deployments.argo.notCompared':
      '대기 중: Argo CD가 아직 이 애플리케이션을 비교하지 않았습니다',
    'deployments.version.rollingOut': '배포 중; 일부 파드는 {{versions}} 실행',
    'deployments.pods.unreachable':
      '{{environment}} 클러스터에 연결할 수 없음: {{message}}',
    'deployments.pods.none': '파드 없음',
    'deployments.pods.ready': '{{ready}}/{{total}} 준비됨',
    'deployments.cost.thisMonth': '이번 달 비용',
    'deployments.cost.ofMonth': '비용, {{month}}',
    'deployments.cost.estimated': '추정치 포함',
    'deployments.cost.unavailable': '비용을 알 수 없음: {{message}}',
    'deployments.cost.none': '이 환경에 이 서비스의 비용 데이터가 없습니다',
    'history.title': 'Argo CD 배포 이력',
    'history.loadError': '이력을 불러오지 못했습니다',
    'history.retry': '다시 시도',
    'history.empty': '아직 배포가 없습니다.',
    'history.tableLabel': 'Argo CD 배포 이력',
    'history.columns.environment': '환경',
    'history.columns.deployed': '배포 시각',
    'history.columns.took': '소요',
    'history.columns.revision': '리비전',
    'history.columns.commit': '커밋',
    'history.duration.hours': '{{h}}시간 {{m}}분 {{s}}초',
    'history.duration.minutes': '{{m}}분 {{s}}초',
    'history.duration.seconds': '{{s}}초',
  },
});
