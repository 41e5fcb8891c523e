import type { Entity } from '@backstage/catalog-model';
import { isEnvironment } from './annotations';

const resource = (type: string, kind = 'Resource'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: { type },
});

describe('isEnvironment', () => {
  it('takes Resources of the environment types', () => {
    expect(isEnvironment(resource('kubernetes-cluster'))).toBe(true);
    expect(isEnvironment(resource('environment'))).toBe(true);
  });

  it('refuses other types and kinds', () => {
    expect(isEnvironment(resource('database'))).toBe(false);
    expect(isEnvironment(resource('environment', 'Component'))).toBe(false);
  });
});
