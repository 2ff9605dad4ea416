package dev.afd.engine.validate;

/** A small synthetic silicon sample: one agg row, one disagg row, one unsupported row. */
public final class SiliconCsvFixtures {
  private SiliconCsvFixtures() {}

  /** {@return the columns a silicon file must have} */
  public static java.util.List<String> requiredColumns() {
    return SiliconCsv.REQUIRED;
  }

  /** {@return the CSV text} */
  public static String sample() {
    return String.join(",", SiliconCsv.REQUIRED)
        + "\n"
        + "agg1,silicon_concurrency=16,trtllm,1.2,deepseek-ai/DeepSeek-V3,h200_sxm,agg,1024,1024,"
        + "fp8,fp8,16,8,1,1,8,1,,,,,,,,,,,,,,,300,20\n"
        + "pd1,silicon_concurrency=36,trtllm,0.8,deepseek-ai/DeepSeek-V3,h200_sxm,disagg,1024,1024,"
        + "fp8,fp8,,,,,,,1,1,8,1,1,1,8,4,9,8,1,1,1,8,650,13\n"
        + "kimi,silicon_concurrency=8,vllm,0.19,moonshotai/Kimi-K2.5,h200_sxm,agg,1024,1024,"
        + "fp8,fp8,8,8,1,1,8,1,,,,,,,,,,,,,,,300,20\n";
  }
}
