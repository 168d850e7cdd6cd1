import { BadInput } from '@app/domain';

/**
 * Text the importer cannot turn into an article. It is a `BadInput` (BAD_USER_INPUT with a field)
 * because the fix is always in the submitted text; the message says what and, where it can, on
 * which line.
 */
export class ImportRejected extends BadInput {
  declare readonly field: 'text' | 'format';

  constructor(
    message: string,
    /** 1-based line of the text the problem is on, when it is on one. */
    readonly line: number | null = null,
    field: 'text' | 'format' = 'text',
  ) {
    super(line === null ? message : `line ${line}: ${message}`, field);
    this.name = 'ImportRejected';
  }
}
