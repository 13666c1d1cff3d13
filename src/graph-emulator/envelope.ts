/**
 * Graph's error envelope (https://learn.microsoft.com/graph/errors,
 * https://learn.microsoft.com/graph/throttling): `{"error": {code, message, innerError, details?}}`.
 * The 429 body carries the documented innerError shape instead (`code`, `date`, `message`,
 * `request-id`, `status`).
 */
import type { GraphError } from './errors.js';

/** `2024-05-01T12:00:00`: innerError dates have no fraction and no zone. */
export function innerErrorDate(): string {
  return new Date().toISOString().slice(0, 19);
}

/** Builds the JSON error body. */
export function graphErrorBody(
  error: GraphError,
  requestId: string,
  clientRequestId: string | undefined,
): Record<string, unknown> {
  if (error.status === 429) {
    return {
      error: {
        code: 'TooManyRequests',
        message: 'Please retry again later.',
        innerError: {
          code: '429',
          date: innerErrorDate(),
          message: 'Please retry after',
          'request-id': requestId,
          status: '429',
        },
      },
    };
  }
  const body: Record<string, unknown> = {
    code: error.code,
    message: error.message,
    innerError: {
      date: innerErrorDate(),
      'request-id': requestId,
      'client-request-id': clientRequestId ?? requestId,
    },
  };
  if (error.details) body.details = error.details;
  return { error: body };
}
