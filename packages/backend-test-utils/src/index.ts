/**
 * Test helpers the backend plugins and modules share.
 *
 * @packageDocumentation
 */
export { describeMigrations } from './describeMigrations';
export type { MigrationRoundTrip } from './describeMigrations';
export { oneWinsOneRefused } from './oneAtATime';
