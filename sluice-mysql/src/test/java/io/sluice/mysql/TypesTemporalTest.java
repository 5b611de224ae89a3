package io.sluice.mysql;

import static io.sluice.mysql.TypesSupport.assertValue;
import static io.sluice.mysql.TypesSupport.c;
import static io.sluice.mysql.TypesSupport.readBoth;
import static io.sluice.mysql.TypesSupport.roundTrip;
import static io.sluice.mysql.TypesSupport.same;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.DataException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.mysql.wire.ZeroDateBehavior;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** DATE, DATETIME, TIMESTAMP, TIME and zero dates against the real server, in both protocols. */
class TypesTemporalTest {

    @Test
    void dateAtItsLimits() {
        try (MySqlConnection c = Db.connect()) {
            roundTrip(c, "DATE", true, same(LocalDate.of(1000, 1, 1)), same(LocalDate.of(9999, 12, 31)),
                    same(LocalDate.of(2024, 2, 29)), same(LocalDate.of(1970, 1, 1)));
        }
    }

    @Test
    void datetimeAtEveryPrecision() {
        try (MySqlConnection c = Db.connect()) {
            LocalDateTime min = LocalDateTime.of(1000, 1, 1, 0, 0, 0);
            LocalDateTime max = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
            LocalDateTime odd = LocalDateTime.of(2021, 6, 15, 7, 8, 9, 123_456_000);
            for (int fsp = 0; fsp <= 6; fsp++) {
                long step = (long) Math.pow(10, 6 - fsp);
                Function<LocalDateTime, LocalDateTime> cut = v -> v.withNano((int) (v.getNano() / 1000 / step * step * 1000));
                // MariaDB truncates extra fractional digits (MySQL would round unless TIME_TRUNCATE_FRACTIONAL)
                roundTrip(c, "DATETIME(" + fsp + ")", true, same(min), c(max, cut.apply(max)), c(odd, cut.apply(odd)),
                        c(odd.plusNanos(999), cut.apply(odd)), same(odd.withNano(0)));
            }
        }
    }

    @Test
    void timeIncludingNegativeAndBeyondADay() {
        try (MySqlConnection c = Db.connect()) {
            Duration max = Duration.ofHours(838).plusMinutes(59).plusSeconds(59);
            roundTrip(c, "TIME", true, same(max.negated()), same(max), same(Duration.ZERO),
                    same(Duration.ofHours(100)), same(Duration.ofSeconds(-1)),
                    c(LocalTime.of(23, 59, 59), Duration.ofSeconds(86_399)));
            roundTrip(c, "TIME(6)", true, same(max), same(max.negated()), same(Duration.ofHours(100).plusMillis(500)),
                    same(Duration.ofMillis(-1500)), same(Duration.ofNanos(1000)), same(Duration.ofNanos(-1000)),
                    same(Duration.ofDays(30).plusNanos(999_999_000)), c(LocalTime.MAX, Duration.ofNanos(LocalTime.MAX.toNanoOfDay() / 1000 * 1000)));
            roundTrip(c, "TIME(1)", true, same(Duration.ofHours(100).plusMillis(500)), same(Duration.ofMillis(-100)));
            // the server's own text, not only our decoding of it
            String t = Db.table("tm");
            c.query("create table " + t + " (id int primary key, v time(6))");
            try {
                c.query("insert into " + t + " values (1, '-838:59:59'), (2, '838:59:59.000000'), (3, '100:00:00.5'),"
                        + " (4, '-00:00:01.5')");
                var r = readBoth(c, "select v from " + t + " order by id");
                List<Duration> want = List.of(max.negated(), max, Duration.ofHours(100).plusMillis(500), Duration.ofMillis(-1500));
                for (int i = 0; i < want.size(); i++) {
                    assertEquals(want.get(i), r.text().rows().get(i).getDuration(0));
                    assertEquals(want.get(i), r.binary().rows().get(i).getDuration(0));
                }
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void timestampInOffsetZone() {
        timestampsIn("+05:30");
    }

    @Test
    void timestampInUtc() {
        timestampsIn("UTC");
    }

    @Test
    void timestampInNamedZone() {
        try (MySqlConnection c = Db.connect()) {
            String probe = "select convert_tz(now(), '+00:00', 'Europe/Paris')";
            if (c.query(probe).get(0).rows().get(0).get(0) == null) {
                Db.server().loadTimeZone("Europe/Paris"); // stock packages leave mysql.time_zone* empty
            }
            Assumptions.assumeTrue(c.query(probe).get(0).rows().get(0).get(0) != null,
                    "server has no time zone tables and Europe/Paris could not be loaded into them (no mariadb-tzinfo-to-sql, "
                            + "no /usr/share/zoneinfo, or no privilege on the mysql schema): named-zone TIMESTAMP case skipped");
        }
        timestampsIn("Europe/Paris");
    }

    /**
     * TIMESTAMP is stored in UTC and sent as a local date-time in the session zone: an Instant bound on a
     * connection in {@code zone} must come back equal there and on a connection in another zone, and the
     * server must see the wall-clock time of {@code zone}.
     */
    private static void timestampsIn(String zone) {
        String t = Db.table("ts");
        Instant min = Instant.parse("1970-01-01T00:00:01Z");
        Instant max = Instant.parse("2038-01-19T03:14:07.999999Z");
        Instant summer = Instant.parse("2021-07-01T12:34:56.789012Z");
        Instant winter = Instant.parse("2021-12-01T23:59:59Z");
        try (MySqlConnection c = MySqlConnection.connect(Db.config().timeZone(zone).build())) {
            ZoneId z = c.sessionZone();
            assertEquals(ZoneId.of(zone).getRules().getOffset(summer), z.getRules().getOffset(summer), "session zone " + z);
            assertEquals(ZoneId.of(zone).getRules().getOffset(winter), z.getRules().getOffset(winter), "session zone " + z);
            c.query("create table " + t + " (id int primary key, v timestamp(6) null, v0 timestamp(0) null,"
                    + " v3 timestamp(3) null)");
            try {
                int id = 0;
                for (Object v : List.of(min, max, summer, winter, OffsetDateTime.ofInstant(summer, ZoneOffset.ofHours(-7)),
                        ZonedDateTime.ofInstant(winter, ZoneId.of("Asia/Tokyo")))) {
                    c.execute("insert into " + t + " values (?, ?, ?, ?)", id++, v, v, v);
                }
                c.execute("insert into " + t + " values (?, ?, ?, ?)", id, null, null, null);
                List<Instant> want = java.util.Arrays.asList(min, max, summer, winter, summer, winter, null);
                check(c, t, want);
                // the server stores what the session zone's wall clock said
                String wall = c.query("select cast(v as char) from " + t + " where id = 2").get(0).rows().get(0).getString(0);
                assertEquals(LocalDateTime.ofInstant(summer, ZoneId.of(zone)).toString().replace('T', ' '), wall);
                try (MySqlConnection other = MySqlConnection.connect(Db.config().timeZone("-03:00").build())) {
                    check(other, t, want);
                }
            } finally {
                c.query("drop table if exists " + t);
            }
        }
    }

    /** Column v holds {@code want} exactly; v0 and v3 the same truncated to seconds and milliseconds. */
    private static void check(MySqlConnection c, String table, List<Instant> want) {
        var r = readBoth(c, "select v, v0, v3 from " + table + " order by id");
        for (int i = 0; i < want.size(); i++) {
            Instant w = want.get(i);
            Instant[] cols = {w, w == null ? null : w.truncatedTo(ChronoUnit.SECONDS),
                w == null ? null : w.truncatedTo(ChronoUnit.MILLIS)};
            for (int col = 0; col < 3; col++) {
                String what = "row " + i + " col " + col + " in " + c.sessionZone();
                assertValue(cols[col], r.text().rows().get(i).get(col), "text " + what);
                assertValue(cols[col], r.binary().rows().get(i).get(col), "binary " + what);
            }
        }
    }

    // ------------------------------------------------------------------ zero dates

    private static final String ZERO_ROWS = "(1, '2020-01-02', '2020-01-02 03:04:05', '2020-01-02 03:04:05'),"
            + " (2, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00'),"
            + " (3, '2020-00-15', '2020-00-15 10:00:00', '2020-01-02 03:04:05'),"
            + " (4, '2021-02-03', '2021-02-03 04:05:06', '2021-02-03 04:05:06')";

    private static String zeroTable(MySqlConnection c) {
        String t = Db.table("zero");
        c.query("create table " + t + " (id int primary key, d date, dt datetime, ts timestamp null)");
        c.query("insert into " + t + " values " + ZERO_ROWS);
        return t;
    }

    @Test
    void zeroDatesRaiseDataExceptionAndLeaveTheConnectionUsable() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().sessionVariable("sql_mode", "")
                .zeroDateBehavior(ZeroDateBehavior.ERROR).build())) {
            String t = zeroTable(c);
            try {
                String sel = "select id, d, dt, ts from " + t + " order by id";
                for (String col : List.of("d", "dt", "ts")) {
                    String one = "select id, " + col + " from " + t + " where id = 2";
                    DataException e = assertThrows(DataException.class, () -> c.query(one));
                    assertTrue(e.getMessage().contains(col), e.getMessage());
                    assertEquals("22007", e.sqlState());
                    assertThrows(DataException.class, () -> c.execute(one));
                }
                assertThrows(DataException.class, () -> c.query(sel));
                assertEquals(42, c.query("select 42").get(0).rows().get(0).getInt(0)); // rest of the result drained
                assertThrows(DataException.class, () -> c.execute(sel));
                assertEquals(42L, c.execute("select ?", 42L).rows().get(0).getLong(0));
                assertThrows(DataException.class, () -> c.query("select d from " + t + " where id = 3"));
                assertThrows(DataException.class, () -> c.execute("select dt from " + t + " where id = 3"));
                // streaming: the rows before the bad one arrive, the bad one throws, the stream is in step afterwards
                for (boolean binary : new boolean[] {false, true}) {
                    try (RowStream s = binary ? c.stream(sel) : c.streamText(sel)) {
                        RowStream it = s;
                        assertEquals(1, it.next().getInt(0));
                        SluiceException e = assertThrows(SluiceException.class, it::next);
                        assertTrue(e instanceof DataException, e.toString());
                    }
                    assertTrue(c.isUsable());
                    assertEquals(2L, c.execute("select count(*) from " + t + " where id > ?", 2).rows().get(0).getLong(0));
                }
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void zeroDatesAsNull() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().sessionVariable("sql_mode", "")
                .zeroDateBehavior(ZeroDateBehavior.NULL).timeZone("+00:00").build())) {
            String t = zeroTable(c);
            try {
                var r = readBoth(c, "select id, d, dt, ts from " + t + " order by id");
                for (Result res : List.of(r.text(), r.binary())) {
                    List<Row> rows = res.rows();
                    assertEquals(LocalDate.of(2020, 1, 2), rows.get(0).get(1));
                    assertEquals(LocalDateTime.of(2020, 1, 2, 3, 4, 5), rows.get(0).get(2));
                    assertEquals(Instant.parse("2020-01-02T03:04:05Z"), rows.get(0).get(3));
                    for (int col = 1; col <= 3; col++) {
                        assertNull(rows.get(1).get(col), "zero date, column " + col);
                    }
                    assertNull(rows.get(2).get(1));
                    assertNull(rows.get(2).get(2));
                    assertEquals(Instant.parse("2020-01-02T03:04:05Z"), rows.get(2).get(3));
                    assertEquals(LocalDate.of(2021, 2, 3), rows.get(3).get(1));
                }
            } finally {
                c.query("drop table " + t);
            }
        }
    }
}
