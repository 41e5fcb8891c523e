import {
  DEFAULT_PRICING,
  ENVIRONMENT_ANNOTATIONS,
  estimateMonthlyCost,
  readStoredEstimate,
} from '@internal/plugin-environments-common';
import { parse } from 'yaml';
import { GOOD_REQUEST } from '../__testUtils__/testUtils';
import type { EnvironmentRequest } from './EnvironmentRequest';
import { renderEnvironmentFiles } from './renderEnvironment';

const request = GOOD_REQUEST as unknown as EnvironmentRequest;
const catalogInfo = (files: Record<string, string>) =>
  parse(files['environments/dev-a/catalog-info.yaml']);

describe('renderEnvironmentFiles', () => {
  it('commits the estimate the requester saw with the request', () => {
    const files = renderEnvironmentFiles(request, {
      vpcName: 'platform-vpc',
      accountId: '123456789012',
      pricing: DEFAULT_PRICING,
    });
    const stored =
      catalogInfo(files).metadata.annotations[ENVIRONMENT_ANNOTATIONS.estimate];
    expect(readStoredEstimate(stored)).toEqual(
      estimateMonthlyCost(request, DEFAULT_PRICING),
    );
    expect(readStoredEstimate(stored)).toMatchObject({
      instanceType: 't3.large',
      nodeCount: 2,
    });
  });

  it('stores no estimate for an instance type without a price', () => {
    const files = renderEnvironmentFiles(
      { ...request, instanceType: 'x9.metal' },
      { vpcName: 'v', accountId: '1', pricing: DEFAULT_PRICING },
    );
    expect(
      catalogInfo(files).metadata.annotations[ENVIRONMENT_ANNOTATIONS.estimate],
    ).toBeUndefined();
  });
});
