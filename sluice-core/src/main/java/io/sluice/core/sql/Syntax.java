package io.sluice.core.sql;

/**
 * The lexical rules {@link SqlText} uses to tell code from quoted text and comments, so that a
 * {@code :name} or {@code ?} inside a literal is never taken for a parameter.
 *
 * <table>
 * <caption>What each flavour recognises</caption>
 * <tr><th>construct</th><th>MYSQL</th><th>POSTGRES</th><th>GENERIC</th></tr>
 * <tr><td>{@code '...'} / {@code "..."}, doubled quote inside</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>backslash escapes inside {@code '...'} and {@code "..."}</td><td>yes</td>
 *     <td>no (standard_conforming_strings); only in {@code E'...'}</td><td>yes</td></tr>
 * <tr><td>{@code `...`} identifiers</td><td>yes</td><td>no</td><td>yes</td></tr>
 * <tr><td>{@code $$...$$}, {@code $tag$...$tag$}</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@code --} comment</td><td>only when followed by whitespace, a control character or the
 *     end</td><td>always</td><td>always</td></tr>
 * <tr><td>{@code #} comment</td><td>yes</td><td>no ({@code #} is XOR)</td><td>yes</td></tr>
 * <tr><td>{@code /* ... *}{@code /} nests</td><td>no</td><td>yes</td><td>no</td></tr>
 * </table>
 *
 * <p>{@link #GENERIC} is the conservative union used when the database is unknown. Its one real
 * hazard is PostgreSQL text with a standard string ending in a backslash ({@code 'C:\'}): GENERIC
 * reads the backslash as an escape, so the literal seems to run on. Pass {@link #POSTGRES} when the
 * target is known (the engine does).
 *
 * <p>MySQL's executable comments ({@code /*! ... *}{@code /}) and optimizer hints
 * ({@code /*+ ... *}{@code /}) are comments here: parameters inside them are not recognised.
 */
public enum Syntax {
    /** MySQL / MariaDB with the default sql_mode (no NO_BACKSLASH_ESCAPES, no ANSI_QUOTES needed). */
    MYSQL(true, true, false, false, true, false),
    /** PostgreSQL with standard_conforming_strings on (the default since 9.1). */
    POSTGRES(false, false, true, true, false, true),
    /** The union of both, for when the target is not known. See the class comment. */
    GENERIC(true, true, true, false, true, false);

    final boolean backslashEscapes;
    final boolean backticks;
    final boolean dollarQuotes;
    final boolean dashCommentAlways;
    final boolean hashComments;
    final boolean nestedBlockComments;

    Syntax(boolean backslashEscapes, boolean backticks, boolean dollarQuotes, boolean dashCommentAlways,
           boolean hashComments, boolean nestedBlockComments) {
        this.backslashEscapes = backslashEscapes;
        this.backticks = backticks;
        this.dollarQuotes = dollarQuotes;
        this.dashCommentAlways = dashCommentAlways;
        this.hashComments = hashComments;
        this.nestedBlockComments = nestedBlockComments;
    }
}
