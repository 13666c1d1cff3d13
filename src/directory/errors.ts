/**
 * Directory errors. Each names the field a person must fix, so the API can answer
 * `400 {field: [message]}` (authentik's validation shape) and the CLI can print it.
 */
export class DirectoryValidationError extends Error {
  readonly code = 'validation_error';
  constructor(readonly fields: Record<string, string[]>) {
    super(
      Object.entries(fields)
        .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
        .join('; '),
    );
  }

  static field(field: string, message: string): DirectoryValidationError {
    return new DirectoryValidationError({ [field]: [message] });
  }
}

export class DirectoryNotFoundError extends Error {
  readonly code = 'not_found';
  constructor(
    readonly model: string,
    readonly key: string | number,
  ) {
    super(`No ${model} matches the given query.`);
  }
}
