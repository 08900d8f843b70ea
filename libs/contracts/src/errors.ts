/** The one error body every endpoint sends. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}
