import type { ActionSample } from "../../engine/action/types.js";
import { asgLaunch } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM tag-from-template asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const tagFromTemplateSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "Name an instance from its tags and private IP",
        on: asgLaunch,
        params: {
          tags: {
            Name: '{{ instance.tags.App }}-{{ instance.tags.Env }}-{{ instance.privateIp | split: "." | slice: 2, 2 | join: "-" }}',
          },
        },
      },
      {
        title: "Only add missing tags, in one region",
        on: asgLaunch,
        params: {
          tags: { Owner: "{{ instance.tags.Team | default: 'platform' }}" },
          overwrite: false,
          region: "eu-west-1",
        },
      },
    ];
