namespace ChatAi.Core.Chats.Search;

/// <summary>One result: a chat whose title matched (<see cref="MessageId"/> null) or one of its messages.</summary>
public sealed record SearchHit(Guid ChatId, string ChatTitle, long? MessageId, SearchSnippet Snippet, bool Archived, DateTime At);

/// <summary>A page of results, best and newest first; <see cref="HasMore"/> when the next offset has more.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, bool HasMore);
