/**
 * The PostgreSQL wire driver: frontend/backend protocol v3 codecs ({@code wire}), authentication
 * ({@code auth}: cleartext, md5, SCRAM-SHA-256 and -PLUS), binary and text type codecs
 * ({@code types}) and the connection state machine ({@code session}).
 */
package io.sluice.postgres;
