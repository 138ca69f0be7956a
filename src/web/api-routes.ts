// The route table: every API route in one list (method and path are in each definition, in this order).

import { deviceLoginRoute, deviceStatusRoute, loginRoute, logoutRoute, sessionRoute } from './auth/auth-routes.ts';
import type { ApiRoute } from './http/define-route.ts';
import { liveEventsRoute, liveRoute } from './live/live-routes.ts';
import { askRoute, conversationRoute, conversationsRoute } from './routes/agent-routes.ts';
import {
  bestTimesRoute,
  categoriesRoute,
  channelsRoute,
  chatterRoute,
  healthRoute,
  recommendationsRoute,
  retentionRoute,
  searchRoute,
  trendsRoute,
} from './routes/channel-routes.ts';
import { createClipRoute, engagementRoute, presenceRoute, twitchScopesRoute } from './routes/clip-routes.ts';
import {
  exportChannelChattersRoute,
  exportStreamChattersRoute,
  exportStreamsRoute,
  exportTimelineRoute,
} from './routes/export-routes.ts';
import { notificationsRoute } from './routes/notification-routes.ts';
import {
  communityRoute,
  compareRoute,
  highlightsRoute,
  listStreamsRoute,
  questionsRoute,
  raidEffectsRoute,
  reportRoute,
  streamSummaryRoute,
  timelineRoute,
  viewerChangesRoute,
  windowRoute,
} from './routes/stream-routes.ts';
import { getSettingsRoute, putSettingsRoute } from './settings/settings-routes.ts';

/** Every route of /api, in the order the docs list them. */
export const apiRoutes: readonly ApiRoute[] = [
  healthRoute, //           GET  /api/health
  sessionRoute, //          GET  /api/session
  loginRoute, //            POST /api/login
  logoutRoute, //           POST /api/logout
  channelsRoute, //         GET  /api/channels
  listStreamsRoute, //      GET  /api/streams
  streamSummaryRoute, //    GET  /api/streams/:id
  timelineRoute, //         GET  /api/streams/:id/timeline
  highlightsRoute, //       GET  /api/streams/:id/highlights
  viewerChangesRoute, //    GET  /api/streams/:id/viewer-changes
  raidEffectsRoute, //      GET  /api/streams/:id/raids
  communityRoute, //        GET  /api/streams/:id/community
  questionsRoute, //        GET  /api/streams/:id/questions
  reportRoute, //           GET  /api/streams/:id/report
  windowRoute, //           GET  /api/streams/:id/window
  compareRoute, //          GET  /api/streams/:id/compare/:other
  trendsRoute, //           GET  /api/trends
  categoriesRoute, //       GET  /api/categories
  bestTimesRoute, //        GET  /api/best-times
  retentionRoute, //        GET  /api/retention
  recommendationsRoute, //  GET  /api/recommendations
  searchRoute, //           GET  /api/search
  chatterRoute, //          GET  /api/chatters/:login
  exportStreamsRoute, //    GET  /api/export/streams.csv
  exportTimelineRoute, //   GET  /api/export/streams/:id/timeline.csv
  exportStreamChattersRoute, // GET /api/export/streams/:id/chatters.csv
  exportChannelChattersRoute, // GET /api/export/chatters.csv
  liveRoute, //             GET  /api/live
  liveEventsRoute, //       GET  /api/live/events (SSE)
  getSettingsRoute, //      GET  /api/settings
  putSettingsRoute, //      PUT  /api/settings
  notificationsRoute, //    GET  /api/notifications
  deviceLoginRoute, //      POST /api/login/device
  deviceStatusRoute, //     GET  /api/login/status
  askRoute, //              POST /api/agent/ask (SSE)
  conversationsRoute, //    GET  /api/agent/conversations
  conversationRoute, //     GET  /api/agent/conversations/:id
  createClipRoute, //       POST /api/streams/:id/clips
  engagementRoute, //       GET  /api/streams/:id/engagement
  presenceRoute, //         GET  /api/streams/:id/presence
  twitchScopesRoute, //     GET  /api/twitch/scopes
];
