package dev.afd.engine.internal.parquet;

/**
 * Signals malformed or unsupported content inside the decoders.
 *
 * <p>The decoders do not know which file they are reading, so {@link ParquetTable#read} catches
 * this exception and rethrows it as an {@link IllegalArgumentException} whose message names the
 * file.
 */
final class ParquetDecodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ParquetDecodingException(String message) {
    super(message);
  }

  ParquetDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
