import { test } from 'node:test';
import assert from 'node:assert/strict';
import { greeting } from '../src/greeting.js';

test('greets by the time of day', () => {
  assert.equal(
    greeting('${{ values.name }}', new Date(2026, 0, 1, 9)),
    'Good morning from ${{ values.name }}',
  );
  assert.equal(
    greeting('${{ values.name }}', new Date(2026, 0, 1, 20)),
    'Good evening from ${{ values.name }}',
  );
});
