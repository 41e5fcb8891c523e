/**
 * Keycloak sign-in for the portal.
 *
 * @packageDocumentation
 */
export { authModuleKeycloakProvider as default } from './module';
export { keycloakSubjectResolver, KEYCLOAK_ID_ANNOTATION } from './resolvers';
