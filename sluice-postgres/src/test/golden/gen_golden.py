#!/usr/bin/env python3
"""Regenerates src/test/resources/io/sluice/postgres/types/golden.tsv from a real PostgreSQL server.

For each case: the server's binary encoding (COPY ... WITH (format binary), which writes each field
with the type's *_send function) and its text output (the *_out function, via COPY csv), plus the
type OID. The Java tests assert decoded values against hand-written expectations and compare our
encoder's bytes with the server's. Run: python3 gen_golden.py [psql args...]
(default: -h 127.0.0.1 -U postgres test). Server used for the committed file: PostgreSQL 15.
"""
import os, struct, subprocess, sys

PSQL = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"] + (sys.argv[1:] or ["-h", "127.0.0.1", "-U", "postgres", "test"])
ALL256 = "(select decode(string_agg(lpad(to_hex(i), 2, '0'), '' order by i), 'hex') from generate_series(0, 255) i)"

# key, SQL expression, optional session setup
CASES = [
    ("bool.t", "true", ""), ("bool.f", "false", ""),
    ("int2.min", "(-32768)::int2", ""), ("int2.max", "32767::int2", ""), ("int2.zero", "0::int2", ""),
    ("int4.min", "(-2147483648)::int4", ""), ("int4.max", "2147483647::int4", ""),
    ("int8.min", "(-9223372036854775808)::int8", ""), ("int8.max", "9223372036854775807::int8", ""),
    ("oid.zero", "0::oid", ""), ("oid.max", "4294967295::oid", ""),
    ("float4.1_5", "1.5::float4", ""), ("float4.nan", "'NaN'::float4", ""), ("float4.inf", "'Infinity'::float4", ""),
    ("float4.ninf", "'-Infinity'::float4", ""), ("float4.negzero", "'-0'::float4", ""),
    ("float4.max", "'3.4028235e38'::float4", ""), ("float4.denorm", "'1e-45'::float4", ""),
    ("float8.0_1", "0.1::float8", ""), ("float8.nan", "'NaN'::float8", ""), ("float8.inf", "'Infinity'::float8", ""),
    ("float8.ninf", "'-Infinity'::float8", ""), ("float8.negzero", "'-0'::float8", ""),
    ("float8.big", "1e308::float8", ""), ("float8.denorm", "'5e-324'::float8", ""), ("float8.1e100", "1e100::float8", ""),
    ("numeric.zero", "0::numeric", ""), ("numeric.0_0001", "0.0001::numeric", ""),
    ("numeric.neg", "(-12345.678900)::numeric", ""), ("numeric.1e-20", "'1e-20'::numeric", ""),
    ("numeric.big", "123456789012345678901234567890.123456789::numeric", ""),
    ("numeric.nan", "'NaN'::numeric", ""), ("numeric.inf", "'Infinity'::numeric", ""),
    ("numeric.ninf", "'-Infinity'::numeric", ""), ("numeric.1_50", "1.50::numeric", ""),
    ("numeric.10000", "10000::numeric", ""), ("numeric.negzero", "'-0.000'::numeric", ""),
    ("numeric.int17", "99999999999999999::numeric", ""), ("numeric.1e30", "'1e30'::numeric", ""),
    ("numeric.small", "0.000000012345::numeric", ""),
    ("text.utf8", "'h\u00e9llo \U0001F600 w\u00f6rld \u4e2d'::text", ""), ("text.empty", "''::text", ""),
    ("varchar.x", "'abc def'::varchar", ""), ("bpchar.pad", "'abc'::char(5)", ""), ("name.x", "'pg_class'::name", ""),
    ("char.a", "'a'::\"char\"", ""),
    ("bytea.all", ALL256, ""), ("bytea.empty", "''::bytea", ""),
    ("bytea.escape", ALL256, "SET bytea_output = escape"),
    ("date.epoch", "'2000-01-01'::date", ""), ("date.before", "'1999-12-31'::date", ""),
    ("date.leap", "'2024-02-29'::date", ""), ("date.inf", "'infinity'::date", ""), ("date.ninf", "'-infinity'::date", ""),
    ("date.4713bc", "'4713-01-01 BC'::date", ""), ("date.max", "'5874897-12-31'::date", ""),
    ("date.1bc", "'0001-01-01 BC'::date", ""), ("date.1970", "'1970-01-01'::date", ""),
    ("time.zero", "'00:00:00'::time", ""), ("time.last", "'23:59:59.999999'::time", ""),
    ("time.24", "'24:00:00'::time", ""), ("time.frac", "'04:05:06.789'::time", ""),
    ("timetz.plus2", "'04:05:06.789+02'::timetz", ""), ("timetz.minus530", "'04:05:06-05:30'::timetz", ""),
    ("timetz.utc", "'00:00:00+00'::timetz", ""), ("timetz.secs", "'12:00:00+05:30:15'::timetz", ""),
    ("timestamp.epoch", "'2000-01-01 00:00:00'::timestamp", ""),
    ("timestamp.micros", "'2024-06-01 12:34:56.123456'::timestamp", ""),
    ("timestamp.unix", "'1970-01-01 00:00:00.000001'::timestamp", ""),
    ("timestamp.inf", "'infinity'::timestamp", ""), ("timestamp.ninf", "'-infinity'::timestamp", ""),
    ("timestamp.1bc", "'0001-01-01 00:00:00 BC'::timestamp", ""),
    ("timestamp.before", "'1999-12-31 23:59:59.999999'::timestamp", ""),
    ("timestamp.max", "'294276-12-31 23:59:59.999999'::timestamp", ""),
    ("timestamp.4713bc", "'4713-01-01 00:00:00 BC'::timestamp", ""),
    ("timestamptz.micros", "'2024-06-01 12:34:56.123456+00'::timestamptz", ""),
    ("timestamptz.inf", "'infinity'::timestamptz", ""), ("timestamptz.ninf", "'-infinity'::timestamptz", ""),
    ("timestamptz.before", "'1999-12-31 23:59:59.999999+00'::timestamptz", ""),
    ("timestamptz.kolkata", "'2024-06-01 12:34:56+00'::timestamptz", "SET TimeZone = 'Asia/Kolkata'"),
    ("timestamptz.newyork", "'2024-01-01 00:00:00.5+00'::timestamptz", "SET TimeZone = 'America/New_York'"),
    ("timestamptz.lmt", "'1900-01-01 00:00:00+00'::timestamptz", "SET TimeZone = 'Europe/Amsterdam'"),
    ("timestamptz.1bc", "'0001-01-01 00:00:00+00 BC'::timestamptz", ""),
    ("interval.full", "'1 year 2 mons 3 days 04:05:06.789'::interval", ""),
    ("interval.mixed", "'-1 day +02:00'::interval", ""), ("interval.negsec", "'-00:00:01'::interval", ""),
    ("interval.zero", "'0'::interval", ""), ("interval.negym", "'-1 years -2 mons'::interval", ""),
    ("interval.mon_negday", "'1 mon -1 day'::interval", ""), ("interval.neg10mons", "'-10 mons'::interval", ""),
    ("interval.1day", "'1 day'::interval", ""),
    ("interval.maxmicros", "'2562047788:00:54.775807'::interval", ""),
    ("interval.minmicros", "('-2562047788:00:54.775807'::interval - interval '0.000001 s')", ""),
    ("interval.maxmonths", "'178956970 years 7 mons'::interval", ""),
    ("interval.minmonths", "'-178956970 years -8 mons'::interval", ""),
    ("interval.bigtime", "'100 hours 0.000001 seconds'::interval", ""),
    ("uuid.x", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", ""),
    ("uuid.zero", "'00000000-0000-0000-0000-000000000000'::uuid", ""),
    ("uuid.ff", "'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid", ""),
    ("json.x", "'{\"a\": [1, 2.5, \"x\u00e9\"], \"b\": null}'::json", ""),
    ("jsonb.x", "'{\"a\": [1, 2.5, \"x\u00e9\"], \"b\": null}'::jsonb", ""),
    ("inet.v4", "'192.168.0.1'::inet", ""), ("inet.v4prefix", "'192.168.0.1/24'::inet", ""),
    ("inet.v6loop", "'::1'::inet", ""), ("inet.v6prefix", "'2001:db8::1/64'::inet", ""),
    ("inet.mapped", "'::ffff:1.2.3.4'::inet", ""), ("inet.any", "'0.0.0.0/0'::inet", ""),
    ("inet.v6full", "'2001:db8:1:2:3:4:5:6'::inet", ""), ("inet.v6tie", "'1:0:0:1:0:0:1:1'::inet", ""),
    ("cidr.v4", "'10.0.0.0/8'::cidr", ""), ("cidr.v6", "'2001:db8::/32'::cidr", ""),
    ("cidr.v6any", "'::/0'::cidr", ""), ("cidr.v4host", "'192.168.1.5/32'::cidr", ""),
    ("_int4.nulls", "'{1,NULL,3}'::int4[]", ""), ("_int4.empty", "'{}'::int4[]", ""),
    ("_int4.2d", "'{{1,2},{3,4}}'::int4[]", ""), ("_int4.lb0", "'[0:2]={1,2,3}'::int4[]", ""),
    ("_int4.3d", "'{{{1,2}},{{3,NULL}}}'::int4[]", ""),
    ("_text.quotes", "array['a b', 'c\"d', 'x\\y', NULL, 'NULL', '', 'comma,here', '{brace}', ' sp ', 'h\u00e9 \U0001F600']::text[]", ""),
    ("_text.2d", "'{{a,b},{c,NULL}}'::text[]", ""),
    ("_varchar.x", "array['x', 'y z']::varchar[]", ""), ("_bpchar.x", "array['ab']::char(3)[]", ""),
    ("_name.x", "array['pg_class']::name[]", ""), ("_char.x", "array['a', 'b']::\"char\"[]", ""),
    ("_bool.x", "'{t,f,NULL}'::bool[]", ""), ("_int2.x", "'{-32768,32767}'::int2[]", ""),
    ("_int8.x", "'{-9223372036854775808,9223372036854775807}'::int8[]", ""),
    ("_oid.x", "'{0,4294967295}'::oid[]", ""),
    ("_float4.x", "'{1.5,NaN,-Infinity}'::float4[]", ""), ("_float8.x", "'{0.1,NaN,Infinity,-0}'::float8[]", ""),
    ("_numeric.x", "'{1.50,NaN,-0.0001,Infinity,NULL}'::numeric[]", ""),
    ("_bytea.x", "array['\\x00ff'::bytea, '\\x'::bytea, NULL]", ""),
    ("_date.x", "'{2000-01-01,infinity,-infinity,4713-01-01 BC}'::date[]", ""),
    ("_time.x", "'{04:05:06.789,24:00:00}'::time[]", ""), ("_timetz.x", "'{04:05:06+02}'::timetz[]", ""),
    ("_timestamp.x", "array['2024-06-01 12:34:56.123456'::timestamp, 'infinity']", ""),
    ("_timestamptz.x", "array['2024-06-01 12:34:56.123456+00'::timestamptz, '-infinity']", ""),
    ("_interval.x", "array['1 year 2 mons 3 days 04:05:06.789'::interval, '-00:00:01']", ""),
    ("_uuid.x", "array['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, NULL]", ""),
    ("_json.x", "array['{\"a\":1}'::json, '[1,\"x\"]']", ""), ("_jsonb.x", "array['{\"a\":1}'::jsonb, '[1,\"x\"]']", ""),
    ("_inet.x", "array['192.168.0.1/24'::inet, '::1']", ""), ("_cidr.x", "array['10.0.0.0/8'::cidr, '2001:db8::/32']", ""),
]


def run(setup, sql):
    args = list(PSQL)
    if setup:
        args += ["-c", setup]
    args += ["-c", sql]
    return subprocess.run(args, check=True, capture_output=True).stdout


def copy_binary_field(data):
    sig = b"PGCOPY\n\xff\r\n\x00"
    assert data[:11] == sig, data[:20]
    pos = 11 + 4
    (ext,) = struct.unpack(">i", data[pos:pos + 4])
    pos += 4 + ext
    (nf,) = struct.unpack(">h", data[pos:pos + 2])
    assert nf == 1
    pos += 2
    (ln,) = struct.unpack(">i", data[pos:pos + 4])
    pos += 4
    field = data[pos:pos + ln]
    pos += ln
    assert data[pos:pos + 2] == b"\xff\xff"
    return field


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "../resources/io/sluice/postgres/types/golden.tsv")
    lines = ["# key\toid\tbinary hex (type *_send)\ttext hex (type *_out, UTF-8); generated by gen_golden.py"]
    seen = set()
    for key, expr, setup in CASES:
        assert key not in seen, key
        seen.add(key)
        binf = copy_binary_field(run(setup, f"COPY (SELECT {expr}) TO STDOUT WITH (FORMAT binary)"))
        oid = run(setup, f"COPY (SELECT pg_typeof({expr})::oid) TO STDOUT").decode().strip()
        # CSV with every field quoted: the type's output function text, only '"' doubled. (A ::text
        # cast is not the output function for every type: bool::text is 'true', inet::text adds /32.)
        csv = run(setup, f"COPY (SELECT {expr}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)")
        assert csv.startswith(b'"') and csv.endswith(b'"\n'), csv[:40]
        texthex = csv[1:-2].replace(b'""', b'"').hex()
        lines.append(f"{key}\t{oid}\t{binf.hex()}\t{texthex}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(CASES)} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
