import { isStudioError } from '@studio/ir/errors';

/** The sentence to show a person for any thrown value: coded errors already say what to do next. */
export function errorMessage(e: unknown): string {
  if (isStudioError(e)) return e.message;
  if (e instanceof Error) return `Something went wrong: ${e.message}`;
  return 'Something went wrong. Try again.';
}
