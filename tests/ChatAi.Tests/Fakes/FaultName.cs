using System.Text.RegularExpressions;

namespace ChatAi.Tests.Fakes;

/// <summary>
/// A scenario asked for by name: <c>fault-429-quota</c>, <c>fault-stall-after-1</c> (a trailing number is
/// the argument). Comes from the <c>X-Fault</c> header, else from the model name.
/// </summary>
public sealed partial record FaultName(string Name, int? Argument)
{
    public static FaultName? From(string? header, string? model)
    {
        string text;
        if (!string.IsNullOrWhiteSpace(header)) text = header.Trim();
        else if (model is not null && model.StartsWith("fault-", StringComparison.Ordinal)) text = model;
        else return null;
        // The header may name a scenario with or without the fault- prefix, or with the provider's prefix.
        text = Prefix().Replace(text, "");
        if (text.Length == 0) return null;

        var match = Shape().Match(text);
        return match.Success
            ? new FaultName(match.Groups["name"].Value, match.Groups["arg"].Success ? int.Parse(match.Groups["arg"].Value) : null)
            : new FaultName(text, null);
    }

    [GeneratedRegex("^(?:openai-|gemini-)?(?:fault-)?")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^(?<name>.+?)(?:-(?<arg>\d{1,9}))?$")]
    private static partial Regex Shape();
}

/// <summary>What the fakes say by default: derived from the last user message so tests can see the context arrived.</summary>
public static partial class FakeEcho
{
    public static string Reply(string lastUserText) => "Echo: " + lastUserText;

    /// <summary>The reply cut after each space, so it streams as several chunks that join back exactly.</summary>
    public static IReadOnlyList<string> Chunks(string lastUserText) =>
        AfterSpace().Split(Reply(lastUserText)).Where(s => s.Length > 0).ToList();

    [GeneratedRegex("(?<= )")]
    private static partial Regex AfterSpace();
}
