package io.sluice.core.spi;

/** An asynchronous notification (PostgreSQL NOTIFY) delivered to a listener. */
public record Notification(String channel, String payload, long senderPid) {
}
