package io.sluice.postgres.wire;

import io.sluice.core.error.ProtocolException;

/** The transaction status indicator carried by ReadyForQuery (protocol-message-formats, 'Z'). */
public enum TxStatus {
    /** Not in a transaction block. */
    IDLE('I'),
    /** In a transaction block. */
    IN_TRANSACTION('T'),
    /** In a failed transaction block: queries are rejected until the block ends. */
    FAILED('E');

    private final char code;

    TxStatus(char code) {
        this.code = code;
    }

    /** The status byte as sent on the wire. */
    public char code() {
        return code;
    }

    /** The status for a wire byte; anything else is a protocol violation. */
    public static TxStatus fromCode(int b) {
        return switch (b) {
            case 'I' -> IDLE;
            case 'T' -> IN_TRANSACTION;
            case 'E' -> FAILED;
            default -> throw new ProtocolException("unknown transaction status 0x" + Integer.toHexString(b & 0xff));
        };
    }
}
