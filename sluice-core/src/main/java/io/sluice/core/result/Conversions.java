package io.sluice.core.result;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Lossless conversions for typed getters. Narrowing conversions check range; nothing silently
 * truncates. Unsupported pairs raise {@link ClassCastException} naming the column.
 */
final class Conversions {
    private Conversions() {
    }

    @SuppressWarnings("unchecked")
    static <T> T convert(Object v, Class<T> type, String column) {
        if (v == null || type.isInstance(v)) {
            return (T) v;
        }
        Object out = convertNonNull(v, type);
        if (out == null) {
            throw new ClassCastException("column '" + column + "' holds " + v.getClass().getSimpleName()
                    + ", which cannot be read as " + type.getSimpleName());
        }
        return (T) out;
    }

    private static Object convertNonNull(Object v, Class<?> type) {
        if (type == String.class) {
            if (v instanceof byte[] b) {
                return new String(b, StandardCharsets.UTF_8);
            }
            if (v instanceof BigDecimal d) {
                return d.toPlainString();
            }
            return v.toString();
        }
        if (type == Long.class || type == Integer.class || type == Short.class || type == Byte.class) {
            BigInteger bi = toBigInteger(v);
            if (bi == null) {
                return null;
            }
            long min = type == Long.class ? Long.MIN_VALUE : type == Integer.class ? Integer.MIN_VALUE
                    : type == Short.class ? Short.MIN_VALUE : Byte.MIN_VALUE;
            long max = type == Long.class ? Long.MAX_VALUE : type == Integer.class ? Integer.MAX_VALUE
                    : type == Short.class ? Short.MAX_VALUE : Byte.MAX_VALUE;
            if (bi.compareTo(BigInteger.valueOf(min)) < 0 || bi.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new ArithmeticException("value " + bi + " out of range for " + type.getSimpleName());
            }
            long l = bi.longValue();
            return type == Long.class ? (Object) l : type == Integer.class ? (Object) (int) l
                    : type == Short.class ? (Object) (short) l : (Object) (byte) l;
        }
        if (type == BigInteger.class) {
            return toBigInteger(v);
        }
        if (type == BigDecimal.class) {
            if (v instanceof BigInteger bi) {
                return new BigDecimal(bi);
            }
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return BigDecimal.valueOf(((Number) v).longValue());
            }
            if (v instanceof Double || v instanceof Float) {
                return new BigDecimal(v.toString());
            }
            if (v instanceof String s) {
                return new BigDecimal(s);
            }
            return null;
        }
        if (type == Double.class) {
            return v instanceof Number n ? n.doubleValue() : v instanceof String s ? Double.valueOf(s) : null;
        }
        if (type == Float.class) {
            return v instanceof Number n ? n.floatValue() : null;
        }
        if (type == Boolean.class) {
            if (v instanceof Number n) {
                return n.longValue() != 0;
            }
            if (v instanceof byte[] b && b.length <= 8) { // BIT(1)
                for (byte x : b) {
                    if (x != 0) {
                        return true;
                    }
                }
                return false;
            }
            if (v instanceof String s) {
                return s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("t");
            }
            return null;
        }
        if (type == byte[].class && v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (type == Instant.class) {
            if (v instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            return null;
        }
        if (type == OffsetDateTime.class && v instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (type == LocalDateTime.class && v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (type == Character.class && v instanceof String s && s.length() == 1) {
            return s.charAt(0);
        }
        if (type.isEnum() && (v instanceof String || v instanceof byte[])) {
            return enumConstant(type, v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) v);
        }
        return null;
    }

    /** MySQL ENUM / PostgreSQL enum labels: the exact constant name first, then ignoring case. */
    private static Object enumConstant(Class<?> type, String label) {
        Object[] constants = type.getEnumConstants();
        for (Object c : constants) {
            if (((Enum<?>) c).name().equals(label)) {
                return c;
            }
        }
        for (Object c : constants) {
            if (((Enum<?>) c).name().equalsIgnoreCase(label)) {
                return c;
            }
        }
        return null;
    }

    /** The wrapper class for a primitive type, else the type itself. */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == long.class ? Long.class
                : type == boolean.class ? Boolean.class : type == double.class ? Double.class
                : type == float.class ? Float.class : type == short.class ? Short.class
                : type == byte.class ? Byte.class : type == char.class ? Character.class : Void.class;
    }

    private static BigInteger toBigInteger(Object v) {
        if (v instanceof BigInteger bi) {
            return bi;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigDecimal d) {
            return d.toBigIntegerExact();
        }
        if (v instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (v instanceof byte[] b && b.length <= 8) { // BIT(n) is big-endian
            return new BigInteger(1, b);
        }
        if (v instanceof String s) {
            try {
                return new BigInteger(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
