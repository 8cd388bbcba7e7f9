package dev.signet.core;

import dev.signet.core.internal.ErrorText;

/** The one line a person reads about a failure: never the names of Java classes. */
public final class ErrorLine {
  private ErrorLine() {}

  /**
   * {@code text} without Java class names: an exception's name before a colon dropped, a qualified class
   * name elsewhere cutting the text before the clause that holds it; {@code fallback} when nothing is left.
   */
  public static String withoutClassNames(String text, String fallback) {
    return ErrorText.withoutClassNames(text, fallback);
  }
}
