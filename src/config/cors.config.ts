import { normalizeOrigin } from '../common';
import type { EnvReader } from './env';

/**
 * Which browser origins may call /graphql and /v1/* (CORS_ORIGINS). A key's own
 * `allowedOrigins` add to the origins a preflight lets through and restrict that key
 * (src/http/cors.ts).
 */
export interface CorsConfig {
  /** `'*'`: every origin; otherwise the normalized origins, e.g. `https://shop.example.com`. */
  origins: '*' | readonly string[];
}

const EXPECTED = 'a comma-separated list of origins (scheme://host[:port]) or *';

/** CORS_ORIGINS: comma-separated origins, or `*`; unset or empty allows none but the keys' own. */
export function readCorsConfig(env: EnvReader): CorsConfig {
  const raw = env.raw('CORS_ORIGINS');
  const entries = env.list('CORS_ORIGINS', []).filter(Boolean);
  if (entries.includes('*')) {
    if (entries.length > 1) env.refuse('CORS_ORIGINS', `${EXPECTED} ("*" allows every origin and cannot be combined with others)`, raw ?? '');
    return { origins: '*' };
  }
  const origins: string[] = [];
  for (const entry of entries) {
    try {
      origins.push(normalizeOrigin(entry));
    } catch (error) {
      env.refuse('CORS_ORIGINS', `${EXPECTED} (${(error as Error).message})`, raw ?? '');
    }
  }
  return { origins: [...new Set(origins)] };
}
