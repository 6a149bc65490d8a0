/** Exit codes of Contract 5: the highest applies when several files are given. */
export const EXIT = { ok: 0, dataErrors: 1, usage: 2, push: 3 } as const;
