/**
 * The environments backend plugin (pluginId `environments`): the
 * extend-expiry route, the expiry task and the environment actions for AI
 * agents.
 *
 * @packageDocumentation
 */
export { environmentsPlugin as default } from './plugin';
