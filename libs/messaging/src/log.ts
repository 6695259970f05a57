/** The little of a logger the messaging parts need; Nest's Logger fits it. */
export interface LogSink {
  log(message: unknown, ...rest: unknown[]): void;
  warn(message: unknown, ...rest: unknown[]): void;
  error(message: unknown, ...rest: unknown[]): void;
}
