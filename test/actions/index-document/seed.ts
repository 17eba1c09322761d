export const ENDPOINT = "https://search-ecs-events-3kf6xmplvbcoptqgowtbpmqq2e.us-east-1.es.amazonaws.com";
export const INDEX_TEMPLATE = 'ecs-events-{{ event.time | date: "%Y.%m.%d" }}';
export const AOSS_ENDPOINT = "https://07tjusf2h91cunochc.us-east-1.aoss.amazonaws.com";

/** Seed 002 (2/2) as the rule writes it. */
export const seedParams = { endpoint: ENDPOINT, index: INDEX_TEMPLATE, id: "{{ event.id }}" };

/** Rendered against the ECS sample (time 2016-10-17T20:29:14Z, id 8f07966c-…). */
export const seedPlanParams = {
  endpoint: ENDPOINT,
  index: "ecs-events-2016.10.17",
  id: "8f07966c-b005-4a0f-9ee9-63d2c41448b3",
};
