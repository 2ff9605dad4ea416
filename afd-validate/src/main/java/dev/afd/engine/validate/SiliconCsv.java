package dev.afd.engine.validate;

import dev.afd.api.AfdConfigurationException;
import dev.afd.api.strategy.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an AIConfigurator-format silicon CSV ({@code silicon_sample.csv}; columns in
 * ../shared/data/README.md). RFC 4180 quoting; errors name the file, line and column.
 */
public final class SiliconCsv {
  private SiliconCsv() {}

  /** Columns a file must have. */
  static final List<String> REQUIRED =
      List.of(
          "id",
          "silicon_data_source",
          "backend",
          "backend_version",
          "model_path",
          "system",
          "mode",
          "isl",
          "osl",
          "gemm_quant_mode",
          "moe_quant_mode",
          "batch_size",
          "tp_size",
          "pp_size",
          "attention_dp_size",
          "moe_tp_size",
          "moe_ep_size",
          "prefill_batch_size",
          "prefill_num_workers",
          "prefill_tp_size",
          "prefill_pp_size",
          "prefill_attention_dp_size",
          "prefill_moe_tp_size",
          "prefill_moe_ep_size",
          "decode_batch_size",
          "decode_num_workers",
          "decode_tp_size",
          "decode_pp_size",
          "decode_attention_dp_size",
          "decode_moe_tp_size",
          "decode_moe_ep_size",
          "silicon_ttft_ms",
          "silicon_tpot_ms");

  /**
   * Largest silicon file read, 256 MiB: about 500 times AIConfigurator's whole silicon sample (≈
   * 5,000 rows of ≈ 500 bytes), small enough to parse in a default-sized heap.
   */
  public static final long MAX_FILE_BYTES = 256L << 20;

  private static final Pattern CONCURRENCY = Pattern.compile("silicon_concurrency=(\\d+)");

  /**
   * Reads a file.
   *
   * @throws AfdConfigurationException if the file is missing, unreadable or malformed
   */
  public static List<SiliconRow> read(Path file) {
    return read(file, MAX_FILE_BYTES);
  }

  /** {@return the rows of a file of at most {@code maxBytes} bytes} */
  static List<SiliconRow> read(Path file, long maxBytes) {
    String text;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        // Checked before reading: the whole file is held in memory, then as rows.
        throw new AfdConfigurationException(
            "Silicon file '"
                + file
                + "' has "
                + size
                + " bytes; at most "
                + maxBytes
                + " are read (split the file)");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AfdConfigurationException("Silicon file '" + file + "' does not exist");
    } catch (IOException e) {
      throw new AfdConfigurationException(
          "Silicon file '" + file + "' cannot be read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses CSV text.
   *
   * @param name the file name used in messages
   * @param text the CSV text
   */
  public static List<SiliconRow> parse(String name, String text) {
    List<List<String>> records = records(name, text);
    if (records.isEmpty()) {
      throw new AfdConfigurationException("Silicon file '" + name + "' is empty");
    }
    List<String> header = records.get(0);
    Map<String, Integer> index = new HashMap<>();
    for (int column = 0; column < header.size(); column++) {
      Integer earlier = index.put(header.get(column).trim(), column);
      if (earlier != null) {
        // Which of the two would be read is arbitrary: refuse rather than pick one.
        throw new AfdConfigurationException(
            "Silicon file '"
                + name
                + "' line 1: column '"
                + header.get(column).trim()
                + "' appears twice (columns "
                + (earlier + 1)
                + " and "
                + (column + 1)
                + "); expected each column once");
      }
    }
    for (String required : REQUIRED) {
      if (!index.containsKey(required)) {
        throw new AfdConfigurationException(
            "Silicon file '" + name + "' line 1: missing column '" + required + "'");
      }
    }
    List<SiliconRow> rows = new ArrayList<>();
    for (int number = 1; number < records.size(); number++) {
      List<String> record = records.get(number);
      if (record.size() == 1 && record.get(0).isBlank()) {
        continue;
      }
      int line = number + 1;
      if (record.size() != header.size()) {
        throw new AfdConfigurationException(
            String.format(
                Locale.ROOT,
                "Silicon file '%s' line %d: expected %d fields, got %d",
                name,
                line,
                header.size(),
                record.size()));
      }
      rows.add(new Fields(name, line, record, index).row());
    }
    return List.copyOf(rows);
  }

  private record Fields(String name, int line, List<String> record, Map<String, Integer> index) {
    String text(String column) {
      return record.get(index.get(column)).trim();
    }

    int integer(String column, boolean required) {
      String value = text(column);
      if (value.isEmpty() && !required) {
        return 0;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed >= 0 && (parsed > 0 || !required)) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(column, value, required ? "a positive integer" : "a non-negative integer");
    }

    double milliseconds(String column) {
      String value = text(column);
      try {
        double parsed = Double.parseDouble(value);
        if (Double.isFinite(parsed) && parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw error(column, value, "a positive number of milliseconds");
    }

    /** {@return the {@code silicon_concurrency=N} of the source column, a positive int} */
    int concurrency(String digits) {
      try {
        int parsed = Integer.parseInt(digits);
        if (parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // more digits than an int holds: reported below
      }
      throw error(
          "silicon_data_source",
          "silicon_concurrency=" + digits,
          "silicon_concurrency between 1 and " + Integer.MAX_VALUE);
    }

    AfdConfigurationException error(String column, String value, String expected) {
      return new AfdConfigurationException(
          String.format(
              Locale.ROOT,
              "Silicon file '%s' line %d, column '%s': expected %s, got '%s'",
              name,
              line,
              column,
              expected,
              value));
    }

    SiliconRow.Pool pool(String prefix, boolean workersAndBatch) {
      return new SiliconRow.Pool(
          integer(prefix + "batch_size", false),
          workersAndBatch ? integer(prefix + "num_workers", false) : 1,
          integer(prefix + "tp_size", false),
          integer(prefix + "pp_size", false),
          integer(prefix + "attention_dp_size", false),
          integer(prefix + "moe_tp_size", false),
          integer(prefix + "moe_ep_size", false));
    }

    SiliconRow row() {
      String mode = text("mode");
      boolean agg = mode.equals("agg");
      SiliconRow.Pool aggPool = agg ? pool("", false) : SiliconRow.Pool.NONE;
      SiliconRow.Pool prefill = agg ? SiliconRow.Pool.NONE : pool("prefill_", true);
      SiliconRow.Pool decode = agg ? SiliconRow.Pool.NONE : pool("decode_", true);
      String source = text("silicon_data_source");
      Matcher matcher = CONCURRENCY.matcher(source);
      int concurrency = matcher.find() ? concurrency(matcher.group(1)) : agg ? aggPool.batch() : 0;
      int isl = integer("isl", true);
      int osl = integer("osl", true);
      if ((long) isl + osl > WorkloadSpec.MAX_CONTEXT_TOKENS) {
        // Checked here, where the line is known: the row's workload would refuse it later.
        throw new AfdConfigurationException(
            String.format(
                Locale.ROOT,
                "Silicon file '%s' line %d, columns 'isl' + 'osl': expected at most %d tokens"
                    + " together (WorkloadSpec.MAX_CONTEXT_TOKENS, the longest context afd models),"
                    + " got '%d + %d'",
                name,
                line,
                WorkloadSpec.MAX_CONTEXT_TOKENS,
                isl,
                osl));
      }
      return new SiliconRow(
          line,
          text("id"),
          source,
          text("backend"),
          text("backend_version"),
          text("model_path"),
          text("system"),
          mode,
          isl,
          osl,
          text("gemm_quant_mode"),
          text("moe_quant_mode"),
          concurrency,
          aggPool,
          prefill,
          decode,
          milliseconds("silicon_ttft_ms"),
          milliseconds("silicon_tpot_ms"));
    }
  }

  /** Splits RFC 4180 CSV into records of fields. */
  static List<List<String>> records(String name, String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int line = 1;
    int recordLine = 1;
    for (int position = 0; position < text.length(); position++) {
      char ch = text.charAt(position);
      if (quoted) {
        if (ch == '"') {
          if (position + 1 < text.length() && text.charAt(position + 1) == '"') {
            field.append('"');
            position++;
          } else {
            quoted = false;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
          position++;
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
        line++;
        recordLine = line;
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new AfdConfigurationException(
          "Silicon file '" + name + "' line " + recordLine + ": unterminated quoted field");
    }
    if (field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(fields);
    }
    return records;
  }
}
