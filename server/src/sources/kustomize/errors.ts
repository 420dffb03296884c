/** A failure of the build with kustomize's wording and the place that caused it. */
export interface KustomizeDiagnostic {
  message: string;
  severity: 'error' | 'warning';
  /** What a warning is about: a deprecated field (kustomize's own advice), or a remote resource that was not fetched. */
  kind?: 'deprecation' | 'remote';
  /** POSIX path relative to the built directory (may start with `../`), or undefined when no file is to blame. */
  file?: string;
  start: number;
  end: number;
}

export interface Place {
  file?: string;
  start: number;
  end: number;
}

export class BuildError extends Error {
  constructor(
    message: string,
    public place: Place = { start: 0, end: 0 },
  ) {
    super(message);
  }
}

/** Prefixes an error's message the way kustomize wraps errors on their way out, keeping the innermost place. */
export function wrap(error: unknown, prefix: string, place?: Place): BuildError {
  if (error instanceof BuildError) {
    error.message = `${prefix}: ${error.message}`;
    if (error.place.file === undefined && place) error.place = place;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BuildError(`${prefix}: ${message}`, place);
}
