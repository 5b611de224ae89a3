package io.sluice.mysql.session;

import io.sluice.core.result.Row;
import io.sluice.core.transport.Deadline;
import io.sluice.mysql.MySqlConfig;
import io.sluice.mysql.wire.LiteralContext;
import io.sluice.mysql.wire.SqlLiteral;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies a connection's configured session settings after authentication and again after
 * COM_RESET_CONNECTION: charset (when the collation id does not fit the handshake byte),
 * autocommit, time zone and session variables in one SET statement, then the init SQL, then
 * learns the session time zone (needed to turn TIMESTAMP values into Instants).
 */
final class SessionInit {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private SessionInit() {
    }

    static void apply(MySqlSession s, MySqlConfig cfg, Deadline deadline) {
        List<String> sets = new ArrayList<>();
        // An explicit collation is set by name: ids above 255 do not fit the handshake byte, and some
        // ids mean different collations on MySQL and MariaDB (245: utf8mb4_croatian_ci vs _mysql561_ci).
        if (cfg.collation() != null || s.charset().collationId() > 255) {
            sets.add("NAMES " + s.charset().charsetName() + " COLLATE "
                    + (cfg.collation() != null ? cfg.collation() : s.charset().collationName()));
        }
        if (cfg.autocommit() != null && cfg.autocommit() != s.autocommit()) {
            sets.add("autocommit=" + (cfg.autocommit() ? 1 : 0));
        }
        LiteralContext lit = new LiteralContext(s.noBackslashEscapes(), s.charset().javaCharset(), ZoneOffset.UTC);
        if (cfg.timeZone() != null) {
            sets.add("time_zone=" + literal(serverZoneName(cfg.timeZone()), lit));
        }
        if (s.tracksSessionState()) {
            // the server then flags every session change (SET, USE, temporary tables, user variables)
            // in its OK packets, so a pool resets only connections that need it
            sets.add("session_track_state_change=1");
        }
        cfg.sessionVariables().forEach((k, v) -> sets.add(k + "=" + (NUMBER.matcher(v).matches() ? v : literal(v, lit))));
        s.transportTimeout(deadline);
        if (!sets.isEmpty()) {
            s.query("SET " + String.join(", ", sets), null).drain();
        }
        for (String sql : cfg.initSql()) {
            s.transportTimeout(deadline);
            s.query(sql, null).drain();
        }
        s.transportTimeout(deadline);
        s.zone(resolveZone(s));
        s.clearSessionStateChanged(); // our own settings are the baseline
    }

    /**
     * The name to SET time_zone to. Zones with fixed rules (UTC, GMT, Z, Etc/GMT+3, +05:30) go as a
     * {@code +hh:mm} offset, which every server understands: the named forms, even 'UTC', need the
     * mysql.time_zone tables, which many servers (stock MariaDB/MySQL packages) leave empty. Other names
     * pass through; SYSTEM means the server's own zone.
     */
    static String serverZoneName(String timeZone) {
        if (timeZone.equalsIgnoreCase("SYSTEM")) {
            return timeZone;
        }
        ZoneId z = ZoneId.of(timeZone).normalized();
        if (z instanceof ZoneOffset o && o.getTotalSeconds() % 60 == 0) {
            int m = Math.abs(o.getTotalSeconds() / 60);
            return String.format("%s%02d:%02d", o.getTotalSeconds() < 0 ? "-" : "+", m / 60, m % 60);
        }
        return timeZone;
    }

    private static String literal(String v, LiteralContext lit) {
        StringBuilder sb = new StringBuilder();
        SqlLiteral.append(sb, v, lit);
        return sb.toString();
    }

    /**
     * The session zone: @@time_zone, or the server's system zone when that is SYSTEM. Abbreviations
     * that Java cannot resolve (e.g. "CEST") fall back to the current offset, which is exact until
     * the next DST change; setting {@code timeZone} explicitly avoids that.
     */
    private static ZoneId resolveZone(MySqlSession s) {
        ResultCursor c = s.query("SELECT @@session.time_zone, @@system_time_zone, "
                + "TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW())", null);
        ResultCursor.Header h = c.nextResult();
        Object[] r = h != null && h.hasRows() ? c.nextRow() : null;
        c.drain();
        if (r == null) {
            return ZoneOffset.UTC;
        }
        Row row = new Row(h.columns(), r);
        String tz = row.getString(0);
        String sys = row.getString(1);
        long offset = row.getLong(2);
        ZoneId system = zoneOf(sys, null);
        if (system == null && "SYSTEM".equalsIgnoreCase(tz)) {
            system = ZoneOffset.ofTotalSeconds((int) offset); // exact until the next DST change
        }
        s.systemZone(system);
        ZoneId session = zoneOf(tz, system);
        return session != null ? session : ZoneOffset.ofTotalSeconds((int) offset);
    }

    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2}):(\\d{2})");

    /**
     * A time_zone value as a zone: {@code SYSTEM} is {@code system}; offsets as the server writes
     * them ({@code +5:00}, {@code -03:30}); names and abbreviations Java knows (IANA names from the
     * server's time zone tables, {@code UTC}, {@code EST}). Null when it cannot tell.
     */
    static ZoneId zoneOf(String value, ZoneId system) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if ("SYSTEM".equalsIgnoreCase(value)) {
            return system;
        }
        java.util.regex.Matcher m = OFFSET.matcher(value);
        try {
            if (m.matches()) {
                int sign = m.group(1).equals("-") ? -1 : 1;
                return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(2)), sign * Integer.parseInt(m.group(3)));
            }
            return ZoneId.of(value, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
