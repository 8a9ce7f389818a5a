// Every test file: quiet logs, UTC process time zone (dates in China time are computed explicitly).
process.env.TZ = 'UTC';
