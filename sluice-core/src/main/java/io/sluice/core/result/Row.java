package io.sluice.core.result;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * One decoded result row. Values are already in their natural Java types (see the driver docs);
 * typed getters convert between compatible types and throw {@link ClassCastException} with the
 * column name when a value cannot be converted.
 */
public final class Row {
    private final ColumnIndex index;
    private final Object[] values;

    public Row(ColumnIndex index, Object[] values) {
        if (values.length != index.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values for " + index.size() + " columns");
        }
        this.index = index;
        this.values = values;
    }

    public ColumnIndex columns() {
        return index;
    }

    public int size() {
        return values.length;
    }

    public Object get(int i) {
        return values[i];
    }

    public Object get(String name) {
        return values[index.indexOf(name)];
    }

    public boolean isNull(int i) {
        return values[i] == null;
    }

    public boolean isNull(String name) {
        return get(name) == null;
    }

    /** A copy of the values, in column order. */
    public Object[] toArray() {
        return values.clone();
    }

    public <T> T get(int i, Class<T> type) {
        return Conversions.convert(values[i], type, index.columns().get(i).name());
    }

    public <T> T get(String name, Class<T> type) {
        return get(index.indexOf(name), type);
    }

    public String getString(int i) { return get(i, String.class); }
    public String getString(String n) { return get(n, String.class); }
    public Long getLong(int i) { return get(i, Long.class); }
    public Long getLong(String n) { return get(n, Long.class); }
    public Integer getInt(int i) { return get(i, Integer.class); }
    public Integer getInt(String n) { return get(n, Integer.class); }
    public Double getDouble(int i) { return get(i, Double.class); }
    public Double getDouble(String n) { return get(n, Double.class); }
    public Boolean getBoolean(int i) { return get(i, Boolean.class); }
    public Boolean getBoolean(String n) { return get(n, Boolean.class); }
    public BigDecimal getBigDecimal(int i) { return get(i, BigDecimal.class); }
    public BigDecimal getBigDecimal(String n) { return get(n, BigDecimal.class); }
    public BigInteger getBigInteger(int i) { return get(i, BigInteger.class); }
    public BigInteger getBigInteger(String n) { return get(n, BigInteger.class); }
    public byte[] getBytes(int i) { return get(i, byte[].class); }
    public byte[] getBytes(String n) { return get(n, byte[].class); }
    public LocalDate getLocalDate(int i) { return get(i, LocalDate.class); }
    public LocalDate getLocalDate(String n) { return get(n, LocalDate.class); }
    public LocalDateTime getLocalDateTime(int i) { return get(i, LocalDateTime.class); }
    public LocalDateTime getLocalDateTime(String n) { return get(n, LocalDateTime.class); }
    public LocalTime getLocalTime(int i) { return get(i, LocalTime.class); }
    public Instant getInstant(int i) { return get(i, Instant.class); }
    public Instant getInstant(String n) { return get(n, Instant.class); }
    public OffsetDateTime getOffsetDateTime(int i) { return get(i, OffsetDateTime.class); }
    public Duration getDuration(int i) { return get(i, Duration.class); }
    public Duration getDuration(String n) { return get(n, Duration.class); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(index.columns().get(i).name()).append('=');
            Object v = values[i];
            sb.append(v instanceof byte[] b ? "0x" + hex(b, 32) : String.valueOf(v));
        }
        return sb.append('}').toString();
    }

    private static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, max); i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return b.length > max ? sb.append("...").toString() : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.deepEquals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
