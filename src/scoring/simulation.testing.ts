/**
 * Seeded random variates for the scoring models' simulation tests (BG/NBD, Gamma-Gamma):
 * deterministic, so a recovery test fails the same way every time.
 */

// Module-scope bindings: `Math.x` is a slow global lookup inside jest's vm sandbox.
const { PI, cos, imul, log, pow, sqrt } = Math;

export type Uniform = () => number;

/** mulberry32: tiny seeded PRNG, plenty for a simulation of this size. Values in [0, 1). */
export function mulberry32(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In (0, 1): the variates below take logs and reciprocal powers of it. */
export function openUniform(u: Uniform): number {
  let v = u();
  while (v === 0) v = u();
  return v;
}

function standardNormal(u: Uniform): number {
  return sqrt(-2 * log(openUniform(u))) * cos(2 * PI * u());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 via the U^(1/shape) boost. */
export function gammaVariate(u: Uniform, shape: number): number {
  if (shape < 1) return gammaVariate(u, shape + 1) * pow(openUniform(u), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = openUniform(u);
    if (w < 1 - 0.0331 * x ** 4 || log(w) < 0.5 * x * x + d * (1 - v + log(v))) return d * v;
  }
}

