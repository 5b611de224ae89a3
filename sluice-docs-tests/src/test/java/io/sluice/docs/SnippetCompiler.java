package io.sluice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Turns snippets into classes and compiles them in-process with {@link JavaCompiler} against the
 * test class path ({@code java.class.path}).
 *
 * <p>A snippet is written as a method body that uses {@code engine} (an {@code Engine}) and
 * {@code url} (its connection URL, which always has a {@code ?} query part). Leading
 * {@code import} lines become imports; a declaration starting at column 0 ({@code record},
 * {@code enum}, {@code interface}, {@code class}) becomes a public static member of the class, so
 * records work with {@code Result.as(...)} (which needs public records). Everything else is the
 * body of {@code public static void run(Engine engine, String url) throws Exception}. The default
 * imports are {@link #DEFAULT_IMPORTS}; docs/README.md lists them for readers.
 *
 * <p>Compiler messages point at the page line, not the generated file.
 */
final class SnippetCompiler {
    static final String PACKAGE = "io.sluice.docs.snippets";
    static final List<String> DEFAULT_IMPORTS = List.of("io.sluice.core.engine.*", "io.sluice.core.error.*",
            "io.sluice.core.result.*", "io.sluice.core.spi.IsolationLevel", "java.time.Duration", "java.util.*");
    private static final Pattern DECLARATION = Pattern.compile(
            "^(?:(?:public|static|final|sealed|abstract)\\s+)*(?:record|enum|interface|class)\\s+[A-Za-z_]\\w*.*");

    /** The compiled guide: a loader for the snippets that compiled, and errors for those that did not. */
    record Compiled(ClassLoader loader, Map<Snippet, String> errors, Map<Snippet, Source> sources) {
        /** The snippet's class, or an AssertionError carrying its compiler messages. */
        Class<?> load(Snippet s) throws ClassNotFoundException {
            String err = errors.get(s);
            if (err != null) {
                throw new AssertionError(s.where() + " does not compile:\n" + err);
            }
            return Class.forName(PACKAGE + "." + s.className(), true, loader);
        }

        /** Where in the page {@code t} was thrown: the innermost frame of the snippet's class, or "". */
        String pageLocation(Snippet s, Throwable t) {
            String cls = PACKAGE + "." + s.className();
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().equals(cls) || e.getClassName().startsWith(cls + "$")) {
                    return " at " + s.file() + ":" + sources.get(s).pageLine(e.getLineNumber());
                }
            }
            return "";
        }
    }

    /** Generated source with a map from its lines back to page lines. */
    record Source(Snippet snippet, String text, int[] pageLines) {
        int pageLine(long generatedLine) {
            int i = (int) generatedLine - 1;
            return i >= 0 && i < pageLines.length && pageLines[i] > 0 ? pageLines[i] : snippet.fenceLine();
        }
    }

    private SnippetCompiler() {
    }

    static Source generate(Snippet s) {
        List<Snippet.Line> imports = new ArrayList<>();
        List<Snippet.Line> members = new ArrayList<>();
        List<Snippet.Line> body = new ArrayList<>();
        List<Snippet.Line> lines = s.lines();
        boolean leading = true;
        for (int i = 0; i < lines.size(); i++) {
            Snippet.Line l = lines.get(i);
            String t = l.text();
            if (leading && t.startsWith("import ")) {
                imports.add(l);
                continue;
            }
            if (leading && (t.isBlank() || t.startsWith("//"))) {
                body.add(l);
                continue;
            }
            leading = false;
            if (DECLARATION.matcher(t).matches()) {
                int depth = 0;
                boolean opened = false;
                int j = i;
                for (; j < lines.size(); j++) {
                    Snippet.Line d = lines.get(j);
                    int[] delta = braces(d.text());
                    depth += delta[0] - delta[1];
                    opened |= delta[0] > 0;
                    members.add(j == i ? new Snippet.Line(d.pageLine(), "public static " + strip(d.text())) : d);
                    if (opened && depth <= 0) {
                        break;
                    }
                }
                i = j;
                continue;
            }
            body.add(l);
        }
        StringBuilder sb = new StringBuilder();
        List<Integer> map = new ArrayList<>();
        emit(sb, map, "package " + PACKAGE + ";", 0);
        for (String imp : DEFAULT_IMPORTS) {
            emit(sb, map, "import " + imp + ";", 0);
        }
        for (Snippet.Line l : imports) {
            emit(sb, map, l.text(), l.pageLine());
        }
        emit(sb, map, "/** " + s.where() + " */", 0);
        emit(sb, map, "public final class " + s.className() + " {", 0);
        for (Snippet.Line l : members) {
            emit(sb, map, "    " + l.text(), l.pageLine());
        }
        emit(sb, map, "    public static void run(Engine engine, String url) throws Exception {", 0);
        for (Snippet.Line l : body) {
            emit(sb, map, "        " + l.text(), l.pageLine());
        }
        emit(sb, map, "    }", 0);
        emit(sb, map, "}", 0);
        return new Source(s, sb.toString(), map.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String strip(String declaration) {
        return declaration.replaceFirst("^(?:(?:public|static)\\s+)+", "");
    }

    private static void emit(StringBuilder sb, List<Integer> map, String line, int pageLine) {
        sb.append(line).append('\n');
        map.add(pageLine);
    }

    /** Opening and closing braces outside string/char literals and line comments. */
    private static int[] braces(String line) {
        int open = 0;
        int close = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                break;
            } else if (c == '{') {
                open++;
            } else if (c == '}') {
                close++;
            }
        }
        return new int[] {open, close};
    }

    /** Compiles every snippet; one that fails does not stop the others from compiling. */
    static Compiled compile(List<Snippet> snippets, Path workDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        Map<Snippet, String> errors = new LinkedHashMap<>();
        List<Source> sources = snippets.stream().map(SnippetCompiler::generate).toList();
        Path classes = workDir.resolve("classes");
        List<Source> todo = sources;
        // Pass 1 compiles everything at once (fast); if some fail, pass 2 compiles the rest alone,
        // because javac may write no class at all when any file has errors.
        for (int pass = 1; pass <= 2 && !todo.isEmpty(); pass++) {
            Map<Snippet, String> failed = compileOnce(javac, todo, workDir.resolve("src"), classes);
            errors.putAll(failed);
            if (failed.isEmpty()) {
                break;
            }
            todo = todo.stream().filter(src -> !failed.containsKey(src.snippet())).toList();
            if (pass == 2 && !todo.isEmpty()) {
                todo.forEach(src -> errors.putIfAbsent(src.snippet(), "compiled only together with failing snippets"));
            }
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    SnippetCompiler.class.getClassLoader());
            loader.setDefaultAssertionStatus(true); // snippets state expected values with assert
            Map<Snippet, Source> bySnippet = new HashMap<>();
            sources.forEach(src -> bySnippet.put(src.snippet(), src));
            return new Compiled(loader, errors, bySnippet);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<Snippet, String> compileOnce(JavaCompiler javac, List<Source> sources, Path srcDir, Path classes) {
        try {
            deleteTree(classes);
            deleteTree(srcDir);
            Path pkg = srcDir.resolve(PACKAGE.replace('.', '/'));
            Files.createDirectories(pkg);
            Files.createDirectories(classes);
            Map<Path, Source> byFile = new HashMap<>();
            for (Source src : sources) {
                Path f = pkg.resolve(src.snippet().className() + ".java");
                Files.writeString(f, src.text());
                byFile.put(f.toAbsolutePath().normalize(), src);
            }
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, null)) {
                List<String> options = List.of("--release", "21", "-proc:none", "-implicit:none", "-g",
                        "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
                javac.getTask(null, fm, diags, options, null, fm.getJavaFileObjectsFromPaths(byFile.keySet())).call();
            }
            Map<Snippet, String> failed = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                Source src = d.getSource() == null ? null
                        : byFile.get(Path.of(d.getSource().toUri()).toAbsolutePath().normalize());
                if (src == null) {
                    throw new AssertionError("compiler error outside any snippet: " + d);
                }
                String msg = "  " + src.snippet().file() + ":" + src.pageLine(d.getLineNumber()) + ": "
                        + d.getMessage(Locale.ROOT) + "\n";
                failed.merge(src.snippet(), msg, String::concat);
            }
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
