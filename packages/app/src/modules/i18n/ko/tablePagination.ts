/** Korean of the table pagination, which core-components and notifications both label. */
export const tablePaginationKo = {
  'table.pagination.labelDisplayedRows': '{from}-{to} / {count}',
  'table.pagination.firstTooltip': '첫 페이지',
  'table.pagination.labelRowsSelect': '행',
  'table.pagination.lastTooltip': '마지막 페이지',
  'table.pagination.nextTooltip': '다음 페이지',
  'table.pagination.previousTooltip': '이전 페이지',
} as const;
