package io.sluice.core.sql;

import io.sluice.core.error.UsageException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/** Reads a record's components into a name -> value map for {@link SqlText#bind(Object, Dialect)}. */
final class ParamSources {
    private ParamSources() {
    }

    private record Accessors(String[] names, MethodHandle[] getters) {
    }

    /** Accessor handles for records the public lookup can read; cached per class (no thread-locals). */
    private static final ClassValue<Object> PUBLIC = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return accessors(type, MethodHandles.publicLookup());
            } catch (IllegalAccessException e) {
                return e; // remembered so the next call fails fast with the same message
            }
        }
    };

    static Map<String, Object> fromRecord(Record r) {
        Object a = PUBLIC.get(r.getClass());
        if (a instanceof IllegalAccessException e) {
            throw new UsageException("cannot read the components of record " + r.getClass().getName()
                    + " (" + e.getMessage() + "); make it public or pass a MethodHandles.Lookup that can "
                    + "access it: bind(record, MethodHandles.lookup(), dialect)");
        }
        return read((Accessors) a, r);
    }

    static Map<String, Object> fromRecord(Record r, MethodHandles.Lookup lookup) {
        try {
            return read(accessors(r.getClass(), lookup), r);
        } catch (IllegalAccessException e) {
            throw new UsageException("the given Lookup cannot read record " + r.getClass().getName() + ": "
                    + e.getMessage());
        }
    }

    private static Accessors accessors(Class<?> type, MethodHandles.Lookup lookup) throws IllegalAccessException {
        RecordComponent[] rc = type.getRecordComponents();
        String[] names = new String[rc.length];
        MethodHandle[] getters = new MethodHandle[rc.length];
        for (int i = 0; i < rc.length; i++) {
            names[i] = rc[i].getName();
            getters[i] = lookup.unreflect(rc[i].getAccessor())
                    .asType(MethodType.methodType(Object.class, Object.class));
        }
        return new Accessors(names, getters);
    }

    private static Map<String, Object> read(Accessors a, Record r) {
        Map<String, Object> m = new HashMap<>(a.names().length * 2);
        for (int i = 0; i < a.names().length; i++) {
            try {
                m.put(a.names()[i], (Object) a.getters()[i].invokeExact((Object) r));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UsageException("accessor " + a.names()[i] + "() of " + r.getClass().getName()
                        + " failed: " + t);
            }
        }
        return m;
    }
}
