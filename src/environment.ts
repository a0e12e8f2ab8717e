// Node's process.env is a C++ interceptor: every read is a call into the runtime (~1 µs).
// Powertools reads a dozen variables on every log line and metrics flush, which made them the
// largest single cost of a warm invocation (BENCHMARKS.md). A plain-object snapshot reads like
// any object; writes still land in it, including the trace id Lambda sets per invocation.
// Imported first by handler.ts, so that it runs before anything reads the environment.
process.env = { ...process.env };
