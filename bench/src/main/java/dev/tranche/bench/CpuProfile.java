package dev.tranche.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went during a JFR recording, from its execution samples: for each part (our code, Temporal, the
 * database driver and pool, …) the share of samples whose stack passes through it (the shares overlap: a stack
 * passes through several parts), and its hottest frames: the frame of that part nearest the top of each sampled
 * stack, which counts whatever runs beneath it that belongs to no part of ours (a servlet filter of ours is charged
 * with the framework's request handling under it).
 */
final class CpuProfile {

  private static final Map<String, Predicate<String>> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("tranche", type -> type.startsWith("dev.tranche."));
    PARTS.put("temporal", type -> type.startsWith("io.temporal."));
    PARTS.put("database", type -> type.startsWith("org.postgresql.") || type.startsWith("com.zaxxer.")
        || type.startsWith("org.springframework.jdbc."));
    PARTS.put("jackson", type -> type.startsWith("tools.jackson.") || type.startsWith("com.fasterxml.jackson."));
    PARTS.put("grpc", type -> type.startsWith("io.grpc.") || type.startsWith("io.netty."));
    PARTS.put("redis", type -> type.startsWith("org.redisson."));
    PARTS.put("security", type -> type.startsWith("org.springframework.security.") || type.startsWith("com.nimbusds."));
    PARTS.put("web", type -> type.startsWith("org.apache.catalina.") || type.startsWith("org.apache.coyote.")
        || type.startsWith("org.springframework.web."));
  }

  private CpuProfile() {
  }

  static Map<String, Object> summarise(Path recording, int top) throws IOException {
    long samples = 0;
    Map<String, Long> through = new LinkedHashMap<>();
    Map<String, Map<String, Long>> frames = new LinkedHashMap<>();
    PARTS.keySet().forEach(part -> {
      through.put(part, 0L);
      frames.put(part, new TreeMap<>());
    });
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      List<RecordedFrame> stack = event.getStackTrace().getFrames();
      for (Map.Entry<String, Predicate<String>> part : PARTS.entrySet()) {
        for (RecordedFrame frame : stack) {
          String type = frame.getMethod().getType().getName();
          if (part.getValue().test(type)) {
            through.merge(part.getKey(), 1L, Long::sum);
            frames.get(part.getKey()).merge(type + "." + frame.getMethod().getName(), 1L, Long::sum);
            break;
          }
        }
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("samples", samples);
    long total = Math.max(1, samples);
    for (String part : PARTS.keySet()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("shareOfSamples", Math.round(1000.0 * through.get(part) / total) / 10.0);
      p.put("topFrames", frames.get(part).entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
          .map(e -> e.getKey() + " (" + Math.round(1000.0 * e.getValue() / total) / 10.0 + " %)")
          .collect(Collectors.toList()));
      summary.put(part, p);
    }
    return summary;
  }
}
