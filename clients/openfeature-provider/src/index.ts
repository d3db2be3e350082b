import {
  FlagNotFoundError, GeneralError, StandardResolutionReasons, TargetingKeyMissingError, TypeMismatchError,
  type EvaluationContext, type JsonValue, type Provider, type ResolutionDetails,
} from '@openfeature/server-sdk';

/** What a flag key stands for on the server. */
export type FlagTarget = { experiment: string } | { placement: string };

export interface SegmentaryProviderOptions {
  /** The server's GraphQL endpoint, e.g. https://cdp.example.com/graphql */
  url: string;
  /** A read key, or a public personalize key (anonymous ids, or users with their signed token). */
  apiKey: string;
  /** Flag key → experiment or placement. A flag not listed is tried as an experiment of the same key. */
  flags?: Record<string, FlagTarget>;
  /** Per-request timeout (default 2 s). */
  timeoutMs?: number;
}

interface Answer {
  value: string | JsonValue;
  variant?: string;
  reason: string;
  ours: string;
}

const EXPERIMENT = `query($e: String!, $u: String, $a: String) { experimentVariant(experiment: $e, userId: $u, anonymousId: $a) { variant } }`;
const PLACEMENT = `query($p: String!, $u: String, $a: String) { personalize(placement: $p, userId: $u, anonymousId: $a) { reason content { key payload } } }`;

/** Our decision reasons in OpenFeature's standard words. */
function standardReason(ours: string): string {
  if (ours === 'experiment') return StandardResolutionReasons.SPLIT;
  if (ours === 'segment' || ours === 'condition' || ours === 'everyone') return StandardResolutionReasons.TARGETING_MATCH;
  return StandardResolutionReasons.DEFAULT;
}

/**
 * An OpenFeature server provider for Segmentary: each evaluation asks the server (one GraphQL
 * request) for an experiment's variant or a placement's decision for the visitor named by the
 * context's `targetingKey` (an anonymous id) or `userId`.
 */
export class SegmentaryProvider implements Provider {
  readonly metadata = { name: 'segmentary' } as const;
  readonly runsOn = 'server' as const;

  constructor(private readonly options: SegmentaryProviderOptions) {}

  async resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    const answer = await this.evaluate(flagKey, context, 'string');
    return answer ? this.details(answer.value as string, answer) : { value: defaultValue, reason: StandardResolutionReasons.DEFAULT };
  }

  async resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    const answer = await this.evaluate(flagKey, context, 'object');
    return answer ? this.details(answer.value as T, answer) : { value: defaultValue, reason: StandardResolutionReasons.DEFAULT };
  }

  resolveBooleanEvaluation(flagKey: string): Promise<ResolutionDetails<boolean>> {
    return Promise.reject(new TypeMismatchError(`flag "${flagKey}" is a variant or content, not a boolean: use getStringValue or getObjectValue`));
  }

  resolveNumberEvaluation(flagKey: string): Promise<ResolutionDetails<number>> {
    return Promise.reject(new TypeMismatchError(`flag "${flagKey}" is a variant or content, not a number: use getStringValue or getObjectValue`));
  }

  private details<T>(value: T, answer: Answer): ResolutionDetails<T> {
    return { value, variant: answer.variant, reason: answer.reason, flagMetadata: { reason: answer.ours } };
  }

  /** The server's answer, or null when the visitor gets nothing (not in the experiment, no content). */
  private async evaluate(flagKey: string, context: EvaluationContext, type: 'string' | 'object'): Promise<Answer | null> {
    const anonymousId = context.targetingKey || undefined;
    const userId = typeof context.userId === 'string' ? context.userId : undefined;
    if (!anonymousId && !userId) throw new TargetingKeyMissingError('give targetingKey (an anonymous id) or userId');
    const target = this.options.flags?.[flagKey] ?? { experiment: flagKey };
    const token = typeof context.userToken === 'string' ? context.userToken : undefined;
    if ('experiment' in target) {
      const data = await this.request(EXPERIMENT, { e: target.experiment, u: userId, a: anonymousId }, token, flagKey);
      const variant = (data.experimentVariant as { variant: string } | null)?.variant;
      return variant ? { value: variant, variant, reason: StandardResolutionReasons.SPLIT, ours: 'experiment' } : null;
    }
    const data = await this.request(PLACEMENT, { p: target.placement, u: userId, a: anonymousId }, token, flagKey);
    const decision = data.personalize as { reason: string; content: { key: string; payload: JsonValue } | null };
    if (!decision.content) return null;
    const value = type === 'object' ? decision.content.payload : decision.content.key;
    return { value, variant: decision.content.key, reason: standardReason(decision.reason), ours: decision.reason };
  }

  private async request(query: string, variables: Record<string, unknown>, token: string | undefined, flagKey: string): Promise<Record<string, unknown>> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}`, ...(token ? { 'x-user-token': token } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 2000),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error?.extensions?.code === 'NOT_FOUND') throw new FlagNotFoundError(`flag "${flagKey}": ${error.message}`);
    if (error || !body.data) throw new GeneralError(`flag "${flagKey}": ${error?.message ?? `HTTP ${response.status}`}`);
    return body.data;
  }
}
