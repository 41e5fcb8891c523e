import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { registerAllocationAction } from './allocationAction';

const NOW = new Date('2027-01-01T10:00:00Z');

function setUp(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const actions = actionsRegistryServiceMock();
  const allocation = jest.fn(
    async (q: { environment: string; from: string; to: string }) => ({
      currency: 'USD' as const,
      ...q,
      billed: 30,
      shared: 5,
      idle: 10,
      untagged: 1,
      environmentTotal: 33,
      services: [
        {
          service: 'shop-backend',
          allocated: 15,
          direct: 2,
          efficiency: { cpu: 0.5, memory: 0.8 },
          rightsizingSavingPerMonth: 12.5,
        },
      ],
      source: 'metrics' as const,
      estimatedDays: [q.to],
      days: 1,
    }),
  );
  registerAllocationAction({
    actionsRegistry: actions,
    permissions: mockServices.permissions.mock({
      authorize: async () => [{ result }],
    }),
    allocations: { allocation },
    now: () => NOW,
  });
  return { actions, allocation };
}

describe('get-cost-allocation', () => {
  const credentials = mockCredentials.user('user:default/minsu.park');

  it('answers the allocation of this month so far, on the 1st just that day', async () => {
    const { actions, allocation } = setUp(AuthorizeResult.ALLOW);
    const { output } = await actions.invoke({
      id: 'test:get-cost-allocation',
      input: { environment: 'dev-a' },
      credentials,
    });
    expect(allocation).toHaveBeenCalledWith({
      environment: 'dev-a',
      from: '2027-01-01',
      to: '2027-01-01',
    });
    expect(output).toMatchObject({ billed: 30, shared: 5, idle: 10 });
  });

  it('takes a range across the year boundary', async () => {
    const { actions, allocation } = setUp(AuthorizeResult.ALLOW);
    await actions.invoke({
      id: 'test:get-cost-allocation',
      input: { environment: 'dev-a', from: '2026-12-15', to: '2026-12-31' },
      credentials,
    });
    expect(allocation).toHaveBeenCalledWith({
      environment: 'dev-a',
      from: '2026-12-15',
      to: '2026-12-31',
    });
  });

  it('refuses a caller without cost-uptime.allocation.read', async () => {
    const { actions, allocation } = setUp(AuthorizeResult.DENY);
    await expect(
      actions.invoke({
        id: 'test:get-cost-allocation',
        input: { environment: 'dev-a' },
        credentials,
      }),
    ).rejects.toThrow('Reading allocations needs cost-uptime.allocation.read');
    expect(allocation).not.toHaveBeenCalled();
  });

  it.each(['../prod', 'dev a', '', 'dev-a;rm'])(
    'refuses the environment %j before reading anything',
    async environment => {
      const { actions, allocation } = setUp(AuthorizeResult.ALLOW);
      await expect(
        actions.invoke({
          id: 'test:get-cost-allocation',
          input: { environment },
          credentials,
        }),
      ).rejects.toThrow();
      expect(allocation).not.toHaveBeenCalled();
    },
  );

  it('refuses from after to', async () => {
    const { actions } = setUp(AuthorizeResult.ALLOW);
    await expect(
      actions.invoke({
        id: 'test:get-cost-allocation',
        input: { environment: 'dev-a', from: '2026-12-20', to: '2026-12-10' },
        credentials,
      }),
    ).rejects.toThrow(/from/);
  });
});
