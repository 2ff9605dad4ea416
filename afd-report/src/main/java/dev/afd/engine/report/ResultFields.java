package dev.afd.engine.report;

import dev.afd.api.Fidelity;
import dev.afd.api.strategy.MemoryUsage;
import dev.afd.api.strategy.ServingResult;
import dev.afd.api.unit.TimeSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link ServingResult} as an ordered map whose field names carry their units; the shared shape
 * of JSON, CSV and HTML reports.
 */
public final class ResultFields {
  private ResultFields() {}

  /** {@return the result as an ordered map} */
  public static Map<String, Object> of(ServingResult result) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("strategy", result.strategy());
    fields.put("feasible", result.feasible());
    fields.put("reason", result.reason());
    fields.put("ttftSeconds", result.timeToFirstToken().seconds());
    fields.put("tpotSeconds", result.timePerOutputToken().seconds());
    fields.put("requestLatencySeconds", result.requestLatency().seconds());
    fields.put("tokensPerSecond", result.tokensPerSecond());
    fields.put("tokensPerSecondPerGpu", result.tokensPerSecondPerDevice());
    fields.put("tokensPerSecondPerUser", result.tokensPerSecondPerUser());
    fields.put("concurrency", result.concurrency());
    fields.put("gpus", result.devices());
    fields.put("gpusByRole", result.devicesByRole());
    fields.put("config", result.knobs());
    fields.put("kvTransferSeconds", result.kvTransfer().seconds());
    fields.put("stageSeconds", stageSeconds(result));
    List<Map<String, Object>> memory = new ArrayList<>();
    for (MemoryUsage usage : result.memory()) {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("group", usage.group());
      group.put("weightsBytes", usage.weights().bytes());
      group.put("kvCacheBytes", usage.kvCache().bytes());
      group.put("activationsBytes", usage.activations().bytes());
      group.put("reserveBytes", usage.reserve().bytes());
      group.put("totalBytes", usage.total().bytes());
      group.put("capacityBytes", usage.capacity().bytes());
      memory.add(group);
    }
    fields.put("memoryPerGpu", memory);
    Map<String, Double> fidelity = new LinkedHashMap<>();
    for (Map.Entry<Fidelity, Double> share : result.fidelityMix().entrySet()) {
      fidelity.put(share.getKey().id(), share.getValue());
    }
    fields.put("fidelityShare", fidelity);
    fields.put("costModel", result.costModel());
    fields.put("networkModel", result.networkModel());
    return fields;
  }

  /** {@return the stage times in seconds, in the result's stage order} */
  public static Map<String, Double> stageSeconds(ServingResult result) {
    Map<String, Double> stages = new LinkedHashMap<>();
    for (Map.Entry<String, TimeSpan> stage : result.stageTimes().entrySet()) {
      stages.put(stage.getKey(), stage.getValue().seconds());
    }
    return stages;
  }

  /** {@return per device group, the total bytes on its fullest device, in the result's order} */
  public static Map<String, Long> memoryBytesPerGpu(ServingResult result) {
    Map<String, Long> memory = new LinkedHashMap<>();
    for (MemoryUsage usage : result.memory()) {
      memory.put(usage.group(), usage.total().bytes());
    }
    return memory;
  }

  /** {@return knobs as one compact string, for example {@code "tp=8 dp=1 batch=64"}} */
  public static String compactConfig(ServingResult result) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> knob : result.knobs().entrySet()) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(knob.getKey()).append('=').append(knob.getValue());
    }
    return text.toString();
  }
}
