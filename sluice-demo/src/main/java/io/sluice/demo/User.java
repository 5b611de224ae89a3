package io.sluice.demo;

/**
 * A row of {@code sluice_demo_users} as the demo reads it with {@code engine.queryAs(User.class, ...)}:
 * components match columns by name, {@code full_name} filling {@code fullName}. Public because the
 * engine's record mapper uses the public lookup.
 */
public record User(long id, String email, String fullName, int age) {
}
