package io.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sluice.core.engine.Engine;
import io.sluice.core.pool.PoolStatus;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ```java} block of docs/*.md, compiled and run: against MariaDB and PostgreSQL, or
 * the one its {@code db=} names. A snippet fails when it does not compile, throws (including a
 * failed {@code assert}), runs longer than {@link #LIMIT}, leaves a pooled connection checked out
 * (after a grace of {@link #RETURN_GRACE}), or leaves a table behind. See {@link SnippetCompiler}
 * for how a block becomes a class.
 */
class DocSnippetsTest {
    static final Duration LIMIT = Duration.ofSeconds(60);
    static final Duration RETURN_GRACE = Duration.ofSeconds(5);
    private static final Map<String, SnippetTarget> TARGETS = new ConcurrentHashMap<>();

    static Path docsDir() {
        return Path.of(System.getProperty("sluice.docs.dir", "../docs")).toAbsolutePath().normalize();
    }

    static List<Snippet> guide() throws IOException {
        Path docs = docsDir();
        List<Path> pages;
        try (Stream<Path> s = Files.list(docs)) {
            pages = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        List<Snippet> all = new ArrayList<>();
        for (Path p : pages) {
            all.addAll(SnippetParser.parse("docs/" + p.getFileName(), Files.readString(p)));
        }
        SnippetParser.requireUniqueIds(all);
        return all;
    }

    @TestFactory
    Stream<DynamicNode> guideSnippets() throws IOException {
        List<Snippet> all = guide();
        assertFalse(all.isEmpty(), "no ```java blocks found under " + docsDir());
        Path work = Path.of(System.getProperty("sluice.docs.work", System.getProperty("java.io.tmpdir")
                + "/sluice-doc-snippets-" + ProcessHandle.current().pid()));
        SnippetCompiler.Compiled compiled = SnippetCompiler.compile(all, work);
        return Stream.of("mysql", "postgresql").map(db -> DynamicContainer.dynamicContainer(db,
                all.stream().filter(s -> s.runsOn(db)).map(s -> DynamicTest.dynamicTest(s.where(),
                        () -> run(compiled, s, db)))));
    }

    @AfterAll
    static void dropTargets() {
        TARGETS.values().forEach(SnippetTarget::close);
        TARGETS.clear();
    }

    private static void run(SnippetCompiler.Compiled compiled, Snippet s, String db) throws Exception {
        Method run = compiled.load(s).getMethod("run", Engine.class, String.class);
        SnippetTarget target = TARGETS.computeIfAbsent(db, SnippetTarget::open);
        String on = s.where() + " on " + db;
        Throwable failure = null;
        try (Engine engine = Engine.create(target.url())) {
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    run.invoke(null, engine, target.url());
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    throw new AssertionError(on + " threw " + cause + compiled.pageLocation(s, cause), cause);
                }
            }, on + " ran longer than " + LIMIT.toSeconds() + " s");
            // async work may hand its connection back a moment after the future it completed
            long deadline = System.nanoTime() + RETURN_GRACE.toNanos();
            PoolStatus pool = engine.poolStatus();
            while (pool.inUse() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
                pool = engine.poolStatus();
            }
            if (pool.inUse() > 0) {
                throw new AssertionError(on + " left " + pool.inUse() + " pooled connection(s) checked out");
            }
        } catch (Throwable t) {
            failure = t;
        }
        List<String> left = target.tables();
        if (!left.isEmpty()) {
            target.drop(left);
            AssertionError leak = new AssertionError(on + " left table(s) " + left + " behind; snippets must clean up");
            if (failure == null) {
                failure = leak;
            } else {
                failure.addSuppressed(leak);
            }
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }
}
