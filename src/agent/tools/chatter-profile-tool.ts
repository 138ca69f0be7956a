// chatter_profile: one chatter's history in the channel.

import { z } from 'zod';
import { getChatterProfile } from '../../analytics/index.ts';
import { StreamlensError } from '../../errors.ts';
import { channelInput, defineTool } from './define-tool.ts';
import { resolveChannelId } from './resolve-stream.ts';

/** First/last seen, messages, streams attended and recent messages of a chatter. */
export const chatterProfileTool = defineTool({
  name: 'chatter_profile',
  description:
    "A chatter's history in the channel: first and last seen, message count, streams attended (newest first) and recent messages.",
  input: z.object({ login: z.string().min(1).max(25), channel: channelInput }),
  async execute(input, ctx) {
    const channelId = await resolveChannelId(ctx, input.channel);
    const profile = await getChatterProfile(ctx.store, channelId, input.login.replace(/^@/, '').toLowerCase());
    if (!profile) throw new StreamlensError('NOT_FOUND', `"${input.login}" never chatted in this channel`);
    return { ...profile, streams: profile.streams.slice(0, 20), recentMessages: profile.recentMessages.slice(0, 10) };
  },
});
