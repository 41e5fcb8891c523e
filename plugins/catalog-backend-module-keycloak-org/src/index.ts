/**
 * Users and groups from Keycloak, shaped for the portal.
 *
 * @packageDocumentation
 */
export { catalogModuleKeycloakOrg as default } from './module';
export { groupTransformer, userTransformer } from './transformers';
