package dev.afd.engine.internal.kerneldb;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Orders backend version strings such as {@code 1.3.0rc20}, {@code 0.5.6.post2}, {@code 2.27.3} or
 * {@code 0.1.dev19262}, oldest first.
 *
 * <p>The rule (a simplification of Python's PEP 440, which the measured frameworks follow): a
 * version is a release, dot-separated numbers, optionally followed by one tag and its number. The
 * releases compare numerically component by component, a missing component counting as 0 ({@code
 * 2.27} equals {@code 2.27.0} and is older than {@code 2.27.3}). For equal releases the tag
 * decides: {@code dev} &lt; {@code a}/{@code alpha} &lt; {@code b}/{@code beta} &lt; {@code rc}
 * &lt; no tag (the release) &lt; {@code post}, then the tag's number. Anything else after the
 * release counts as an unknown tag that sorts before {@code dev}; equal keys fall back to the plain
 * string, so the order is total and deterministic. Stateless.
 */
public final class BackendVersions {
  /** Oldest first. */
  public static final Comparator<String> ORDER = BackendVersions::compare;

  private BackendVersions() {}

  /** {@return a negative number, zero or a positive number as {@code a} is older, equal, newer} */
  public static int compare(String a, String b) {
    Parsed left = parse(requireNonNull(a, "a"));
    Parsed right = parse(requireNonNull(b, "b"));
    int length = Math.max(left.release.size(), right.release.size());
    for (int index = 0; index < length; index++) {
      long x = index < left.release.size() ? left.release.get(index) : 0;
      long y = index < right.release.size() ? right.release.get(index) : 0;
      if (x != y) {
        return Long.compare(x, y);
      }
    }
    if (left.tagRank != right.tagRank) {
      return Integer.compare(left.tagRank, right.tagRank);
    }
    if (left.tagNumber != right.tagNumber) {
      return Long.compare(left.tagNumber, right.tagNumber);
    }
    return a.compareTo(b);
  }

  private record Parsed(List<Long> release, int tagRank, long tagNumber) {}

  private static final int UNKNOWN = 0;
  private static final int DEV = 1;
  private static final int ALPHA = 2;
  private static final int BETA = 3;
  private static final int CANDIDATE = 4;
  private static final int RELEASE = 5;
  private static final int POST = 6;

  private static Parsed parse(String version) {
    String text = version.toLowerCase(Locale.ROOT);
    if (text.startsWith("v")) {
      text = text.substring(1);
    }
    List<Long> release = new ArrayList<>();
    int position = 0;
    while (position < text.length() && Character.isDigit(text.charAt(position))) {
      int start = position;
      while (position < text.length() && Character.isDigit(text.charAt(position))) {
        position++;
      }
      release.add(number(text.substring(start, position)));
      if (position + 1 < text.length()
          && text.charAt(position) == '.'
          && Character.isDigit(text.charAt(position + 1))) {
        position++;
      } else {
        break;
      }
    }
    String rest = text.substring(position);
    while (!rest.isEmpty() && (rest.charAt(0) == '.' || rest.charAt(0) == '-')) {
      rest = rest.substring(1);
    }
    if (rest.isEmpty()) {
      return new Parsed(release, RELEASE, 0);
    }
    int digits = rest.length();
    while (digits > 0 && Character.isDigit(rest.charAt(digits - 1))) {
      digits--;
    }
    String tag = rest.substring(0, digits);
    long tagNumber = digits == rest.length() ? 0 : number(rest.substring(digits));
    int rank =
        switch (tag) {
          case "dev" -> DEV;
          case "a", "alpha" -> ALPHA;
          case "b", "beta" -> BETA;
          case "rc", "c" -> CANDIDATE;
          case "post" -> POST;
          default -> UNKNOWN;
        };
    return new Parsed(release, rank, tagNumber);
  }

  private static long number(String digits) {
    // Versions never need more than 18 digits; clamp instead of failing on absurd input.
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }
}
