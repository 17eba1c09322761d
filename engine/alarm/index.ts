export {
  ALARM_SOURCE,
  ALARM_STATE_CHANGE,
  type AlarmMetric,
  type AlarmView,
  alarmViewFromEvent,
  hasAlarmView,
} from "./alarm-view.js";
export { alarmEventFromSnsMessage, isSnsAlarmMessage, type SnsMeta } from "./sns-alarm-message.js";
