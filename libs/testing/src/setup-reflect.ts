import 'reflect-metadata';

// Tests keep logs to errors unless asked otherwise.
process.env.LOG_LEVEL ??= 'error';
