package dev.tranche.workers;

import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The JSON logs' last line of defence, as the plain pattern's: PII is never logged on purpose, and any
 * string value shaped like an SSN (123-45-6789, or nine digits standing alone) is masked, in the message, the
 * stack trace and every MDC value alike.
 */
public final class PiiMaskingJsonLogs implements StructuredLoggingJsonMembersCustomizer<Object> {

  /** Nine digits on their own: not inside a longer token such as a hex trace id, whose digit runs are not PII. */
  private static final Pattern SSN = Pattern.compile(
      "[0-9]{3}-[0-9]{2}-[0-9]{4}|(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])");

  static String mask(String value) {
    return SSN.matcher(value).replaceAll("***-**-****");
  }

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PiiMaskingJsonLogs::mask));
  }
}
