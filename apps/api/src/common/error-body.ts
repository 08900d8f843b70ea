import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from '@league/contracts';

/** Builds the one error body shape: `{statusCode, error, message}` with a single readable message. */
export function errorBody(statusCode: number, message: unknown): ErrorBody {
  const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message: text || (STATUS_CODES[statusCode] ?? 'Error'),
  };
}
