/** The Nelder–Mead simplex minimizer the BG/NBD fit uses (bgnbd.ts), derivative-free. */

// Bound once at module scope (see bgnbd.ts).
const { abs, max, min } = Math;
const { isFinite: isFiniteNumber } = Number;

export interface NelderMeadOptions {
  step: number;
  maxIterations: number;
  tolerance: number;
  stallIterations?: number;
}

export interface NelderMeadResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

// Standard coefficients (Nelder & Mead 1965; Lagarias et al. 1998): in 4 dimensions the
// dimension-adaptive variants buy nothing.
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

function affine(from: number[], toward: number[], t: number): number[] {
  return from.map((v, i) => v + t * (toward[i] - v));
}

function simplexDiameter(points: number[][]): number {
  let diameter = 0;
  for (let i = 1; i < points.length; i++) {
    for (let j = 0; j < points[i].length; j++) {
      diameter = max(diameter, abs(points[i][j] - points[0][j]));
    }
  }
  return diameter;
}

/** Minimizes f from x0. Non-finite values count as +∞, so f may refuse regions. */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  { step, maxIterations, tolerance, stallIterations }: NelderMeadOptions,
): NelderMeadResult {
  const evaluate = (x: number[]): number => {
    const value = f(x);
    return isFiniteNumber(value) ? value : Infinity;
  };
  const n = x0.length;
  let points = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))];
  let values = points.map(evaluate);

  let markValue = Infinity;
  let markIteration = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // Sort best → worst; ties keep their order, so runs are reproducible.
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    points = order.map((i) => points[i]);
    values = order.map((i) => values[i]);

    if (values[n] - values[0] <= tolerance && simplexDiameter(points) <= tolerance) {
      return { x: points[0], fx: values[0], iterations: iteration, converged: true };
    }
    if (stallIterations !== undefined) {
      if (values[0] < markValue - tolerance) [markValue, markIteration] = [values[0], iteration];
      else if (iteration - markIteration >= stallIterations) {
        return { x: points[0], fx: values[0], iterations: iteration, converged: false };
      }
    }

    const centroid = x0.map((_, j) => points.slice(0, n).reduce((s, p) => s + p[j], 0) / n);
    const worst = points[n];
    const reflected = affine(centroid, worst, -REFLECT);
    const fReflected = evaluate(reflected);

    if (fReflected < values[0]) {
      const expanded = affine(centroid, worst, -EXPAND);
      const fExpanded = evaluate(expanded);
      [points[n], values[n]] = fExpanded < fReflected ? [expanded, fExpanded] : [reflected, fReflected];
    } else if (fReflected < values[n - 1]) {
      [points[n], values[n]] = [reflected, fReflected];
    } else {
      // Contract toward whichever of the reflected and worst points is better.
      const outside = fReflected < values[n];
      const contracted = affine(centroid, outside ? reflected : worst, CONTRACT);
      const fContracted = evaluate(contracted);
      if (fContracted < (outside ? fReflected : values[n])) {
        [points[n], values[n]] = [contracted, fContracted];
      } else {
        points = points.map((p, i) => (i === 0 ? p : affine(points[0], p, SHRINK)));
        values = points.map((p, i) => (i === 0 ? values[0] : evaluate(p)));
      }
    }
  }
  const best = values.indexOf(min(...values));
  return { x: points[best], fx: values[best], iterations: maxIterations, converged: false };
}

export interface RestartOptions {
  maxIterations: number;
  tolerance: number;
  maxRestarts: number;
  stallIterations?: number;
}

/**
 * Nelder–Mead from x0 (step 0.5), then restarted around the incumbent (step 0.1) until a
 * restart that converges no longer improves it by more than `tolerance`: a simplex can stall
 * collapsed short of the optimum. With `stallIterations`, a restart that gains nothing also
 * ends the search (unconverged). Deterministic. The model fits (bgnbd.ts, gamma-gamma.ts) share it.
 */
export function minimizeWithRestarts(f: (x: number[]) => number, x0: number[], options: RestartOptions): NelderMeadResult {
  const { maxIterations, tolerance, maxRestarts, stallIterations } = options;
  let best = nelderMead(f, x0, { step: 0.5, maxIterations, tolerance, stallIterations });
  let iterations = best.iterations;
  let converged = false;
  for (let restart = 0; restart < maxRestarts && isFiniteNumber(best.fx); restart++) {
    const next = nelderMead(f, best.x, { step: 0.1, maxIterations, tolerance, stallIterations });
    iterations += next.iterations;
    const improvement = best.fx - next.fx;
    if (next.fx <= best.fx) best = next;
    if (next.converged && improvement <= tolerance) {
      converged = true;
      break;
    }
    if (stallIterations !== undefined && improvement <= tolerance) break;
  }
  return { ...best, iterations, converged };
}
