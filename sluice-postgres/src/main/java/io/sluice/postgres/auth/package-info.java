/**
 * Client-side authentication for PostgreSQL, sans-I/O: MD5 passwords, SCRAM-SHA-256 and
 * SCRAM-SHA-256-PLUS with SASLprep, tls-server-end-point channel binding data, and the
 * channel-binding policy that must never be silently downgraded.
 */
package io.sluice.postgres.auth;
