import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { searchTranslationRef } from '@backstage/plugin-search';
import { searchReactTranslationRef } from '@backstage/plugin-search-react';

export const searchKo = createTranslationMessages({
  ref: searchTranslationRef,
  full: true,
  messages: {
    'searchModal.viewFullResults': '전체 결과 보기',
    'searchType.tabs.allTitle': '전체',
    'searchType.allResults': '전체 결과',
    'searchType.accordion.collapse': '접기',
    'searchType.accordion.numberOfResults': '결과 {{number}}개',
    'searchType.accordion.allTitle': '전체',
    'sidebarSearchModal.title': '검색',
  },
});

export const searchReactKo = createTranslationMessages({
  ref: searchReactTranslationRef,
  full: true,
  messages: {
    'searchBar.title': '검색',
    'searchBar.placeholder': '{{org}}에서 검색',
    'searchBar.clearButtonTitle': '지우기',
    'searchFilter.allOptionTitle': '전체',
    'searchPagination.limitLabel': '페이지당 결과:',
    'searchPagination.limitText': '/ {{num}}',
    noResultsDescription: '결과가 없습니다',
    'searchResultGroup.linkTitle': '모두 보기',
    'searchResultGroup.addFilterButtonTitle': '필터 추가',
    'searchResultPager.next': '다음',
    'searchResultPager.previous': '이전',
  },
});
