package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.catalogue.CanonicalFields;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AWS CloudTrail: a log file {@code {"Records":[..]}} (one event per record), or one record alone
 * as CloudWatch Logs and Firehose deliver them. Console sign-ins are AUTHENTICATION {@code sign_in};
 * every other call is SECURITY: {@code admin_action} for IAM writes, {@code config_change} for other
 * writes, {@code api_call} otherwise. A failed call's error code stays an attribute, not an error:
 * it is the caller's failure, not the application's, and must not count as an exception.
 */
public final class CloudTrailParser implements JsonFormatParser {

  public static final String FORMAT = "cloudtrail";

  private static final String[] WRITE_PREFIXES = {
      "Create", "Delete", "Put", "Update", "Attach", "Detach", "Modify", "Set", "Add", "Remove", "Enable", "Disable"};
  // requestParameters fields that name what a call acts on, most telling first.
  private static final String[][] TARGETS = {
      {"userName", "user"}, {"roleName", "role"}, {"groupName", "group"}, {"policyArn", "policy"},
      {"policyName", "policy"}, {"accessKeyId", "access_key"}, {"bucketName", "bucket"},
      {"functionName", "function"}, {"keyId", "kms_key"}, {"secretId", "secret"}, {"trailName", "trail"},
      {"instanceProfileName", "instance_profile"}, {"dBInstanceIdentifier", "db_instance"},
      {"tableName", "table"}, {"topicArn", "topic"}, {"queueUrl", "queue"}, {"logGroupName", "log_group"},
      {"groupId", "security_group"}};
  private static final String[] TOP_ATTRIBUTES = {
      "awsRegion", "eventName", "eventSource", "eventType", "eventCategory", "userAgent", "errorCode",
      "errorMessage", "recipientAccountId", "readOnly", "managementEvent", "requestID", "vpcEndpointId"};
  private static final String[] IDENTITY_ATTRIBUTES = {
      "type", "arn", "accountId", "principalId", "accessKeyId", "invokedBy"};
  private static final String[] FLATTENED = {"additionalEventData", "requestParameters"};
  private static final Set<String> NO_SKIP = Set.of();

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    JsonNode records = root.get("Records");
    if (records != null) {
      return records.isArray();
    }
    return root.has("eventSource") && root.has("eventName") && root.has("eventTime") && root.has("userIdentity");
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    JsonNode records = JsonValues.array(root, "Records");
    if (records == null) {
      if (root.has("eventName") && root.has("eventSource")) {
        return List.of(event(root, context));
      }
      return BatchEntries.finish(new ArrayList<>(), 1, FORMAT);
    }
    List<ParsedEvent> events = new ArrayList<>(records.size());
    int skipped = 0;
    for (JsonNode record : records) {
      if (record.isObject() && record.has("eventName")) {
        events.add(event(record, context));
      } else {
        skipped++;
      }
    }
    return BatchEntries.finish(events, skipped, FORMAT);
  }

  private static ParsedEvent event(JsonNode record, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    JsonNode time = record.get("eventTime");
    if (time != null && !time.isNull()) {
      event.time = JsonValues.time(time, context);
      if (event.time == null) {
        event.flag(GenericJsonParser.BAD_TIME);
      }
    }
    event.eventId = JsonValues.nonBlank(record.get("eventID"));
    String name = JsonValues.nonBlank(record.get("eventName"));
    String source = JsonValues.nonBlank(record.get("eventSource"));
    String errorCode = JsonValues.nonBlank(record.get("errorCode"));
    String errorMessage = JsonValues.nonBlank(record.get("errorMessage"));
    JsonNode identity = JsonValues.object(record, "userIdentity");
    event.user = user(identity);
    event.service = source;
    String address = JsonValues.nonBlank(record.get("sourceIPAddress"));
    if (address != null && isIpAddress(address)) {
      event.sourceAddress = address;
    } else {
      // AWS services calling on a user's behalf put their own name here, which is no address.
      event.attribute("sourceIPAddress", address);
    }
    classify(event, record, name, source, errorCode, errorMessage);
    target(event, JsonValues.object(record, "requestParameters"));
    StringBuilder message = new StringBuilder(name == null ? "CloudTrail event" : name);
    if (source != null) {
      message.append(" (").append(source).append(')');
    }
    if (event.outcome == Outcome.FAILURE) {
      message.append(" failed");
      if (errorCode != null || errorMessage != null) {
        message.append(": ").append(errorCode != null ? errorCode : errorMessage);
      }
    }
    event.message = message.toString();
    for (String field : TOP_ATTRIBUTES) {
      event.attribute(field, JsonValues.text(record.get(field)));
    }
    for (String field : IDENTITY_ATTRIBUTES) {
      event.attribute("userIdentity." + field, JsonValues.text(identity == null ? null : identity.get(field)));
    }
    JsonNode session = JsonValues.object(identity, "sessionContext");
    JsonNode issuer = JsonValues.object(session, "sessionIssuer");
    event.attribute("userIdentity.sessionContext.sessionIssuer.arn", JsonValues.text(issuer, "arn"));
    event.attribute("userIdentity.sessionContext.attributes.mfaAuthenticated",
        JsonValues.text(JsonValues.object(session, "attributes"), "mfaAuthenticated"));
    for (String field : FLATTENED) {
      JsonAttributes.flattenFields(event, field, JsonValues.object(record, field), NO_SKIP);
    }
    return event;
  }

  private static void classify(ParsedEvent event, JsonNode record, String name, String source, String errorCode,
      String errorMessage) {
    if ("ConsoleLogin".equals(name)) {
      event.category = Category.AUTHENTICATION;
      event.action = "sign_in";
      event.classifiedBy(ENTRY);
      String result = JsonValues.text(JsonValues.object(record, "responseElements"), "ConsoleLogin");
      if (errorCode != null || errorMessage != null || "Failure".equalsIgnoreCase(result)) {
        event.outcome = Outcome.FAILURE;
      } else {
        event.outcome = "Success".equalsIgnoreCase(result) ? Outcome.SUCCESS : Outcome.UNKNOWN;
      }
      return;
    }
    event.category = Category.SECURITY;
    event.outcome = errorCode != null ? Outcome.FAILURE : Outcome.SUCCESS;
    event.classifiedBy(ENTRY);
    if (errorCode != null && (errorCode.contains("AccessDenied") || errorCode.contains("UnauthorizedOperation"))) {
      // An authenticated principal refused by IAM: an access refusal, whatever the call.
      event.action = "access_denied";
    } else if (isWrite(name, record.get("readOnly"))) {
      event.action = "iam.amazonaws.com".equals(source) ? "admin_action" : "config_change";
      event.attribute(CanonicalFields.CHANGE_KIND, "iam.amazonaws.com".equals(source) ? "permission" : "setting");
    } else {
      event.action = "api_call";
    }
  }

  /** What {@code classification.entry} names for the records this built-in parser classifies. */
  public static final String ENTRY = "builtin:cloudtrail";

  private static boolean isWrite(String name, JsonNode readOnly) {
    if (name == null || "true".equalsIgnoreCase(JsonValues.text(readOnly))) {
      return false;
    }
    for (String prefix : WRITE_PREFIXES) {
      // CreateUser, not Settle: the prefix must end at a word boundary of the camel-cased name.
      if (name.startsWith(prefix) && name.length() > prefix.length()
          && Character.isUpperCase(name.charAt(prefix.length()))) {
        return true;
      }
    }
    return false;
  }

  /** The IAM user, else the role behind an assumed-role session, else the last part of the ARN. */
  private static String user(JsonNode identity) {
    if (identity == null) {
      return null;
    }
    String userName = JsonValues.nonBlank(identity.get("userName"));
    if (userName != null) {
      return userName;
    }
    JsonNode issuer = JsonValues.object(JsonValues.object(identity, "sessionContext"), "sessionIssuer");
    String issuerName = JsonValues.nonBlank(issuer == null ? null : issuer.get("userName"));
    if (issuerName != null) {
      return issuerName;
    }
    String arn = JsonValues.nonBlank(identity.get("arn"));
    if (arn != null) {
      int cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
      if (cut < arn.length() - 1) {
        return arn.substring(cut + 1);
      }
    }
    String invokedBy = JsonValues.nonBlank(identity.get("invokedBy"));
    return invokedBy != null ? invokedBy : JsonValues.nonBlank(identity.get("principalId"));
  }

  private static void target(ParsedEvent event, JsonNode parameters) {
    if (parameters == null) {
      return;
    }
    for (String[] target : TARGETS) {
      String name = JsonValues.nonBlank(parameters.get(target[0]));
      if (name != null) {
        event.targetKind = target[1];
        event.targetName = name;
        return;
      }
    }
  }

  // IPv4 or IPv6 text: digits, hex letters, dots and colons only; service names have other letters.
  private static boolean isIpAddress(String text) {
    boolean separator = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == ':') {
        separator = true;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return separator;
  }
}
