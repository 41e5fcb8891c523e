export {
  SLACK_SANDBOX_TOKEN,
  SlackStandIn,
  slackStandIn,
} from './SlackStandIn.ts';
