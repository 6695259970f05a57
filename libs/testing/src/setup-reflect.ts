import 'reflect-metadata';

// Tests keep logs to errors unless asked otherwise.
process.env.LOG_LEVEL ??= 'error';
// Closing processes serve on after readiness fails (SHUTDOWN_DRAIN_MS); tests close at once unless a test asks.
process.env.SHUTDOWN_DRAIN_MS ??= '0';
