/*
 * The steerable side of the Cost Explorer stand-in: what a test can set
 * through POST /_sandbox/cost-explorer, the counters GET reports, and the
 * throttling and failure those settings cause before any operation runs.
 */
import { AwsError } from './awsJson.ts';

export interface CostExplorerControl {
  /** The next N requests answer LimitExceededException. */
  throttleNext?: number;
  /** After N more successful requests, every request fails (DataUnavailableException); null clears. */
  failAfter?: number | null;
  /** Multiplies a day's amounts (restatement by AWS), e.g. { '2026-11-02': 1.1 }. */
  adjust?: Record<string, number>;
  /** Largest number of groups in one page (days are not split across pages). */
  pageGroups?: number;
  /** Back to the defaults and zero counters. */
  reset?: boolean;
}

export interface CostExplorerState {
  throttleNext: number;
  failAfter: number | null;
  adjust: Record<string, number>;
  pageGroups: number;
  requests: number;
  byTarget: Record<string, number>;
}

export function initialState(): CostExplorerState {
  return {
    throttleNext: 0,
    failAfter: null,
    adjust: {},
    pageGroups: 1000,
    requests: 0,
    byTarget: {},
  };
}

export function applyControl(
  state: CostExplorerState,
  control: CostExplorerControl,
) {
  if (control.reset) Object.assign(state, initialState());
  if (control.throttleNext !== undefined)
    state.throttleNext = control.throttleNext;
  if (control.failAfter !== undefined) state.failAfter = control.failAfter;
  if (control.adjust) state.adjust = { ...state.adjust, ...control.adjust };
  if (control.pageGroups) state.pageGroups = control.pageGroups;
}

export function countRequest(state: CostExplorerState, target: string) {
  state.requests++;
  state.byTarget[target] = (state.byTarget[target] ?? 0) + 1;
}

/** Throws the throttling or failure the state asks for, else lets it pass. */
export function admit(state: CostExplorerState) {
  if (state.throttleNext > 0) {
    state.throttleNext--;
    throw new AwsError('LimitExceededException', 'Rate exceeded');
  }
  if (state.failAfter !== null) {
    if (state.failAfter <= 0) {
      throw new AwsError(
        'DataUnavailableException',
        'Data is not available',
        400,
      );
    }
    state.failAfter--;
  }
}
