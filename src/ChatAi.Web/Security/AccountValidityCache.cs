using Microsoft.Extensions.Caching.Memory;

namespace ChatAi.Web.Security;

/// <summary>
/// Per user, the security stamp a bearer token must carry (null: no usable account), remembered for
/// <c>ChatAi:RevalidationSeconds</c>. Keyed by the user alone, so every token of the user is judged against the
/// current stamp; <see cref="ChatAiUserManager"/> forgets a user the moment their account changes on this
/// instance, so old tokens stop at once here and within the interval on other instances.
/// </summary>
internal sealed class AccountValidityCache(IMemoryCache cache)
{
    public bool TryGet(string userId, out string? stamp) => cache.TryGetValue(Key(userId), out stamp);

    public void Set(string userId, string? stamp, TimeSpan age) => cache.Set(Key(userId), stamp, age);

    public void Forget(string userId) => cache.Remove(Key(userId));

    private static (string, string) Key(string userId) => (nameof(AccountValidityCache), userId);
}
