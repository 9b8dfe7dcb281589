/** One finding: what is wrong, in words an admin can act on, with a stable code. */
export interface Problem {
  code: string;
  message: string;
  fix: string;
}

/** A failed doctor step, carrying its problem. */
export class Failed extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

export const fail = (code: string, message: string, fix: string): never => {
  throw new Failed({ code, message, fix });
};
