import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.event.ruler.Machine;

/**
 * Matching benchmark for event-ruler (see bench/matching.mjs).
 *
 * Usage: java -cp <oracle classpath>:<this class> EventRulerBench <events.jsonl> <warmupEvents> <minMillis> <rules.jsonl>...
 *
 * events.jsonl: one JSON event per line. rules.jsonl: one {@code name<TAB>pattern} per line.
 * For each rules file: one Machine with every rule of the file, {@code warmupEvents} untimed matches
 * (cycling over the events), then timed passes of rulesForJSONEvent(text) over every event line until minMillis have
 * passed (at least one). Prints one JSON line per rules file: {"file","rules","eps","matches","buildMs",
 * "passes"}: eps of the fastest pass (the least disturbed by other load), matches the total number of
 * (event, rule) matches of one pass.
 */
public final class EventRulerBench {
  private static volatile long sink;

  public static void main(String[] args) throws Exception {
    List<String> events = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
    events.removeIf(String::isEmpty);
    int warmup = Integer.parseInt(args[1]);
    long minNanos = Long.parseLong(args[2]) * 1_000_000L;
    for (int a = 3; a < args.length; a++) {
      List<String> lines = Files.readAllLines(Path.of(args[a]), StandardCharsets.UTF_8);
      long b0 = System.nanoTime();
      Machine machine = new Machine();
      int rules = 0;
      for (String line : lines) {
        if (line.isEmpty()) continue;
        int tab = line.indexOf('\t');
        machine.addRule(line.substring(0, tab), line.substring(tab + 1));
        rules++;
      }
      double buildMs = (System.nanoTime() - b0) / 1e6;
      long w = 0;
      for (int i = 0; i < warmup; i++) w += machine.rulesForJSONEvent(events.get(i % events.size())).size();
      sink += w;
      long matches = -1;
      double best = Double.MAX_VALUE;
      int passes = 0;
      long start = System.nanoTime();
      do {
        long n = 0;
        long t0 = System.nanoTime();
        for (String event : events) n += machine.rulesForJSONEvent(event).size();
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        if (matches >= 0 && n != matches) throw new IllegalStateException("match count changed between passes");
        matches = n;
        passes++;
      } while (System.nanoTime() - start < minNanos);
      double seconds = best;
      sink += matches;
      System.out.println(
          "{\"file\":\"" + args[a].replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"rules\":" + rules
              + ",\"eps\":" + (events.size() / seconds) + ",\"matches\":" + matches + ",\"buildMs\":" + buildMs
              + ",\"passes\":" + passes + "}");
      System.out.flush();
    }
  }
}
