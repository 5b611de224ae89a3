package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.DeadlockException;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.LockTimeoutException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.UndefinedObjectException;
import io.sluice.core.error.UsageException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The typed error hierarchy from real server errors; a failed statement leaves the connection usable. */
class ErrorsTest {
    private static final String PARENT = Db.table("err_parent");
    private static final String CHILD = Db.table("err_child");

    @BeforeAll
    static void schema() {
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + PARENT + " (id int primary key, email varchar(50) not null unique) engine=InnoDB");
            c.query("create table " + CHILD + " (id int primary key, parent_id int not null, "
                    + "foreign key (parent_id) references " + PARENT + "(id)) engine=InnoDB");
            c.query("insert into " + PARENT + " values (1, 'a@x'), (2, 'b@x')");
            c.query("insert into " + CHILD + " values (1, 1)");
        }
    }

    @AfterAll
    static void drop() {
        try (MySqlConnection c = Db.connect()) {
            c.query("drop table if exists " + CHILD);
            c.query("drop table if exists " + PARENT);
        }
    }

    private static <T extends SluiceException> T fails(Class<T> type, MySqlConnection c, String sql, Object... params) {
        T e = assertThrows(type, () -> {
            if (params.length == 0) {
                c.query(sql);
            } else {
                c.execute(sql, params);
            }
        });
        // every failed statement leaves the connection usable
        assertTrue(c.isUsable());
        assertEquals(7L, c.execute("select ?", 7).rows().get(0).getLong(0));
        return e;
    }

    @Test
    void integrityViolations() {
        try (MySqlConnection c = Db.connect()) {
            IntegrityViolationException dup = fails(IntegrityViolationException.class, c,
                    "insert into " + PARENT + " values (?, ?)", 3, "a@x");
            assertEquals(1062, dup.vendorCode());
            assertEquals("23000", dup.sqlState());
            assertEquals(IntegrityViolationException.Kind.UNIQUE, dup.kind());
            assertTrue(((ServerException) dup).serverMessage().contains("Duplicate entry"));

            IntegrityViolationException fkChild = fails(IntegrityViolationException.class, c,
                    "insert into " + CHILD + " values (2, 99)");
            assertEquals(1452, fkChild.vendorCode());
            assertEquals(IntegrityViolationException.Kind.FOREIGN_KEY, fkChild.kind());

            IntegrityViolationException fkParent = fails(IntegrityViolationException.class, c,
                    "delete from " + PARENT + " where id = 1");
            assertEquals(1451, fkParent.vendorCode());

            IntegrityViolationException notNull = fails(IntegrityViolationException.class, c,
                    "insert into " + PARENT + " values (?, ?)", 5, null);
            assertEquals(1048, notNull.vendorCode());
            assertEquals(IntegrityViolationException.Kind.NOT_NULL, notNull.kind());
        }
    }

    @Test
    void syntaxAndUnknownObjects() {
        try (MySqlConnection c = Db.connect()) {
            SqlSyntaxException syntax = fails(SqlSyntaxException.class, c, "selec 1");
            assertEquals(1064, syntax.vendorCode());
            assertEquals("42000", syntax.sqlState());
            UndefinedObjectException table = fails(UndefinedObjectException.class, c, "select * from no_such_table_xyz");
            assertEquals(1146, table.vendorCode());
            assertEquals("42S02", table.sqlState());
            UndefinedObjectException column = fails(UndefinedObjectException.class, c, "select no_such_col from " + PARENT);
            assertEquals(1054, column.vendorCode());
            // the prepared path reports the same errors (at prepare time)
            assertEquals(1146, fails(UndefinedObjectException.class, c, "select * from no_such_table_xyz where 1 = ?", 1)
                    .vendorCode());
        }
    }

    @Test
    void accessDenied() {
        Db.server().sql("CREATE USER IF NOT EXISTS 'sluice_native'@'%' IDENTIFIED BY 'right-pw';"
                + " CREATE USER IF NOT EXISTS 'sluice_native'@'localhost' IDENTIFIED BY 'right-pw';"
                + " GRANT SELECT ON test.* TO 'sluice_native'@'%'; GRANT SELECT ON test.* TO 'sluice_native'@'localhost'");
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> MySqlConnection.connect(Db.config().user("sluice_native").password("wrong-pw").build()));
        assertEquals(1045, e.vendorCode());
        assertEquals("28000", e.sqlState());
        assertFalse(e.getMessage().contains("wrong-pw"));
        try (MySqlConnection c = MySqlConnection.connect(Db.config().user("sluice_native").password("right-pw").build())) {
            assertEquals("mysql_native_password", c.info().authPlugin());
            AccessDeniedException denied = fails(AccessDeniedException.class, c, "create table " + Db.table("nope") + " (i int)");
            assertEquals(1142, denied.vendorCode());
        }
    }

    @Test
    void lockWaitTimeoutIsRetryable() {
        try (MySqlConnection a = Db.connect(); MySqlConnection b = Db.connect()) {
            a.query("begin");
            a.query("update " + PARENT + " set email = 'locked@x' where id = 2");
            b.query("set innodb_lock_wait_timeout = 1");
            b.query("begin");
            LockTimeoutException e = fails(LockTimeoutException.class, b, "update " + PARENT + " set email = 'b@x' where id = 2");
            assertEquals(1205, e.vendorCode());
            assertTrue(e.isRetryable());
            b.query("rollback");
            a.query("rollback");
        }
    }

    @Test
    void deadlockIsRetryable() throws Exception {
        String t = Db.table("deadlock");
        try (MySqlConnection a = Db.connect(); MySqlConnection b = Db.connect()) {
            a.query("create table " + t + " (id int primary key, v int) engine=InnoDB");
            a.query("insert into " + t + " values (1, 0), (2, 0)");
            a.query("begin");
            b.query("begin");
            a.query("update " + t + " set v = 1 where id = 1");
            b.query("update " + t + " set v = 1 where id = 2");
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> fa = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    return a.query("update " + t + " set v = 2 where id = 2");
                } catch (SluiceException e) {
                    return e;
                }
            });
            started.await();
            Thread.sleep(300);
            Object fromB;
            try {
                fromB = b.query("update " + t + " set v = 2 where id = 1");
            } catch (SluiceException e) {
                fromB = e;
            }
            Object fromA = fa.get(20, TimeUnit.SECONDS);
            DeadlockException dead = (DeadlockException) (fromA instanceof DeadlockException ? fromA : fromB);
            assertEquals(1213, dead.vendorCode());
            assertEquals("40001", dead.sqlState());
            assertTrue(dead.isRetryable());
            a.query("rollback");
            b.query("rollback");
            a.query("drop table " + t);
        }
    }

    @Test
    void wrongParameterCountIsUsageError() {
        try (MySqlConnection c = Db.connect()) {
            UsageException e = assertThrows(UsageException.class, () -> c.execute("select ?, ?", 1));
            assertTrue(e.getMessage().contains("2 parameter"), e.getMessage());
            assertThrows(UsageException.class, () -> c.execute("select ?", new Object()));
            assertEquals(1L, c.execute("select ?", 1).rows().get(0).getLong(0));
        }
    }
}
