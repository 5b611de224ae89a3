package io.sluice.cli;

/** Opens a {@link SqlSession} for a connection URL whose scheme this factory was registered for. */
@FunctionalInterface
public interface SessionFactory {
    SqlSession open(String url);
}
