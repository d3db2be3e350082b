import { ValidationErrors } from '../common';

/** Keys of content items and placements (the same rule as segment keys). */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** Collects every problem with its path, so a client can fix them all in one go. */
export class Problems {
  readonly items: { path: string; message: string }[] = [];

  add(path: string, message: string): false {
    this.items.push({ path, message });
    return false;
  }

  /** Re-files problems reported by another validator (e.g. the segment DSL) under their own paths. */
  addAll(error: unknown): void {
    if (error instanceof ValidationErrors) this.items.push(...error.problems);
    else throw error;
  }

  throwIfAny(): void {
    if (this.items.length) throw new ValidationErrors(this.items);
  }
}
