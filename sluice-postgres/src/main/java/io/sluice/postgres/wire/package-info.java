/**
 * Sans-I/O codecs for the PostgreSQL frontend/backend protocol v3 (PostgreSQL docs, chapter
 * "Frontend/Backend Protocol"): {@link io.sluice.postgres.wire.Framing} bounds frame lengths,
 * {@link io.sluice.postgres.wire.BackendDecoder} turns bodies into
 * {@link io.sluice.postgres.wire.BackendMessage} records, {@link io.sluice.postgres.wire.Frontend}
 * and {@link io.sluice.postgres.wire.BindWriter} encode requests, and
 * {@link io.sluice.postgres.wire.PgErrorMapper} maps ErrorResponse to Sluice's error hierarchy.
 * No sockets, threads or clocks here.
 */
package io.sluice.postgres.wire;
