// Column lists (name and array type) of the tables the write path inserts into, in each statement's order.

import type { ColumnSpec } from './insert-rows.ts';

export const messageColumns: ColumnSpec[] = [
  ['channel_id', 'text'],
  ['ts', 'int8'],
  ['id', 'text'],
  ['stream_id', 'text'],
  ['user_id', 'text'],
  ['user_login', 'text'],
  ['display_name', 'text'],
  ['text', 'text'],
  ['is_action', 'int2'],
  ['bits', 'int4'],
  ['emotes', 'text'],
  ['badges', 'text'],
  ['first_msg', 'int2'],
  ['returning_chatter', 'int2'],
  ['reply_parent_id', 'text'],
  ['reply_parent_user_login', 'text'],
  ['source_channel_id', 'text'],
  ['color', 'text'],
  ['deleted_at', 'int8'],
  ['paid_amount', 'int8'],
  ['paid_currency', 'text'],
  ['paid_exponent', 'int4'],
  ['paid_level', 'text'],
  ['paid_system_message', 'int2'],
];

export const eventColumns: ColumnSpec[] = [
  ['id', 'text'],
  ['channel_id', 'text'],
  ['stream_id', 'text'],
  ['ts', 'int8'],
  ['type', 'text'],
  ['user_id', 'text'],
  ['user_login', 'text'],
  ['data', 'text'],
];

export const snapshotColumns: ColumnSpec[] = [
  ['stream_id', 'text'],
  ['ts', 'int8'],
  ['channel_id', 'text'],
  ['viewer_count', 'int4'],
  ['title', 'text'],
  ['game_id', 'text'],
  ['game_name', 'text'],
];

export const segmentColumns: ColumnSpec[] = [
  ['id', 'text'],
  ['channel_id', 'text'],
  ['stream_id', 'text'],
  ['start_ts', 'int8'],
  ['end_ts', 'int8'],
  ['text', 'text'],
  ['confidence', 'float8'],
  ['engine', 'text'],
];

export const gapColumns: ColumnSpec[] = [
  ['channel_id', 'text'],
  ['start_ts', 'int8'],
  ['stream_id', 'text'],
  ['end_ts', 'int8'],
  ['reason', 'text'],
];

export const categoryColumns: ColumnSpec[] = [
  ['game_id', 'text'],
  ['ts', 'int8'],
  ['game_name', 'text'],
  ['live_channels', 'int4'],
  ['viewers', 'int4'],
];
