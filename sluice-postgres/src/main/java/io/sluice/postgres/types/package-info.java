/**
 * PostgreSQL type codecs, asyncpg style: one {@link io.sluice.postgres.types.PgCodec} per type OID,
 * resolved once per statement column by {@link io.sluice.postgres.types.CodecRegistry}, so decoding
 * a row is an array lookup plus one call per field.
 *
 * <p>Java mapping (binary and text decode to equal values): bool Boolean; int2 Short; int4 Integer;
 * int8 and oid Long; float4 Float; float8 Double; numeric BigDecimal with the server's scale, but
 * NaN / Infinity / -Infinity as the Double constants (so numeric's Java type is Number); text,
 * varchar, bpchar, name, "char", json, jsonb String; bytea byte[]; date LocalDate; time LocalTime;
 * timetz OffsetTime; timestamp LocalDateTime; timestamptz OffsetDateTime at UTC (infinities as the
 * MAX/MIN constants of each class); interval {@link io.sluice.postgres.types.PgInterval}; uuid UUID;
 * inet/cidr {@link io.sluice.postgres.types.PgInet}; arrays Java arrays of the element class,
 * nested for more dimensions, lower bounds dropped; any other OID a String (text fallback).
 *
 * <p>Session settings the text decoders rely on (the session sets or checks them via
 * ParameterStatus): {@code client_encoding = UTF8}, {@code DateStyle = ISO},
 * {@code IntervalStyle = postgres}, {@code extra_float_digits >= 1} (default since PostgreSQL 12).
 * Binary results need none of them; {@code bytea_output} may be hex or escape.
 *
 * <p>Every decoder reports malformed input as {@link io.sluice.core.error.ProtocolException} naming
 * the type; every encoder reports an unusable Java value as
 * {@link io.sluice.core.error.UsageException}.
 */
package io.sluice.postgres.types;
