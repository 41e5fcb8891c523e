/**
 * The portal's languages and Intl formatting for them.
 *
 * @packageDocumentation
 */
export * from './languages';
export * from './formatters';
