package dev.afd.api;

/**
 * Bad user input: an unknown id, an invalid option, an unparsable unit string, a malformed file.
 *
 * <p>The message is a complete, user-facing sentence that names the file, field or id, quotes the
 * value and says what was expected. The CLI prints it without a stack trace and exits with status
 * 2.
 *
 * @since 0.1
 */
public final class AfdConfigurationException extends AfdException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the user-facing message
   */
  public AfdConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the user-facing message
   * @param cause the underlying failure
   */
  public AfdConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
