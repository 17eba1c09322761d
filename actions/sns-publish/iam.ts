import type { IamStatement } from "../../engine/action/types.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";

/**
 * `sns:Publish` on the topic. A templated ARN is granted as a pattern with `*` where the template
 * is, which covers every topic it can render to and nothing with a different fixed part.
 */
export function snsPublishIam(params: Record<string, unknown>): IamStatement[] {
  const topicArn = typeof params.topicArn === "string" ? params.topicArn : "*";
  if (!isTemplateString(topicArn)) return [{ actions: ["sns:Publish"], resources: [topicArn] }];
  const pattern = wildcardPattern(topicArn);
  if (!pattern.startsWith("arn:")) {
    return [
      {
        actions: ["sns:Publish"],
        resources: ["*"],
        why: "topicArn is a template with no fixed arn: prefix, so the topic is only known per event; write the fixed parts literally to narrow this.",
      },
    ];
  }
  return [
    {
      actions: ["sns:Publish"],
      resources: [pattern],
      why: "topicArn is a template: * stands where it is templated, so the grant covers every topic it can render to.",
    },
  ];
}
