package io.sluice.examples.users;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the users table. Filled by {@code Result.as(User.class)}: columns map to components
 * by name ({@code created_at} fills {@code createdAt}); public, because the mapper uses the public
 * lookup.
 */
public record User(long id, String email, String name, BigDecimal balance, Instant createdAt) {

    /** The JSON shape of a user. */
    public Map<String, Object> toJson() {
        return Json.object("id", id, "email", email, "name", name, "balance", balance, "createdAt", createdAt);
    }
}
