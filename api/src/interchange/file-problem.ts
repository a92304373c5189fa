/**
 * A problem with the file as a whole (it is not what it says, it is too big, it has no sheet
 * to import): the import stops, answers 400 (413 for size) and writes nothing.
 */
export class FileProblem extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly sheet = '',
    readonly column: string | null = null,
  ) {
    super(code);
    this.name = 'FileProblem';
  }
}
