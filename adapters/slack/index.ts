// The Slack surface (see adapter.ts).
export {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
  type SlackConfig,
} from './adapter.js';
export { deliveryFromError, TERMINAL_SLACK_ERRORS, type TerminalScope } from './delivery-errors.js';
export { EmptySigningSecretError, SLACK_EVENTS_PATH } from './receiver.js';
export { signSlackRequest, verifySlackSignature } from './verify-signature.js';
