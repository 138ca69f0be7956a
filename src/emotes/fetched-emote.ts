// What every provider's client returns: an emote's id at the provider and the word chat types.

export interface FetchedEmote {
  emoteId: string;
  name: string;
}
