package io.sluice.core.error;

/** Serialization failure under SERIALIZABLE / REPEATABLE READ (SQLSTATE 40001). */
public class SerializationFailureException extends RetryableException {
    public SerializationFailureException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
