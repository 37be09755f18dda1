package io.airlock.platform.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals and text blocks of a Java source, outside comments, with literals joined by
 * {@code +} read as one: where a class keeps its SQL. Escapes are kept as written; SQL needs none.
 */
final class JavaStrings {

  private JavaStrings() {}

  static List<String> of(String source) {
    List<String> strings = new ArrayList<>();
    StringBuilder current = null;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        i = endOfLine(source, i);
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'') {
        i = endOfQuoted(source, i + 1, '\'');
      } else if (c == '"') {
        boolean block = source.startsWith("\"\"\"", i);
        int start = block ? i + 3 : i + 1;
        int end = block ? source.indexOf("\"\"\"", start) : endOfQuoted(source, start, '"') - 1;
        end = end < 0 ? n : end;
        String text = source.substring(start, end);
        current = current == null ? new StringBuilder(text) : current.append(text);
        i = block ? end + 3 : end + 1;
        int next = skipConcatenation(source, i);
        if (next == i || next >= n || source.charAt(next) != '"') {
          strings.add(current.toString());
          current = null;
        } else {
          i = next;
        }
      } else {
        i++;
      }
    }
    return strings;
  }

  private static int endOfLine(String source, int from) {
    int end = source.indexOf('\n', from);
    return end < 0 ? source.length() : end + 1;
  }

  /** The index just past the closing quote, skipping escaped characters. */
  private static int endOfQuoted(String source, int from, char quote) {
    int i = from;
    while (i < source.length() && source.charAt(i) != quote) {
      i += source.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, source.length());
  }

  /** Past whitespace, one {@code +} and whitespace again; {@code from} when there is no plus. */
  private static int skipConcatenation(String source, int from) {
    int i = from;
    while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
      i++;
    }
    if (i >= source.length() || source.charAt(i) != '+') {
      return from;
    }
    i++;
    while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
      i++;
    }
    return i;
  }
}
