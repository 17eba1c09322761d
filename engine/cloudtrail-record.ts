/**
 * CloudTrail log files (`{"Records": [...]}`) hold API calls as CloudTrail wrote them; EventBridge
 * delivers each as an event whose `detail` is the record. This turns a record into that event, so
 * rules written for EventBridge can be replayed over a trail's history.
 */

/** A CloudTrail record: what a trail writes, told apart from SNS/SQS records by these fields. */
export function isCloudTrailRecord(record: Record<string, unknown>): boolean {
  return (
    typeof record.eventVersion === "string" &&
    typeof record.eventID === "string" &&
    typeof record.eventSource === "string" &&
    record.eventSource.endsWith(".amazonaws.com")
  );
}

/** EventBridge's detail-type for each CloudTrail eventType; API calls are the common case. */
const DETAIL_TYPES: Readonly<Record<string, string>> = {
  AwsApiCall: "AWS API Call via CloudTrail",
  AwsServiceEvent: "AWS Service Event via CloudTrail",
  AwsConsoleSignIn: "AWS Console Sign In via CloudTrail",
  AwsConsoleAction: "AWS Console Action via CloudTrail",
};

/** The event EventBridge delivers for a CloudTrail record (see isCloudTrailRecord). */
export function eventFromCloudTrailRecord(record: Record<string, unknown>): Record<string, unknown> {
  const eventSource = record.eventSource as string;
  const service = eventSource.slice(0, -".amazonaws.com".length);
  const eventType = typeof record.eventType === "string" ? record.eventType : "AwsApiCall";
  return {
    version: "0",
    id: record.eventID,
    "detail-type": DETAIL_TYPES[eventType] ?? DETAIL_TYPES.AwsApiCall,
    source: `aws.${service}`,
    account: stringOr(record.recipientAccountId, ""),
    time: stringOr(record.eventTime, ""),
    region: stringOr(record.awsRegion, ""),
    resources: [],
    detail: record,
  };
}

function stringOr(v: unknown, dflt: string): string {
  return typeof v === "string" ? v : dflt;
}
