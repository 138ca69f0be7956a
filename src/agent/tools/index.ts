// Every tool the agent (model or built-in analyst) may call, by name.

import type { Dialect } from '../../store/store.ts';
import { bestTimeTool } from './best-time-tool.ts';
import { categoryComparisonTool } from './category-comparison-tool.ts';
import { channelHabitsTool } from './channel-habits-tool.ts';
import { chatterProfileTool } from './chatter-profile-tool.ts';
import { compareStreamsTool } from './compare-streams-tool.ts';
import type { AgentTool } from './define-tool.ts';
import { engagementTool } from './engagement-tool.ts';
import { highlightsTool } from './highlights-tool.ts';
import { listStreamsTool } from './list-streams-tool.ts';
import { createRunSqlTool } from './run-sql-tool.ts';
import { searchChatTool } from './search-chat-tool.ts';
import { searchTranscriptTool } from './search-transcript-tool.ts';
import { streamSummaryTool } from './stream-summary-tool.ts';
import { timelineWindowTool } from './timeline-window-tool.ts';
import { topChattersTool } from './top-chatters-tool.ts';
import { viewerChangesTool } from './viewer-changes-tool.ts';
import { weeklyTrendsTool } from './weekly-trends-tool.ts';

export type { AgentTool, ToolContext } from './define-tool.ts';
export { toToolDefinition } from './define-tool.ts';

/** The tool set for a store of the given dialect. */
export function createTools(dialect: Dialect): AgentTool[] {
  return [
    listStreamsTool,
    streamSummaryTool,
    timelineWindowTool,
    highlightsTool,
    viewerChangesTool,
    searchChatTool,
    searchTranscriptTool,
    chatterProfileTool,
    topChattersTool,
    bestTimeTool,
    categoryComparisonTool,
    compareStreamsTool,
    weeklyTrendsTool,
    channelHabitsTool,
    engagementTool,
    createRunSqlTool(dialect),
  ];
}
