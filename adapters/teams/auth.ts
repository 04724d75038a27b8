// Bot Framework authentication for both directions, from MicrosoftAppId/Password/Type/TenantId:
// - inbound: botbuilder validates the JWT on every request (issuer, audience = app id, signing key from the
//   OpenID metadata, `serviceurl` claim) when an app id is set; without one it accepts anonymous requests,
//   which is what the Bot Framework Emulator expects.
// - outbound: each connector client gets a bounded retry instead of the Azure SDK's default, which sleeps for
//   the full Retry-After (minutes, under throttling) and retries three times inside a request — holding a
//   turn or an outbox lease far longer than the Bot Service or the dispatcher can wait.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../../bot/config/env.js';
import type { Logger } from '../../bot/log/logger.js';
import { parseRetryAfter } from './errors.js';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
export type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
/** botbuilder's ServiceClientCredentialsFactory, without importing botframework-connector directly. */
export type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
export type TeamsActivity = Activity;

export interface TeamsAuthOptions {
  /**
   * Extra ConfigurationBotFrameworkAuthentication settings, e.g. `ToBotFromChannelOpenIdMetadataUrl` for a
   * sovereign cloud, or a local OpenID document in tests (there is no internet in CI).
   */
  settings?: Record<string, string>;
  /** Replaces the credentials botbuilder derives from the app id and password (tests, certificates). */
  credentialsFactory?: CredentialsFactory;
  /** Longest wait for the one in-request retry of a throttled or unavailable connector call; default 1000 ms. */
  maxInlineRetryWaitMs?: number;
  /** Per-request timeout for connector calls; default 15 s (the Bot Service gives a turn 15 s in all). */
  requestTimeoutMs?: number;
}

export interface TeamsAuth {
  authentication: ConfigurationBotFrameworkAuthentication;
  /** '' when unauthenticated (Emulator mode). */
  appId: string;
  anonymous: boolean;
  /** Validates the Authorization header for an activity; throws (see `authFailureStatus`) when refused. */
  authenticate(activity: TeamsActivity, authHeader: string): Promise<AuthenticateRequestResult>;
}

type TeamsAuthConfig = Pick<
  Config,
  'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'
>;

/**
 * botbuilder's public-cloud values. Its factory uses them only when *no* endpoint setting is given; as soon as one
 * is (say, a local OpenID document), it expects all of them, so the others are filled in from here.
 */
export const PUBLIC_CLOUD: Readonly<Record<string, string>> = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

export function createTeamsAuth(config: TeamsAuthConfig, logger: Logger, options: TeamsAuthOptions = {}): TeamsAuth {
  const appId = config.MicrosoftAppId ?? '';
  const overrides = options.settings ?? {};
  const settings: Record<string, string> = Object.keys(overrides).length > 0 ? { ...PUBLIC_CLOUD, ...overrides } : {};
  for (const key of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const) {
    const value = config[key];
    if (value) settings[key] = value;
  }
  const retry = boundedRetryPolicy(options.maxInlineRetryWaitMs ?? 1000, options.requestTimeoutMs ?? 15_000);
  const authentication = new BoundedRetryAuthentication(settings, options.credentialsFactory, (client) => {
    if (!replaceRetryPolicy(client, retry)) {
      logger.warn({ event: 'teams.retry_policy_unchanged' }, 'could not replace the connector retry policy');
    }
  });
  if (!appId) {
    logger.warn(
      { event: 'teams.unauthenticated' },
      'MicrosoftAppId is not set: /api/messages accepts unauthenticated requests (Bot Framework Emulator mode); set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId for Teams',
    );
  }
  return {
    authentication,
    appId,
    anonymous: !appId,
    authenticate: (activity, authHeader) => authentication.authenticateRequest(activity, authHeader),
  };
}

/**
 * The HTTP status for a refused or failed authentication: 401 for a missing, malformed, expired or wrongly
 * signed token; 503 when the signing keys could not be fetched (the caller should retry, the token may be fine).
 */
export function authFailureStatus(error: unknown): 401 | 503 {
  const e = error as { statusCode?: unknown; name?: unknown; message?: unknown };
  if (typeof e?.statusCode === 'number') return e.statusCode === 401 || e.statusCode === 403 ? 401 : 503;
  // jsonwebtoken's errors: bad signature, malformed, expired, not yet valid.
  if (e?.name === 'JsonWebTokenError' || e?.name === 'TokenExpiredError' || e?.name === 'NotBeforeError') return 401;
  return 503;
}

class BoundedRetryAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    settings: Record<string, string>,
    credentialsFactory: CredentialsFactory | undefined,
    private readonly onClient: (client: unknown) => void,
  ) {
    super(settings, credentialsFactory);
  }

  override async authenticateRequest(activity: TeamsActivity, authHeader: string) {
    const result = await super.authenticateRequest(activity, authHeader);
    if (result.connectorFactory) result.connectorFactory = this.wrap(result.connectorFactory);
    return result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(super.createConnectorFactory(claimsIdentity));
  }

  private wrap(inner: ConnectorFactory): ConnectorFactory {
    return {
      create: async (serviceUrl: string, audience?: string) => {
        const client = await inner.create(serviceUrl, audience);
        this.onClient(client);
        return client;
      },
    };
  }
}

// The few shapes of @azure/core-rest-pipeline used here, so this file does not import a transitive package.
interface PipelineResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
}
interface PipelineRequestLike {
  timeout: number;
}
interface PipelinePolicyLike {
  name: string;
  sendRequest(
    request: PipelineRequestLike,
    next: (request: PipelineRequestLike) => Promise<PipelineResponseLike>,
  ): Promise<PipelineResponseLike>;
}
interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicyLike, options?: { phase?: 'Retry' }): void;
  getOrderedPolicies(): { name: string }[];
}

const AZURE_DEFAULT_RETRY = 'defaultRetryPolicy';
export const BOUNDED_RETRY_POLICY = 'leerkansBoundedRetry';
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

/** Swaps the Azure SDK retry for ours on a botbuilder ConnectorClient; false when its internals changed. */
export function replaceRetryPolicy(client: unknown, policy: PipelinePolicyLike): boolean {
  const pipeline = (client as { client?: { pipeline?: PipelineLike } })?.client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  const names = pipeline.getOrderedPolicies().map((p) => p.name);
  if (names.includes(BOUNDED_RETRY_POLICY)) return true;
  pipeline.removePolicy({ name: AZURE_DEFAULT_RETRY });
  pipeline.addPolicy(policy, { phase: 'Retry' });
  return true;
}

const outboxCall = new AsyncLocalStorage<true>();

/**
 * Runs fn's connector calls without the in-request retry: the outbox retries proactive sends itself, under its
 * rate limit and the platform's Retry-After (a retry here would be a request the limiter never saw).
 */
export const withoutInlineRetry = <T>(fn: () => Promise<T>): Promise<T> => outboxCall.run(true, fn);

/**
 * At most one retry, and only when the wait is short (Retry-After ≤ maxWaitMs, or a 5xx without one): a blip
 * is absorbed in the request; anything longer goes back to the caller, whose error says how long to wait.
 */
export function boundedRetryPolicy(maxWaitMs: number, timeoutMs: number): PipelinePolicyLike {
  return {
    name: BOUNDED_RETRY_POLICY,
    async sendRequest(request, next) {
      if (!request.timeout) request.timeout = timeoutMs;
      const response = await next(request);
      if (!RETRYABLE.has(response.status) || outboxCall.getStore()) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfter ?? (response.status === 429 ? undefined : 250);
      if (wait === undefined || wait > maxWaitMs) return response;
      await new Promise((resolve) => setTimeout(resolve, wait));
      return next(request);
    },
  };
}
