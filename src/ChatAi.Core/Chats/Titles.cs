namespace ChatAi.Core.Chats;

public static class Titles
{
    public const int MaxWords = 5;

    /// <summary>The first five words of a message: the title when the model cannot give one.</summary>
    public static string FromFirstWords(string text)
    {
        var words = text.Split((char[]?)null, MaxWords + 1, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var title = string.Join(' ', words.Take(MaxWords));
        if (title.Length > 80) title = title[..80].TrimEnd() + "…";
        return title.Length == 0 ? ChatService.NewChatTitle : title;
    }
}
