package io.sluice.cli;

import io.sluice.core.error.ConfigurationException;

import java.util.Collections;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps URL schemes ({@code mysql}, {@code mariadb}, {@code postgresql}, {@code postgres}) to session factories.
 * Immutable: {@link #with} returns a copy, so tests can add a fake scheme without touching the
 * defaults. Plain code, no reflection or service loading: a URL never names a class to load.
 */
public final class SessionRegistry {
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);

    private final TreeMap<String, SessionFactory> factories;

    private SessionRegistry(TreeMap<String, SessionFactory> factories) {
        this.factories = factories;
    }

    /** The schemes this build of the CLI can connect to. */
    public static SessionRegistry defaults() {
        return new SessionRegistry(new TreeMap<>())
                .with("mysql", MySqlSessions.FACTORY)
                .with("mariadb", MySqlSessions.FACTORY)
                .with("postgresql", PgSessions.FACTORY)
                .with("postgres", PgSessions.FACTORY);
    }

    /** A copy of this registry with {@code factory} serving {@code scheme} (case-insensitive). */
    public SessionRegistry with(String scheme, SessionFactory factory) {
        TreeMap<String, SessionFactory> copy = new TreeMap<>(factories);
        copy.put(scheme.toLowerCase(Locale.ROOT), factory);
        return new SessionRegistry(copy);
    }

    public NavigableSet<String> schemes() {
        return Collections.unmodifiableNavigableSet(factories.navigableKeySet());
    }

    /** Opens a session with the factory registered for the URL's scheme. */
    public SqlSession open(String url) {
        String scheme = schemeOf(url);
        SessionFactory factory = factories.get(scheme);
        if (factory == null) {
            throw new ConfigurationException("unsupported URL scheme '" + scheme + "'; supported schemes: "
                    + String.join(", ", factories.keySet()));
        }
        return factory.open(url);
    }

    /**
     * The lower-cased scheme of a connection URL. The URL itself is never echoed in the message: it
     * may carry a password in a shape we failed to parse.
     */
    static String schemeOf(String url) {
        Matcher m = SCHEME.matcher(url);
        if (!m.matches()) {
            throw new ConfigurationException(
                    "connection URL must start with a scheme, e.g. mysql://user:password@host:3306/database");
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SessionRegistry" + factories.keySet();
    }
}
