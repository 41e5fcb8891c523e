// Tests only: the sandbox's hostile spellings.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import { InputError } from '@backstage/errors';
import { hostileCases } from '@internal/sandbox';
import { parseEnvironmentName, parseServiceRef } from './serviceRef';

describe('parseServiceRef', () => {
  it.each([
    ['shop-backend', 'component:default/shop-backend'],
    ['default/shop-backend', 'component:default/shop-backend'],
    ['component:default/shop-backend', 'component:default/shop-backend'],
    ['Component:team-a/shop-web', 'component:team-a/shop-web'],
  ])('reads %s as %s', (input, ref) => {
    expect(parseServiceRef(input)).toBe(ref);
  });

  it('refuses what is not a service', () => {
    expect(() => parseServiceRef('resource:default/dev-a')).toThrow(InputError);
    expect(() => parseServiceRef('group:default/developers')).toThrow(
      /is not a service/,
    );
  });

  it.each(hostileCases())('refuses %s', (_label, value) => {
    expect(() => parseServiceRef(value)).toThrow(InputError);
    expect(() => parseEnvironmentName(value)).toThrow(InputError);
  });
});
