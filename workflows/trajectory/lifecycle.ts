import type { Effects } from './effects';
import type { Trajectory } from './state';

/** What every handler works with: the state and its rules, and the effects on the world. */
export interface Lifecycle {
  t: Trajectory;
  fx: Effects;
}
