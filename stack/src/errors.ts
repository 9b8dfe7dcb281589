/** A problem the person running the stack can fix: what went wrong, and what to do. */
export class StackError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'StackError';
  }
}
