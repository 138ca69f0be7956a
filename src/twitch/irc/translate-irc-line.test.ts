// Conformance: every line of every shared Twitch IRC fixture translates to the right kind with the right fields.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readIrcFixtures } from '../../../test/support/read-twitch-fixture.ts';
import { type ChannelDirectory, type IrcTranslation, translateIrcLine } from './translate-irc-line.ts';

type Expectation = (results: IrcTranslation[]) => void;

/** Asserts that `actual` has every field of `expected` (deep-equal), ignoring fields not listed. */
function assertFields(actual: object, expected: Record<string, unknown>): void {
  const record = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) assert.deepEqual(record[key], value, `field ${key}`);
}
function only(results: IrcTranslation[]): IrcTranslation {
  assert.equal(results.length, 1);
  return results[0]!;
}
function message(fields: Record<string, unknown>): Expectation {
  return (results) => {
    const r = only(results);
    assert.equal(r.kind, 'message', JSON.stringify(r));
    if (r.kind === 'message') assertFields(r.message, { streamId: null, deletedAt: null, ...fields });
  };
}
function event(fields: Record<string, unknown>, data?: Record<string, unknown>): Expectation {
  return (results) => {
    const r = only(results);
    assert.equal(r.kind, 'event', JSON.stringify(r));
    if (r.kind !== 'event') return;
    assertFields(r.event, { streamId: null, ...fields });
    if (data) assert.deepEqual(r.event.data, data);
  };
}
function controls(...expected: Array<{ command: string; channel: string | null; params: string[]; tags?: object }>) {
  return (results: IrcTranslation[]) => {
    assert.equal(results.length, expected.length);
    results.forEach((r, i) => {
      assert.equal(r.kind, 'control', JSON.stringify(r));
      if (r.kind !== 'control') return;
      const e = expected[i]!;
      assert.equal(r.command, e.command);
      assert.equal(r.channel, e.channel);
      assert.deepEqual(r.params, e.params);
      assert.deepEqual({ ...r.tags }, e.tags ?? {});
    });
  };
}
const noBadges = { badges: [], emotes: [], bits: 0, isAction: false, firstMsg: false, returningChatter: false };
const randersBadges = [
  { name: 'moderator', version: '1' },
  { name: 'subscriber', version: '12' },
];
const pajladaBadges = [
  { name: 'broadcaster', version: '1' },
  { name: 'subscriber', version: '3072' },
  { name: 'partner', version: '1' },
];

// Channel logins known before the file is read, for lines whose room-id is empty.
const DIRECTORIES: Record<string, Array<[string, string]>> = {
  'clearmsg.txt': [['bar', '999']],
  'clearmsg-action.txt': [['pajlada', '11148817']],
};

const EXPECTED: Record<string, Expectation> = {
  'cap-ack-combined.txt': controls({
    command: 'CAP',
    channel: null,
    params: ['*', 'ACK', 'twitch.tv/commands twitch.tv/tags twitch.tv/membership'],
  }),
  'cap-nak.txt': controls({ command: 'CAP', channel: null, params: ['*', 'NAK', 'invalid twitch.tv/invalid'] }),
  'clearchat-ban.txt': event(
    {
      id: 'clearchat:11148817:70948394:1594561360331',
      channelId: '11148817',
      ts: 1594561360331,
      type: 'ban',
      userId: '70948394',
      userLogin: 'weeb123',
    },
    {},
  ),
  'clearchat-clear-all.txt': event(
    { id: 'clearchat:40286300:all:1594561392337', channelId: '40286300', type: 'clear', userId: null, userLogin: null },
    {},
  ),
  'clearchat-timeout.txt': event(
    {
      id: 'clearchat:11148817:148973258:1594553828245',
      type: 'timeout',
      userId: '148973258',
      userLogin: 'fabzeef',
      ts: 1594553828245,
    },
    { durationSeconds: 1 },
  ),
  'clearmsg-action.txt': event(
    {
      id: 'clearmsg:15e5164d-f8e6-4aec-baf4-2d6a330760c4',
      channelId: '11148817',
      type: 'delete',
      userId: null,
      userLogin: 'randers',
      ts: 1594562632383,
    },
    { targetMessageId: '15e5164d-f8e6-4aec-baf4-2d6a330760c4', text: 'test', isAction: true },
  ),
  'clearmsg.txt': event(
    {
      id: 'clearmsg:94e6c7ff-bf98-4faa-af5d-7ad633a158a9',
      channelId: '999',
      type: 'delete',
      userLogin: 'foo',
      ts: 1642720582342,
    },
    { targetMessageId: '94e6c7ff-bf98-4faa-af5d-7ad633a158a9', text: 'what a great day' },
  ),
  'globaluserstate-new-user.txt': controls({
    command: 'GLOBALUSERSTATE',
    channel: null,
    params: [],
    tags: { 'display-name': 'randers811', 'emote-sets': '0', 'user-id': '553170741' },
  }),
  'globaluserstate.txt': controls({
    command: 'GLOBALUSERSTATE',
    channel: null,
    params: [],
    tags: { color: '#19E6E6', 'display-name': 'randers', 'emote-sets': '0,42,237', 'user-id': '40286300' },
  }),
  'hosttarget.txt': controls(
    { command: 'HOSTTARGET', channel: 'randers', params: ['#randers', 'leebaxd 0'] },
    { command: 'HOSTTARGET', channel: 'randers', params: ['#randers', 'leebaxd -'] },
    { command: 'HOSTTARGET', channel: 'randers', params: ['#randers', '- 0'] },
  ),
  'join-anonymous-sequence.txt': controls(
    { command: 'JOIN', channel: 'pajlada', params: ['#pajlada'] },
    {
      command: 'ROOMSTATE',
      channel: 'pajlada',
      params: ['#pajlada'],
      tags: {
        'emote-only': '0',
        'followers-only': '5',
        r9k: '0',
        rituals: '0',
        'room-id': '11148817',
        slow: '0',
        'subs-only': '0',
      },
    },
    { command: '353', channel: 'pajlada', params: ['justinfan12345', '=', '#pajlada', 'justinfan12345'] },
    { command: '366', channel: 'pajlada', params: ['justinfan12345', '#pajlada', 'End of /NAMES list'] },
  ),
  'join-other-user.txt': controls({ command: 'JOIN', channel: 'pajlada', params: ['#pajlada'] }),
  'names-353-multiple.txt': controls({
    command: '353',
    channel: 'pajlada',
    params: ['justinfan77645', '=', '#pajlada', 'vissb ogprodigy supabridge zneix suslada beatz pajbot'],
  }),
  'notice-emote-only-on.txt': controls({
    command: 'NOTICE',
    channel: 'pajlada',
    params: ['#pajlada', 'This room is now in emote-only mode.'],
    tags: { historical: '1', 'rm-received-ts': '1729627965650', 'msg-id': 'emote_only_on' },
  }),
  'notice-host-on.txt': controls({
    command: 'NOTICE',
    channel: 'pajlada',
    params: ['#pajlada', 'Now hosting KKona.'],
    tags: { 'msg-id': 'host_on' },
  }),
  'notice-login-authentication-failed.txt': controls({
    command: 'NOTICE',
    channel: null,
    params: ['*', 'Login authentication failed'],
  }),
  'notice-login-improperly-formatted-auth.txt': controls({
    command: 'NOTICE',
    channel: null,
    params: ['*', 'Improperly formatted auth'],
  }),
  'notice-msg-banned.txt': controls({
    command: 'NOTICE',
    channel: 'forsen',
    params: ['#forsen', 'You are permanently banned from talking in forsen.'],
    tags: { 'msg-id': 'msg_banned' },
  }),
  'notice-subs-on.txt': controls({
    command: 'NOTICE',
    channel: 'clippyassistant',
    params: ['#clippyassistant', 'This room is now in subscribers-only mode.'],
    tags: { 'msg-id': 'subs_on' },
  }),
  'notice-timeout-success.txt': controls({
    command: 'NOTICE',
    channel: 'forsen',
    params: ['#forsen', 'thedl0rd has been timed out for 8 minutes 11 seconds.'],
    tags: { 'msg-id': 'timeout_success' },
  }),
  'part.txt': controls({ command: 'PART', channel: 'pajlada', params: ['#pajlada'] }),
  'ping-from-server.txt': controls({ command: 'PING', channel: null, params: ['tmi.twitch.tv'] }),
  'pong-from-server-with-argument.txt': controls({
    command: 'PONG',
    channel: null,
    params: ['tmi.twitch.tv', 'go-twitch-irc'],
  }),
  'pong-reply.txt': controls({ command: 'PONG', channel: null, params: ['tmi.twitch.tv'] }),
  'privmsg-action-emote-only.txt': message({
    id: '90ef1e46-8baa-4bf2-9c54-272f39d6fa11',
    channelId: '11148817',
    ts: 1662206235860,
    userId: '11148817',
    userLogin: 'pajlada',
    displayName: 'pajlada',
    text: 'Kappa',
    isAction: true,
    emotes: [{ id: '25', start: 0, end: 4 }],
    badges: pajladaBadges,
    color: '#CC44FF',
  }),
  'privmsg-action-with-badges.txt': message({
    id: 'd831d848-b7c7-4559-ae3a-2cb88f4dbfed',
    text: '-tags',
    isAction: true,
    emotes: [],
    badges: randersBadges,
    userLogin: 'randers',
    userId: '40286300',
  }),
  'privmsg-bits-cheer-multiple.txt': message({
    channelId: '111448817',
    bits: 5,
    text: 'Cheer1 a Cheer1 Cheer1 Cheer1 Cheer1 b c',
    badges: [{ name: 'bits-leader', version: '3' }],
    color: null,
  }),
  'privmsg-bits.txt': message({
    bits: 1,
    text: 'trihard1',
    displayName: 'TETYYS',
    userLogin: 'tetyys',
    badges: [{ name: 'bits', version: '100' }],
    color: '#004B49',
    ts: 1594571566672,
  }),
  'privmsg-custom-reward.txt': message({
    id: '87af876f-5591-4a63-924f-46f465ecd3c4',
    text: 'reward 1',
    badges: [{ name: 'subscriber', version: '24' }],
    ts: 1726662938032,
  }),
  'privmsg-display-name-escaped-space.txt': message({
    displayName: 'Riot Games',
    userLogin: 'riotgames',
    channelId: '36029255',
    text: 'test fake message',
    ...noBadges,
  }),
  // The trailing space is kept as Twitch sent it.
  'privmsg-display-name-trailing-space.txt': message({
    displayName: 'CarvedTaleare ',
    userLogin: 'carvedtaleare',
    text: 'NaM',
    ts: 1594554085753,
  }),
  'privmsg-docs-example-lovingt3s.txt': message({
    id: '885196de-cb67-427a-baa8-82f9b0fcd05f',
    channelId: '713936733',
    userId: '713936733',
    text: 'bleedPurple',
    emotes: [{ id: '62835', start: 0, end: 10 }],
    badges: [{ name: 'broadcaster', version: '1' }],
    firstMsg: false,
    color: '#0000FF',
  }),
  'privmsg-emote-after-emoji.txt': message({
    text: '👉 <3 👉 <3 👉 <3',
    emotes: [
      { id: '483', start: 2, end: 3 },
      { id: '483', start: 7, end: 8 },
      { id: '483', start: 12, end: 13 },
    ],
  }),
  // Twitch's range 49-51 runs one past the 51-code-point text: dropped, never moved onto "UL".
  'privmsg-emote-index-bug-cyrillic.txt': message({
    text: 'Я не такой красивый. Не урод, но до тебя далеко LUL',
    emotes: [],
    userLogin: 'some_1_happy',
  }),
  'privmsg-emote-non-numeric-id.txt': message({
    text: 'pajaM_TK',
    emotes: [{ id: '300196486_TK', start: 0, end: 7 }],
  }),
  'privmsg-emote-with-emoji-between.txt': message({
    text: 'Kappa 😂 Kappa',
    emotes: [
      { id: '25', start: 0, end: 4 },
      { id: '25', start: 8, end: 12 },
    ],
  }),
  'privmsg-emotes-multiple.txt': message({
    text: 'Kappa Keepo Kappa Kappa test Keepo Keepo 123 :) :) :P',
    emotes: [
      { id: '1902', start: 6, end: 10 },
      { id: '1902', start: 29, end: 33 },
      { id: '1902', start: 35, end: 39 },
      { id: '499', start: 45, end: 46 },
      { id: '499', start: 48, end: 49 },
      { id: '490', start: 51, end: 52 },
      { id: '25', start: 0, end: 4 },
      { id: '25', start: 12, end: 16 },
      { id: '25', start: 18, end: 22 },
    ],
  }),
  'privmsg-first-msg.txt': message({
    firstMsg: true,
    returningChatter: false,
    text: 'Kappa',
    badges: [
      { name: 'subscriber', version: '12' },
      { name: 'no_audio', version: '1' },
    ],
  }),
  'privmsg-highlighted-message.txt': message({
    text: 'BTTVGlobal highlight :)',
    emotes: [{ id: '1', start: 21, end: 22 }],
  }),
  'privmsg-hype-chat.txt': message({
    displayName: 'matrHS',
    channelId: '36340781',
    text: 'Title: Beating the record. but who is recordingLOL',
    badges: [
      { name: 'predictions', version: 'blue-1' },
      { name: 'subscriber', version: '60' },
      { name: 'twitchconAmsterdam2020', version: '1' },
    ],
  }),
  'privmsg-korean-display-name.txt': message({
    displayName: '테스트계정420',
    userLogin: 'testaccount_420',
    text: '@asd',
  }),
  'privmsg-plain.txt': message({
    id: 'e9d998c3-36f1-430f-89ec-6b887c28af36',
    channelId: '11148817',
    ts: 1594545155039,
    userId: '29803735',
    userLogin: 'jun1orrrr',
    displayName: 'JuN1oRRRR',
    text: 'dank cam',
    color: '#0000FF',
    replyParentId: null,
    replyParentUserLogin: null,
    sourceChannelId: null,
    ...noBadges,
  }),
  'privmsg-reply-parent.txt': message({
    text: '@Retoon yes',
    replyParentId: '6b13e51b-7ecb-43b5-ba5b-2bb5288df696',
    replyParentUserLogin: 'retoon',
    color: null,
  }),
  'privmsg-reply-thread.txt': message({
    text: '@nerixyz c Keepo FFZEmote 😭 d',
    emotes: [{ id: '1902', start: 11, end: 15 }],
    replyParentId: 'd95d04a6-5c6a-476a-8dbd-7c6d3b3c277f',
    replyParentUserLogin: 'nerixyz',
  }),
  'privmsg-shared-chat.txt': message({
    channelId: '11148817',
    sourceChannelId: '141981764',
    text: 'Guy',
    badges: [
      { name: 'staff', version: '1' },
      { name: 'turbo', version: '1' },
    ],
  }),
  'privmsg-vip.txt': message({
    text: 'a',
    badges: [
      { name: 'vip', version: '1' },
      { name: 'subscriber', version: '48' },
    ],
  }),
  'reconnect.txt': controls({ command: 'RECONNECT', channel: null, params: [] }),
  'roomstate-followers-10.txt': controls({
    command: 'ROOMSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: {
      'emote-only': '1',
      'followers-only': '10',
      r9k: '1',
      rituals: '0',
      'room-id': '40286300',
      slow: '5',
      'subs-only': '1',
    },
  }),
  'roomstate-full-modes-enabled.txt': controls({
    command: 'ROOMSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: {
      'emote-only': '1',
      'followers-only': '0',
      r9k: '1',
      rituals: '0',
      'room-id': '40286300',
      slow: '5',
      'subs-only': '1',
    },
  }),
  'roomstate-full-on-join.txt': controls({
    command: 'ROOMSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: {
      'emote-only': '0',
      'followers-only': '-1',
      r9k: '0',
      rituals: '0',
      'room-id': '40286300',
      slow: '0',
      'subs-only': '0',
    },
  }),
  'roomstate-partial-emoteonly.txt': controls({
    command: 'ROOMSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: { 'emote-only': '1', 'room-id': '40286300' },
  }),
  'roomstate-partial-slow.txt': controls({
    command: 'ROOMSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: { 'room-id': '40286300', slow: '5' },
  }),
  'usernotice-announcement-blue.txt': event(
    { type: 'announcement', userLogin: 'pajlada', userId: '11148817', id: '40a7aa20-5f3b-421c-8fd0-4d17c57ccc74' },
    { color: 'BLUE', userDisplayName: 'pajlada', text: 'blue announcement' },
  ),
  'usernotice-announcement.txt': event(
    { type: 'announcement', ts: 1780872797175 },
    {
      color: 'PRIMARY',
      userDisplayName: 'randers',
      text: 'hello pajs pajaH Kappa Keepo',
      emotes: [
        { id: '185989', start: 11, end: 15 },
        { id: '25', start: 17, end: 21 },
        { id: '1902', start: 23, end: 27 },
      ],
    },
  ),
  'usernotice-anongiftpaidupgrade.txt': event(
    { type: 'anongiftpaidupgrade', userLogin: 'samura1jack_ttv', channelId: '71092938' },
    {
      systemMsg: 'samura1jack_ttv is continuing the Gift Sub they got from an anonymous user!',
      userDisplayName: 'samura1jack_ttv',
    },
  ),
  'usernotice-bitsbadgetier.txt': event(
    { type: 'bitsbadgetier', userId: '104252055' },
    { threshold: 1000, systemMsg: 'bits badge tier notification', userDisplayName: 'whoopiix' },
  ),
  'usernotice-giftpaidupgrade.txt': event(
    { type: 'giftpaidupgrade', userLogin: 'crazycrackanimal' },
    {
      senderLogin: 'stridezgum',
      senderName: 'Stridezgum',
      systemMsg: 'CrazyCrackAnimal is continuing the Gift Sub they got from Stridezgum!',
      userDisplayName: 'CrazyCrackAnimal',
    },
  ),
  'usernotice-raid-2.txt': event(
    { type: 'raid', id: '7299b7bc-61ce-423c-85ce-8d651b56cce4', userLogin: 'nerixyz', ts: 1729626466361 },
    {
      displayName: 'nerixyz',
      login: 'nerixyz',
      viewerCount: 2,
      profileImageURL:
        'https://static-cdn.jtvnw.net/jtv_user_pictures/e065218b-49df-459d-afd3-c6557870f551-profile_image-%s.png',
      systemMsg: '2 raiders from nerixyz have joined!',
      userDisplayName: 'nerixyz',
    },
  ),
  'usernotice-raid.txt': event(
    { type: 'raid', channelId: '71092938', userId: '155874595', userLogin: 'iamelisabete' },
    {
      displayName: 'iamelisabete',
      login: 'iamelisabete',
      profileImageURL:
        'https://static-cdn.jtvnw.net/jtv_user_pictures/cae3ca63-510d-4715-b4ce-059dcf938978-profile_image-70x70.png',
      viewerCount: 430,
      systemMsg: '430 raiders from iamelisabete have joined!',
      userDisplayName: 'iamelisabete',
    },
  ),
  // Twitch counted these emote positions with "ACTION " still in front (twitchdev/issues#175).
  'usernotice-resub-action-emote-bug.txt': event(
    { type: 'resub', userLogin: 'randers' },
    {
      cumulativeMonths: 23,
      months: 0,
      shouldShareStreak: true,
      streakMonths: 23,
      subPlanName: 'look at those shitty emotes, rip $5 LUL',
      subPlan: '1000',
      systemMsg: "randers subscribed at Tier 1. They've subscribed for 23 months, currently on a 23 month streak!",
      userDisplayName: 'randers',
      text: 'Kappa TEST TEST Kappa :)',
      isAction: true,
      emotes: [
        { id: '25', start: 0, end: 4 },
        { id: '25', start: 16, end: 20 },
        { id: '499', start: 22, end: 23 },
      ],
    },
  ),
  'usernotice-resub-no-streak.txt': event(
    { type: 'resub' },
    {
      cumulativeMonths: 11,
      months: 0,
      shouldShareStreak: false,
      subPlanName: 'Channel Subscription (xqcow)',
      subPlan: 'Prime',
      systemMsg: "rene_rs subscribed with Twitch Prime. They've subscribed for 11 months!",
      userDisplayName: 'rene_rs',
    },
  ),
  'usernotice-resub.txt': event(
    { type: 'resub', id: 'e0975c76-054c-4954-8cb0-91b8867ec1ca', ts: 1581713640019, userId: '21156217' },
    {
      cumulativeMonths: 2,
      months: 0,
      shouldShareStreak: true,
      streakMonths: 2,
      subPlanName: 'Channel Subscription (xqcow)',
      subPlan: '1000',
      systemMsg: "Gutrin subscribed at Tier 1. They've subscribed for 2 months, currently on a 2 month streak!",
      userDisplayName: 'Gutrin',
      text: 'xqcL',
      emotes: [{ id: '1035663', start: 0, end: 3 }],
    },
  ),
  'usernotice-ritual-new-chatter.txt': event(
    { type: 'ritual', channelId: '6316121' },
    {
      ritualName: 'new_chatter',
      systemMsg: 'Seventoes is new here!',
      userDisplayName: 'SevenTest1',
      text: 'HeyGuys',
      emotes: [{ id: '30259', start: 0, end: 6 }],
    },
  ),
  'usernotice-sharedchat-announcement.txt': event(
    { type: 'sharedchatnotice', channelId: '11148817' },
    {
      color: 'PRIMARY',
      userDisplayName: 'lahoooo',
      sourceChannelId: '1025594235',
      sourceMsgId: 'announcement',
      text: 'hi this is an announcement from 1',
    },
  ),
  'usernotice-sub-multimonth.txt': event(
    { type: 'sub', userLogin: 'foly__' },
    {
      subPlan: '1000',
      months: 0,
      multimonthTenure: 0,
      shouldShareStreak: false,
      subPlanName: 'Channel Subscription (k4sen)',
      wasGifted: false,
      cumulativeMonths: 1,
      multimonthDuration: 6,
      systemMsg: 'foly__ subscribed at Tier 1.',
      userDisplayName: 'foly__',
    },
  ),
  'usernotice-sub.txt': event(
    { type: 'sub', id: '2a9bea11-a80a-49a0-a498-1642d457f775', userId: '224005980', userLogin: 'fallenseraphhh' },
    {
      cumulativeMonths: 1,
      months: 0,
      shouldShareStreak: false,
      subPlanName: 'Channel Subscription (xqcow)',
      subPlan: 'Prime',
      systemMsg: 'fallenseraphhh subscribed with Twitch Prime.',
      userDisplayName: 'fallenseraphhh',
    },
  ),
  'usernotice-subgift-anonymous.txt': event(
    { type: 'subgift', userLogin: 'ananonymousgifter', userId: '274598607' },
    {
      funString: 'FunStringThree',
      giftMonths: 1,
      months: 13,
      originId: 'da 39 a3 ee 5e 6b 4b 0d 32 55 bf ef 95 60 18 90 af d8 07 09',
      recipientDisplayName: 'Dot0422',
      recipientId: '151784015',
      recipientLogin: 'dot0422',
      subPlanName: 'Channel Subscription (xqcow)',
      subPlan: '1000',
      systemMsg: 'An anonymous user gifted a Tier 1 sub to Dot0422! ',
      userDisplayName: 'AnAnonymousGifter',
    },
  ),
  'usernotice-subgift.txt': event(
    { type: 'subgift', userLogin: 'adamatreflectstudios' },
    {
      giftMonths: 1,
      months: 2,
      originId: 'da 39 a3 ee 5e 6b 4b 0d 32 55 bf ef 95 60 18 90 af d8 07 09',
      recipientDisplayName: 'qatarking24xd',
      recipientId: '236653628',
      recipientLogin: 'qatarking24xd',
      senderCount: 0,
      subPlanName: 'Channel Subscription (xqcow)',
      subPlan: '1000',
      systemMsg: 'AdamAtReflectStudios gifted a Tier 1 sub to qatarking24xd!',
      userDisplayName: 'AdamAtReflectStudios',
    },
  ),
  'usernotice-submysterygift-anonymous.txt': event(
    { type: 'submysterygift', userLogin: 'ananonymousgifter' },
    {
      massGiftCount: 10,
      originId: '13 33 ed c0 ef a0 7b 9b 48 59 cb cc e4 39 7b 90 f9 54 75 66',
      subPlan: '1000',
      systemMsg: "An anonymous user is gifting 10 Tier 1 Subs to xQcOW's community!",
      userDisplayName: 'AnAnonymousGifter',
    },
  ),
  'usernotice-submysterygift.txt': event(
    { type: 'submysterygift', id: '049e6371-7023-4fca-8605-7dec60e72e12' },
    {
      massGiftCount: 20,
      originId: '1f be bb 4a 81 9a 65 d1 4b 77 f5 23 16 4a d3 13 09 e7 be 55',
      senderCount: 100,
      subPlan: '1000',
      systemMsg:
        "AdamAtReflectStudios is gifting 20 Tier 1 Subs to xQcOW's community! They've gifted a total of 100 in the channel!",
      userDisplayName: 'AdamAtReflectStudios',
    },
  ),
  'usernotice-unknown-rewardgift.txt': event(
    { type: 'rewardgift' },
    {
      domain: 'pride_megacommerce_2020',
      selectedCount: 100,
      totalRewardCount: 100,
      triggerAmount: 20,
      triggerType: 'SUBGIFT',
      systemMsg: "AdamAtReflectStudios's Gift shared rewards to 100 others in Chat!",
      userDisplayName: 'AdamAtReflectStudios',
    },
  ),
  'usernotice-viewermilestone-no-message.txt': event(
    { type: 'viewermilestone', userLogin: 'club_reg', ts: 1780143566057 },
    {
      id: '8f04affa-bab5-4d50-81b9-40f97bff86bb',
      value: 15,
      category: 'watch-streak',
      copoReward: 450,
      systemMsg: 'club_reg watched 15 consecutive streams and sparked a watch streak!',
      userDisplayName: 'club_reg',
    },
  ),
  // The text arrives as a bare middle parameter (no ':'), as Twitch really sent it.
  'usernotice-viewermilestone.txt': event(
    { type: 'viewermilestone', userLogin: 'imrlazyi', userId: '55530653' },
    {
      copoReward: 450,
      value: 10,
      id: 'c3b94206-f875-4153-9c1e-112d9e650d4e',
      category: 'watch-streak',
      systemMsg: 'IMrLazyI watched 10 consecutive streams and sparked a watch streak!',
      userDisplayName: 'IMrLazyI',
      text: '🫣',
    },
  ),
  'userstate-uuid-emote-set.txt': controls({
    command: 'USERSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: {
      badges: 'moderator/1',
      color: '#8A2BE2',
      'display-name': 'TESTUSER',
      'emote-sets': '0,75c09c7b-332a-43ec-8be8-1d4571706155',
      mod: '1',
      subscriber: '0',
      'user-type': 'mod',
    },
  }),
  'userstate.txt': controls({
    command: 'USERSTATE',
    channel: 'randers',
    params: ['#randers'],
    tags: { color: '#FF0000', 'display-name': 'TESTUSER', 'emote-sets': '0', mod: '0', subscriber: '0' },
  }),
  'welcome-001-376-and-cap-ack.txt': controls(
    { command: '001', channel: null, params: ['testuser', 'Welcome, GLHF!'] },
    { command: '002', channel: null, params: ['testuser', 'Your host is tmi.twitch.tv'] },
    { command: '003', channel: null, params: ['testuser', 'This server is rather new'] },
    { command: '004', channel: null, params: ['testuser', '-'] },
    { command: '375', channel: null, params: ['testuser', '-'] },
    { command: '372', channel: null, params: ['testuser', 'You are in a maze of twisty passages, all alike.'] },
    { command: '376', channel: null, params: ['testuser', '>'] },
    { command: 'CAP', channel: null, params: ['*', 'ACK', 'twitch.tv/membership'] },
    { command: 'CAP', channel: null, params: ['*', 'ACK', 'twitch.tv/commands'] },
    { command: 'CAP', channel: null, params: ['*', 'ACK', 'twitch.tv/tags'] },
  ),
  'welcome-001-anonymous.txt': controls({
    command: '001',
    channel: null,
    params: ['justinfan12345', 'Welcome, GLHF!'],
  }),
  'whisper-2.txt': controls({
    command: 'WHISPER',
    channel: null,
    params: ['gempir', 'i like memes'],
    tags: {
      color: '#00FF7F',
      'display-name': 'Danielps1',
      'message-id': '20',
      'thread-id': '32591953_77829817',
      turbo: '0',
      'user-id': '32591953',
    },
  }),
  'whisper.txt': controls({
    command: 'WHISPER',
    channel: null,
    params: ['randers811', 'hello, this is a test Kappa'],
    tags: {
      color: '#19E6E6',
      'display-name': 'randers',
      emotes: '25:22-26',
      'message-id': '1',
      'thread-id': '40286300_553170741',
      turbo: '0',
      'user-id': '40286300',
    },
  }),
};

const fixtures = readIrcFixtures();

test('every fixture file has an expectation, and every expectation a file', () => {
  assert.deepEqual([...fixtures.keys()].sort(), Object.keys(EXPECTED).sort());
});

for (const [name, lines] of fixtures) {
  test(`fixture ${name}`, () => {
    const expectation = EXPECTED[name];
    assert.ok(expectation, `no expectation for ${name}`);
    const directory: ChannelDirectory = new Map(DIRECTORIES[name] ?? []);
    expectation(lines.map((line) => translateIrcLine(line, directory)));
    // The same lines with the wire's CRLF (or a lone CR) translate identically.
    const again: ChannelDirectory = new Map(DIRECTORIES[name] ?? []);
    expectation(lines.map((line, i) => translateIrcLine(line + (i % 2 ? '\r' : '\r\n'), again)));
  });
}

test('an empty room-id is resolved through the directory, and dropped when the channel is unknown', () => {
  const [clearmsg] = fixtures.get('clearmsg.txt')!;
  assert.deepEqual(translateIrcLine(clearmsg!, new Map()), { kind: 'dropped', reason: 'unknown channel' });
  // A ROOMSTATE (or any line with a room-id) teaches the directory the channel's id.
  const directory: ChannelDirectory = new Map();
  translateIrcLine('@room-id=42;slow=0 :tmi.twitch.tv ROOMSTATE #bar', directory);
  assert.equal(directory.get('bar'), '42');
  const r = translateIrcLine(clearmsg!, directory);
  assert.equal(r.kind === 'event' && r.event.channelId, '42');
});

test('chat lines missing what a record needs are dropped with a stable reason', () => {
  const plain = fixtures.get('privmsg-plain.txt')![0]!;
  const cases: Array<[string, string]> = [
    ['', 'empty line'],
    ['@a=b', 'no command'],
    [plain.replace(';id=e9d998c3-36f1-430f-89ec-6b887c28af36', ''), 'missing id tag'],
    [plain.replace('room-id=11148817', 'room-id='), 'unknown channel'],
    [plain.replace('tmi-sent-ts=1594545155039', 'tmi-sent-ts=15945x'), 'bad tmi-sent-ts'],
    [plain.replace('tmi-sent-ts=1594545155039', 'tmi-sent-ts='), 'missing tmi-sent-ts'],
    [plain.replace(';user-id=29803735', ''), 'missing user-id'],
    [plain.slice(0, plain.indexOf(' :dank')), 'missing text'],
    [plain.slice(0, plain.indexOf('#pajlada')), 'missing channel'],
    [plain.slice(plain.indexOf(' :') + 1), 'missing tags'],
    ['@ban-duration=x;room-id=1;target-user-id=2;tmi-sent-ts=3 :tmi.twitch.tv CLEARCHAT #a :b', 'bad ban-duration'],
    ['@room-id=1;tmi-sent-ts=3 :tmi.twitch.tv CLEARMSG #a :b', 'missing target-msg-id'],
    ['@room-id=1;tmi-sent-ts=3;id=x :tmi.twitch.tv USERNOTICE #a', 'missing msg-id'],
    ['\u0000\u0001\u0002', 'no command'],
  ];
  for (const [line, reason] of cases) {
    // A fresh directory each time: a line with a room-id would otherwise teach it the channel.
    assert.deepEqual(translateIrcLine(line, new Map()), { kind: 'dropped', reason }, JSON.stringify(line));
  }
});

// The parser cases of issue 15, each on the line it was found on.
const base = 'badge-info=;color=;id=m1;room-id=1;tmi-sent-ts=1700000000000;user-id=2';
function translateOne(tags: string, text: string): IrcTranslation {
  return translateIrcLine(`@${base};${tags} :foo!foo@foo.tmi.twitch.tv PRIVMSG #chan :${text}`, new Map());
}
function messageOf(r: IrcTranslation) {
  assert.equal(r.kind, 'message', JSON.stringify(r));
  return (r as Extract<IrcTranslation, { kind: 'message' }>).message;
}

test('emote ranges past the text are dropped, not moved (25:40-44 on a 44-code-point text)', () => {
  const text = `${'x'.repeat(39)} Kapp`;
  assert.deepEqual(messageOf(translateOne('emotes=25:40-44', text)).emotes, []);
  assert.deepEqual(messageOf(translateOne('emotes=25:40-44', `${text}a`)).emotes, [{ id: '25', start: 40, end: 44 }]);
});

test('two ranges of one emote in two groups stay two (25:1-5/25:9-13)', () => {
  assert.deepEqual(messageOf(translateOne('emotes=25:1-5/25:9-13', ' Kappa x Kappa y')).emotes, [
    { id: '25', start: 1, end: 5 },
    { id: '25', start: 9, end: 13 },
  ]);
});

test('a malformed badge without a version stays as sent (subscriber24)', () => {
  assert.deepEqual(messageOf(translateOne('badges=subscriber24,vip/1', 'hi')).badges, [
    { name: 'subscriber24', version: '' },
    { name: 'vip', version: '1' },
  ]);
});

test("a display name's trailing space is kept (display-name=CarvedTaleare\\s)", () => {
  assert.equal(messageOf(translateOne('display-name=CarvedTaleare\\s', 'NaM')).displayName, 'CarvedTaleare ');
  assert.equal(messageOf(translateOne('display-name=\\s', 'NaM')).displayName, 'foo');
});

test('Hype Chat payments are read from the pinned-chat-paid-* tags', () => {
  const [line] = readIrcFixtures().get('privmsg-hype-chat.txt')!;
  const m = messageOf(translateIrcLine(line!, new Map()));
  assert.deepEqual(m.paid, { amount: 1400, currency: 'NOK', exponent: 2, level: 'ONE', isSystemMessage: false });
  assert.equal(
    messageOf(
      translateOne(
        'pinned-chat-paid-amount=500;pinned-chat-paid-currency=USD;pinned-chat-paid-exponent=2;pinned-chat-paid-level=TWO;pinned-chat-paid-is-system-message=1',
        'x',
      ),
    ).paid?.isSystemMessage,
    true,
  );
  assert.equal(messageOf(translateOne('emotes=', 'plain')).paid, undefined);
});

test('rm-deleted=1 (recent-messages) marks the message deleted', () => {
  assert.equal(
    messageOf(translateOne('historical=1;rm-deleted=1;rm-received-ts=1700000000100', 'gone')).deletedAt,
    1700000000000,
  );
  assert.equal(messageOf(translateOne('historical=1;rm-received-ts=1700000000100', 'kept')).deletedAt, null);
});
