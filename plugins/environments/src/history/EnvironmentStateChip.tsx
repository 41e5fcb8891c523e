import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ENVIRONMENT_STATES,
  type EnvironmentState,
} from '@internal/plugin-environments-common';
import { environmentsTranslationRef } from '../translation';

const isState = (value: string | undefined): value is EnvironmentState =>
  (ENVIRONMENT_STATES as readonly (string | undefined)[]).includes(value);

/** An environment's lifecycle state, translated, with its status colour. */
export function EnvironmentStateChip({ value }: { value: string | undefined }) {
  const { t } = useTranslationRef(environmentsTranslationRef);
  if (!isState(value)) {
    // A value this card does not know is shown as the backend has it.
    return <StatusAborted>{value ?? t('card.state.unknown')}</StatusAborted>;
  }
  const text = t(`card.state.${value}`);
  switch (value) {
    case 'ready':
      return <StatusOK>{text}</StatusOK>;
    case 'failed':
      return <StatusError>{text}</StatusError>;
    case 'provisioning':
    case 'updating':
    case 'destroying':
      return <StatusRunning>{text}</StatusRunning>;
    case 'requested':
      return <StatusPending>{text}</StatusPending>;
    default:
      return <StatusAborted>{text}</StatusAborted>;
  }
}
