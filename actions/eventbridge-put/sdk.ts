// The SDK client this action calls, in a module of its own so that run.ts can import it on first
// call (the CLI's replay, plans and checks never load it) while the engine bundle, which swaps SDK
// packages for lazy facades, still sees named imports it can tree-shake.
export { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
