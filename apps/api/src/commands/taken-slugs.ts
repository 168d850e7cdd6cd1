import { Injectable, Optional } from '@nestjs/common';
import { ReadModels } from '@app/projections';

/**
 * The slugs articles already have, so a new one gets its own (`cafe`, `cafe-2`, …). A slug is a
 * name for people and links, not a guard: it is read from this instance's read models, and two
 * imports of one title racing on two instances could still meet (their ids never do). The CLI,
 * which keeps no read models, takes the slug as the title gives it.
 */
@Injectable()
export class TakenSlugs {
  constructor(@Optional() private readonly readModels?: ReadModels) {}

  /** Those of the taken slugs that `base` could collide with. */
  taken(base: string): ReadonlySet<string> {
    return this.readModels?.slugsLike(base) ?? new Set();
  }
}
