import { canTransition, ENVIRONMENT_STATES } from './lifecycle';

describe('canTransition', () => {
  it('follows requested → provisioning → ready → updating → ready → destroying → destroyed', () => {
    const path = [
      'requested',
      'provisioning',
      'ready',
      'updating',
      'ready',
      'destroying',
      'destroyed',
    ] as const;
    for (let i = 1; i < path.length; i++) {
      expect([
        path[i - 1],
        path[i],
        canTransition(path[i - 1], path[i]),
      ]).toEqual([path[i - 1], path[i], true]);
    }
  });

  it('lets every step but destroyed fail, and a failed environment be retried or destroyed', () => {
    const failing = ENVIRONMENT_STATES.filter(s => canTransition(s, 'failed'));
    expect(failing.sort()).toEqual(
      ['destroying', 'failed', 'provisioning', 'requested', 'updating'].sort(),
    );
    expect(canTransition('failed', 'provisioning')).toBe(true);
    expect(canTransition('failed', 'destroying')).toBe(true);
  });

  it('refuses skipping steps and leaving destroyed other than by a new request', () => {
    expect(canTransition('requested', 'ready')).toBe(false);
    expect(canTransition('ready', 'destroyed')).toBe(false);
    expect(canTransition('destroyed', 'ready')).toBe(false);
    expect(canTransition('destroyed', 'requested')).toBe(true);
    expect(canTransition('destroyed', 'provisioning')).toBe(true);
  });

  it('lets an environment without history start anywhere', () => {
    for (const s of ENVIRONMENT_STATES)
      expect(canTransition(undefined, s)).toBe(true);
  });
});
