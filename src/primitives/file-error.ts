/**
 * What a path turned out to hold when reading it failed, in the words of "expected ..., found
 * ...": the rules loader and the usage reader tell file-system errors alike.
 */

/**
 * Describes a failed read of a path.
 * @param error - the error `fs` threw
 * @returns `nothing there`, `a directory`, `a file where the path needs a directory`,
 *   `something this user may not read`, or the error's own message
 */
export function foundAtPath(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'nothing there';
    case 'ENOTDIR':
      return 'a file where the path needs a directory';
    case 'EISDIR':
      return 'a directory';
    case 'EACCES':
    case 'EPERM':
      return 'something this user may not read';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
