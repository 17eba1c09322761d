import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.MachineComplexityEvaluator;
import software.amazon.event.ruler.MatchType;
import software.amazon.event.ruler.Patterns;

/**
 * Differential-test oracle for rulebridge: AWS's own EventBridge matcher (event-ruler) behind a
 * line protocol.
 *
 * <p>stdin: JSON Lines, one request per line:
 * <pre>{"pattern": &lt;json&gt;, "event": &lt;json&gt;}</pre>
 * Instead of {@code pattern}/{@code event}, {@code patternText}/{@code eventText} may carry the raw
 * JSON text as a string (to feed malformed JSON, or numbers spelled a particular way).
 * The pattern and event text are handed to event-ruler exactly as they appear on the line, so
 * number spellings such as {@code 3.018e2} reach event-ruler untouched.
 *
 * <p>stdout: exactly one line per input line, in order:
 * <pre>{"result": true|false}</pre> when event-ruler accepts the pattern (it matched or not), or
 * <pre>{"error": "&lt;reason&gt;"}</pre> when it rejects the pattern, or when the line itself is bad.
 * Output is flushed whenever no more input is waiting, so the harness works both interactively
 * and for large batches.
 *
 * <p>A pattern is accepted or rejected exactly as {@code Machine.addRule(name, json)} decides (it
 * tries {@link JsonRuleCompiler} and, on a parse error, falls back to the legacy
 * {@code RuleCompiler}, which reads "$or" as a plain field name); the reason given for a rejection
 * is JsonRuleCompiler's ({@code JsonRuleCompiler.check}), since the fallback's message is about the
 * fallback. Matching uses the array-consistent {@code rulesForJSONEvent} of a fresh default Machine.
 *
 * <p>With the argument {@code --explain}, lines carry extra diagnostic keys: {@code compiler}
 * ("JsonRuleCompiler", or "RuleCompiler" when only the legacy fallback accepts the pattern),
 * {@code addRule} (addRule's own message when it differs from the reason given), {@code where} (the
 * error's location in the pattern text), and {@code acFinder} (only when event-ruler's pre-2.0
 * ACFinder matcher disagrees with its default StructuredFinder — an event-ruler self-inconsistency).
 *
 * <p>With {@code --max-complexity N}, a pattern JsonRuleCompiler accepts is also validated as the
 * EventBridge service does (event-ruler's README, "strategy #2"): a Machine of the pattern's $or
 * branches that hold a wildcard, {@code evaluateComplexity} capped at 100, and a complexity above N
 * rejected with the service's "Rule is too complex" message. A request line may also carry
 * {@code "complexity": true} to get the evaluated complexity back as {@code "complexity": n}.
 */
public final class EventRulerHarness {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String RULE = "rule";
  private static final int COMPLEXITY_CAP = 100;
  static final String TOO_COMPLEX =
      "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";
  /** --max-complexity; -1: not validated. */
  private static int maxComplexity = -1;

  private EventRulerHarness() {}

  /** A request line that cannot be judged; reported as {"error": ...}. */
  private static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;

    BadLine(String message) {
      super(message);
    }
  }

  private static final class Request {
    String pattern;
    String event;
    boolean complexity;
  }

  public static void main(String[] args) throws IOException {
    boolean explain = false;
    for (int i = 0; i < args.length; i++) {
      final String arg = args[i];
      if (arg.equals("--max-complexity") && i + 1 < args.length) {
        maxComplexity = Integer.parseInt(args[++i]);
      } else if (arg.equals("--explain")) {
        explain = true;
      } else if (arg.equals("--version")) {
        System.out.println(versionOf());
        return;
      } else {
        System.err.println(
            "usage: EventRulerHarness [--explain] [--max-complexity N] [--version] < requests.jsonl");
        System.exit(2);
      }
    }

    // Nothing from event-ruler or Jackson may write to stdout except our answers.
    final OutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
    System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));

    final BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
    final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    String line;
    while ((line = in.readLine()) != null) {
      buffer.write(answer(line, explain));
      buffer.write('\n');
      if (!in.ready() || buffer.size() > (1 << 16)) {
        buffer.writeTo(out);
        out.flush();
        buffer.reset();
      }
    }
    buffer.writeTo(out);
    out.flush();
  }

  private static String versionOf() {
    final Package pkg = Machine.class.getPackage();
    final String v = pkg == null ? null : pkg.getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  private static byte[] answer(String line, boolean explain) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (JsonGenerator out = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      out.writeStartObject();
      try {
        final Request request = parseRequest(line);
        judge(request, out, explain);
      } catch (BadLine e) {
        out.writeStringField("error", "bad request line: " + e.getMessage());
      } catch (Throwable t) {
        // Never let one line kill the process (StackOverflowError on deep nesting included).
        out.writeStringField("error", "harness failure: " + t);
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an answer", e);
    }
    return bytes.toByteArray();
  }

  private static void judge(Request request, JsonGenerator out, boolean explain) throws IOException {
    final Machine machine = Machine.builder().build();
    try {
      machine.addRule(RULE, request.pattern);
    } catch (Throwable t) {
      // addRule falls back to the legacy RuleCompiler whenever JsonRuleCompiler fails to parse, so
      // its exception often speaks of the fallback's confusion ("Unrecognized match type a" for a
      // broken $or). JsonRuleCompiler's own reason is the one that explains the pattern.
      final String primary = jsonRuleCompilerReason(request.pattern);
      final String fallback = reason(t);
      out.writeStringField("error", primary != null ? primary : fallback);
      if (explain) {
        if (primary != null && !primary.equals(fallback)) {
          out.writeStringField("addRule", fallback);
        }
        if (t instanceof JsonProcessingException
            && ((JsonProcessingException) t).getLocation() != null) {
          final var loc = ((JsonProcessingException) t).getLocation();
          out.writeStringField("where", "line " + loc.getLineNr() + ", column " + loc.getColumnNr());
        }
      }
      return;
    }

    if (maxComplexity >= 0 || request.complexity) {
      final int complexity = wildcardComplexity(request.pattern);
      if (request.complexity) {
        out.writeNumberField("complexity", complexity);
      }
      if (maxComplexity >= 0 && complexity > maxComplexity) {
        out.writeStringField("error", TOO_COMPLEX);
        return;
      }
    }

    final List<String> matched;
    try {
      matched = machine.rulesForJSONEvent(request.event);
    } catch (Throwable t) {
      out.writeStringField("error", "event rejected: " + reason(t));
      return;
    }
    final boolean result = matched.contains(RULE);
    out.writeBooleanField("result", result);

    if (explain) {
      out.writeStringField(
          "compiler",
          jsonRuleCompilerReason(request.pattern) == null ? "JsonRuleCompiler" : "RuleCompiler");
      try {
        final GenericMachine<String> ac =
            GenericMachine.<String>builder().withStructuredMatching(false).build();
        ac.addRule(RULE, request.pattern);
        final boolean acResult = ac.rulesForJSONEvent(request.event).contains(RULE);
        if (acResult != result) {
          out.writeBooleanField("acFinder", acResult);
        }
      } catch (Throwable t) {
        out.writeStringField("acFinder", "failed: " + t);
      }
    }
  }

  /**
   * The pattern's wildcard complexity as EventBridge evaluates it: a Machine of the branches holding
   * a wildcard; 0 when JsonRuleCompiler refuses the pattern (the legacy compiler has no wildcards).
   */
  private static int wildcardComplexity(String pattern) {
    final List<Map<String, List<Patterns>>> branches;
    try {
      branches = JsonRuleCompiler.compile(pattern);
    } catch (Throwable t) {
      return 0;
    }
    final Machine machine = Machine.builder().build();
    int added = 0;
    for (Map<String, List<Patterns>> branch : branches) {
      boolean wild = false;
      for (List<Patterns> values : branch.values()) {
        for (Patterns value : values) {
          wild |= value.type() == MatchType.WILDCARD || value.type() == MatchType.ANYTHING_BUT_WILDCARD;
        }
      }
      if (wild) {
        machine.addPatternRule(Integer.toString(++added), branch);
      }
    }
    return added == 0 ? 0 : machine.evaluateComplexity(new MachineComplexityEvaluator(COMPLEXITY_CAP));
  }

  /** Why {@link JsonRuleCompiler} alone (no legacy fallback) rejects a pattern; null if it accepts it. */
  private static String jsonRuleCompilerReason(String pattern) {
    try {
      JsonRuleCompiler.compile(pattern);
      return null;
    } catch (Throwable t) {
      return reason(t);
    }
  }

  /** The human reason of an event-ruler exception, without Jackson's source excerpt. */
  private static String reason(Throwable t) {
    String message = null;
    if (t instanceof JsonProcessingException) {
      message = ((JsonProcessingException) t).getOriginalMessage();
    }
    if (message == null) {
      message = t.getLocalizedMessage();
    }
    if (message == null) {
      return t.getClass().getSimpleName();
    }
    // event-ruler sometimes wraps a Jackson message (location included) into another one.
    final int location = message.indexOf("\n at [Source:");
    return location >= 0 ? message.substring(0, location) : message;
  }

  /**
   * Reads one request line, keeping the pattern's and the event's JSON text verbatim (a character
   * range of the line) rather than re-serialising a parsed tree.
   */
  private static Request parseRequest(String line) throws BadLine {
    final Request request = new Request();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new BadLine("not a JSON object");
      }
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_OBJECT) {
        if (token != JsonToken.FIELD_NAME) {
          throw new BadLine("unexpected " + token);
        }
        final String name = p.currentName();
        final JsonToken value = p.nextToken();
        switch (name) {
          case "pattern":
          case "event":
            {
              final int start = (int) p.currentTokenLocation().getCharOffset();
              if (value.isStructStart()) {
                p.skipChildren();
              } else {
                p.finishToken(); // strings are read lazily: consume up to the closing quote
              }
              final int end = (int) p.currentLocation().getCharOffset();
              set(request, name, line.substring(start, end));
              break;
            }
          case "complexity":
            request.complexity = value == JsonToken.VALUE_TRUE;
            break;
          case "patternText":
          case "eventText":
            if (value != JsonToken.VALUE_STRING) {
              throw new BadLine("\"" + name + "\" must be a string of JSON text");
            }
            set(request, name.substring(0, name.length() - 4), p.getText());
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new BadLine("trailing content after the request object");
      }
    } catch (JsonProcessingException e) {
      throw new BadLine("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadLine(e.toString());
    }
    if (request.pattern == null) {
      throw new BadLine("missing \"pattern\"");
    }
    if (request.event == null) {
      throw new BadLine("missing \"event\"");
    }
    return request;
  }

  private static void set(Request request, String name, String text) throws BadLine {
    if (name.equals("pattern")) {
      if (request.pattern != null) {
        throw new BadLine("more than one pattern");
      }
      request.pattern = text;
    } else {
      if (request.event != null) {
        throw new BadLine("more than one event");
      }
      request.event = text;
    }
  }
}
