// Package faulttest holds the fault tests of issue 9: the real binary is built and run as a
// server, pupils submit with retries as the survey page's script does, and the server is
// killed with SIGKILL (or, with MongoDB, cut off from its database for five seconds) in the
// middle. Every acknowledged answer must be stored, and after the retries every class must
// have exactly one response per pupil.
//
// The short kill test runs in the README's test command; HN_FULL_FAULT=1 runs it with 500
// pupils (make bench). The MongoDB connection-loss test runs only when MONGODB_URI is set.
package faulttest
