/*
 * The environment actions of the actions registry (served to AI agents by
 * the MCP actions backend): read ones and the create/extend/destroy ones.
 */
import { registerEnvironmentReadActions } from './environmentReadActions';
import {
  registerEnvironmentWriteActions,
  type EnvironmentWriteActionsOptions,
} from './environmentWriteActions';

export function registerEnvironmentActions(
  options: EnvironmentWriteActionsOptions,
) {
  registerEnvironmentReadActions(options);
  registerEnvironmentWriteActions(options);
}
