/** A source write that names no source, or merges one into itself: the API answers 404 or 400. */
export class SourceError extends Error {
  constructor(
    readonly reason: 'same' | 'missing',
    message: string,
    /** Where in the request: `into`, `aliases.2.sourceId`. */
    readonly path?: string,
  ) {
    super(message);
  }
}
