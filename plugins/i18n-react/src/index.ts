/**
 * React hooks for the portal's language.
 *
 * @packageDocumentation
 */
export { useFormatters, useLanguage } from './useFormatters';
export type { Formatters, Language } from '@internal/i18n-common';
