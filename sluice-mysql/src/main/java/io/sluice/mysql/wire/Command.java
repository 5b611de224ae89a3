package io.sluice.mysql.wire;

/**
 * Command-phase command bytes (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase.html,
 * my_command.h; MariaDB: mariadb.com/kb/en/2-text-protocol/). Only the commands a client driver
 * sends are listed; replication and long-deprecated ones are omitted on purpose.
 */
public enum Command {
    QUIT(0x01),
    INIT_DB(0x02),
    QUERY(0x03),
    FIELD_LIST(0x04),
    STATISTICS(0x09),
    PROCESS_KILL(0x0C),
    DEBUG(0x0D),
    PING(0x0E),
    CHANGE_USER(0x11),
    STMT_PREPARE(0x16),
    STMT_EXECUTE(0x17),
    STMT_SEND_LONG_DATA(0x18),
    STMT_CLOSE(0x19),
    STMT_RESET(0x1A),
    SET_OPTION(0x1B),
    STMT_FETCH(0x1C),
    RESET_CONNECTION(0x1F),
    /** MariaDB COM_STMT_BULK_EXECUTE (mariadb.com/kb/en/com_stmt_bulk_execute/). */
    STMT_BULK_EXECUTE(0xFA);

    private final int code;

    Command(int code) {
        this.code = code;
    }

    /** The command byte, first byte of the payload. */
    public int code() {
        return code;
    }

    /** True for commands whose payload is the command byte alone. */
    public boolean isArgumentless() {
        return this == QUIT || this == PING || this == STATISTICS || this == DEBUG || this == RESET_CONNECTION;
    }
}
