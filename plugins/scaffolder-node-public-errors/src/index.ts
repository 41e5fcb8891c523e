/**
 * Scaffolder action errors as a task log may show them.
 *
 * @packageDocumentation
 */
export { publicError, withPublicErrors } from './publicError';
