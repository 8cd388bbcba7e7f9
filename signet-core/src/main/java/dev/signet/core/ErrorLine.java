package dev.signet.core;

import dev.signet.core.internal.ErrorText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The one line a person reads about a failure, and the cause chain it is found in: never Java class names. */
public final class ErrorLine {
  private ErrorLine() {}

  /**
   * {@code text} without Java class names: an exception's name before a colon dropped, a qualified class
   * name elsewhere cutting the text before the clause that holds it; {@code fallback} when nothing is left.
   */
  public static String withoutClassNames(String text, String fallback) {
    return ErrorText.withoutClassNames(text, fallback);
  }

  /** {@code e} and its causes, outermost first, each once: a library may build a chain that loops. */
  public static List<Throwable> causes(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** The first of {@code e} and its causes whose message says something; the innermost when none does. */
  public static Throwable firstSaying(Throwable e) {
    return firstSaying(e, t -> false);
  }

  /** As {@link #firstSaying(Throwable)}, passing over the causes {@code wrapper} names: they only repeat others. */
  public static Throwable firstSaying(Throwable e, Predicate<Throwable> wrapper) {
    List<Throwable> chain = causes(e);
    return chain.stream().filter(t -> t.getMessage() != null && !t.getMessage().isBlank() && !wrapper.test(t))
        .findFirst().orElse(chain.get(chain.size() - 1));
  }

  /** The innermost cause of {@code e}: what a library's wrappers wrap, often the most exact words. */
  public static Throwable innermost(Throwable e) {
    List<Throwable> chain = causes(e);
    return chain.get(chain.size() - 1);
  }
}
