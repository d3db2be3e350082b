import { normalizeOrigin } from '../common';

/**
 * Which browser origins may call /graphql and /v1/* (CORS_ORIGINS). A key's own
 * `allowedOrigins` add to the origins a preflight lets through and restrict that key
 * (src/http/cors.ts).
 */
export interface CorsConfig {
  /** `'*'`: every origin; otherwise the normalized origins, e.g. `https://shop.example.com`. */
  origins: '*' | readonly string[];
}

/** CORS_ORIGINS: comma-separated origins, or `*`; unset or empty allows none but the keys' own. */
export function loadCorsConfig(env: NodeJS.ProcessEnv): CorsConfig {
  const entries = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.includes('*')) {
    if (entries.length > 1) throw new Error(`CORS_ORIGINS: "*" allows every origin and cannot be combined with others, got "${env.CORS_ORIGINS}"`);
    return { origins: '*' };
  }
  const origins = entries.map((entry) => {
    try {
      return normalizeOrigin(entry);
    } catch (error) {
      throw new Error(`CORS_ORIGINS: ${(error as Error).message}`);
    }
  });
  return { origins: [...new Set(origins)] };
}
