#!/usr/bin/env python3
"""Captures raw backend bytes from a live PostgreSQL (trust auth) for the decoder tests.

Usage: python3 capture_pg.py [host] [port]  -- prints one "name: hex" line per exchange.
The frontend messages are built by hand here (not by Sluice) so the captured server replies
are independent of the code under test.
"""
import socket, struct, sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 5432


def msg(t, body):
    return t + struct.pack("!i", len(body) + 4) + body


def cstr(s):
    return s.encode() + b"\0"


def read_until_ready(sock):
    """Reads whole backend messages up to and including ReadyForQuery; returns raw bytes."""
    buf = b""
    out = b""
    while True:
        while len(buf) < 5:
            chunk = sock.recv(65536)
            if not chunk:
                raise EOFError
            buf += chunk
        t = buf[0:1]
        (n,) = struct.unpack("!i", buf[1:5])
        while len(buf) < 1 + n:
            buf += sock.recv(65536)
        out += buf[: 1 + n]
        buf = buf[1 + n:]
        if t == b"Z":
            return out


def main():
    s = socket.create_connection((HOST, PORT))
    params = cstr("user") + cstr("postgres") + cstr("database") + cstr("test") + b"\0"
    body = struct.pack("!i", 196608) + params
    s.sendall(struct.pack("!i", len(body) + 4) + body)
    print("startup:", read_until_ready(s).hex())

    sql = "select 1::int4 as a, null::text as b, 'x' as c"
    ext = (msg(b"P", cstr("") + cstr(sql) + struct.pack("!h", 0))
           + msg(b"B", cstr("") + cstr("") + struct.pack("!hhh", 0, 0, 0))
           + msg(b"D", b"P" + cstr(""))
           + msg(b"E", cstr("") + struct.pack("!i", 0))
           + msg(b"S", b""))
    s.sendall(ext)
    print("extended:", read_until_ready(s).hex())

    # ParameterDescription + NoData (describe statement of a statement returning no rows),
    # PortalSuspended (maxRows 1 on two rows), CloseComplete.
    s.sendall(msg(b"P", cstr("s1") + cstr("select $1::int8, $2::text") + struct.pack("!h", 0))
              + msg(b"D", b"S" + cstr("s1"))
              + msg(b"P", cstr("s2") + cstr("set search_path = public") + struct.pack("!h", 0))
              + msg(b"D", b"S" + cstr("s2"))
              + msg(b"P", cstr("") + cstr("select * from (values (1),(2)) v(x)") + struct.pack("!h", 0))
              + msg(b"B", cstr("") + cstr("") + struct.pack("!hh", 0, 0) + struct.pack("!hh", 1, 1))
              + msg(b"E", cstr("") + struct.pack("!i", 1))
              + msg(b"C", b"S" + cstr("s1"))
              + msg(b"S", b""))
    print("describe:", read_until_ready(s).hex())

    # Simple query: ErrorResponse for a missing table.
    s.sendall(msg(b"Q", cstr("select * from no_such_table_xyz")))
    print("error:", read_until_ready(s).hex())

    # Unique violation with detail/schema/table/constraint fields.
    s.sendall(msg(b"Q", cstr("create temp table cap_u(email text constraint cap_u_email_key unique)")))
    read_until_ready(s)
    s.sendall(msg(b"Q", cstr("insert into cap_u values ('a@x'); insert into cap_u values ('a@x')")))
    print("unique:", read_until_ready(s).hex())

    # NoticeResponse, EmptyQueryResponse, NotificationResponse.
    s.sendall(msg(b"Q", cstr("do $$ begin raise notice 'hello %', 42; end $$")))
    print("notice:", read_until_ready(s).hex())
    s.sendall(msg(b"Q", cstr("")))
    print("empty:", read_until_ready(s).hex())
    s.sendall(msg(b"Q", cstr("listen chan1; notify chan1, 'payload-1'")))
    print("notify:", read_until_ready(s).hex())

    # COPY out, and a transaction block (ReadyForQuery 'T' then 'E').
    s.sendall(msg(b"Q", cstr("copy (select g, 'r' || g from generate_series(1,2) g) to stdout")))
    print("copyout:", read_until_ready(s).hex())
    s.sendall(msg(b"Q", cstr("begin; insert into cap_u values ('b@x'); update cap_u set email = email")))
    print("intx:", read_until_ready(s).hex())
    s.sendall(msg(b"Q", cstr("select 1/0")))
    print("failedtx:", read_until_ready(s).hex())
    s.sendall(msg(b"Q", cstr("rollback")))
    read_until_ready(s)
    # COPY in: CopyInResponse then an error after CopyFail.
    s.sendall(msg(b"Q", cstr("copy cap_u from stdin")))
    buf = s.recv(65536)
    print("copyin:", buf.hex())
    s.sendall(msg(b"f", cstr("client gave up")))
    print("copyfail:", read_until_ready(s).hex())

    s.sendall(msg(b"X", b""))
    s.close()

    # NegotiateProtocolVersion: ask for 3.99 with an unknown _pq_ option.
    s = socket.create_connection((HOST, PORT))
    params = cstr("user") + cstr("postgres") + cstr("database") + cstr("test") + cstr("_pq_.bogus") + cstr("1") + b"\0"
    body = struct.pack("!i", (3 << 16) | 99) + params
    s.sendall(struct.pack("!i", len(body) + 4) + body)
    print("negotiate:", read_until_ready(s).hex())
    s.close()


if __name__ == "__main__":
    main()
