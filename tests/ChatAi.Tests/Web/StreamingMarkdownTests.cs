using ChatAi.Web.Rendering;

namespace ChatAi.Tests.Web;

public sealed class StreamingMarkdownTests
{
    [Fact]
    public void FinishedBlocksAreRenderedOnceAndTheTailAgainEachTime()
    {
        var markdown = new StreamingMarkdown();
        markdown.Update("# Title\n\nFirst para");
        Assert.Single(markdown.Blocks);
        Assert.Contains("<h1", markdown.Blocks[0].Value);
        Assert.Contains("First para", markdown.Tail.Value);

        var kept = markdown.Blocks[0];
        markdown.Update("# Title\n\nFirst paragraph.\n\nSecond");
        Assert.Equal(2, markdown.Blocks.Count);
        Assert.Same(kept.Value, markdown.Blocks[0].Value);
        Assert.Contains("Second", markdown.Tail.Value);
    }

    [Fact]
    public void ABlankLineInsideACodeFenceIsNoBoundary()
    {
        const string text = "Intro\n\n```python\ndef f():\n\n    return 1\n";
        Assert.Equal("Intro\n\n".Length, StreamingMarkdown.LastBlockBoundary(text, 0));
        var markdown = new StreamingMarkdown();
        markdown.Update(text);
        Assert.Contains("return 1", markdown.Tail.Value);
        Assert.Contains("<pre>", markdown.Tail.Value);
    }

    [Fact]
    public void TheStreamedRenderingShowsTheSameTextAsTheWholeReply()
    {
        const string reply = "Hello **world**.\n\n- one\n- two\n\n```\ncode\n\nmore\n```\n\nBye [x](javascript:alert(1))";
        var markdown = new StreamingMarkdown();
        for (var i = 1; i <= reply.Length; i++) markdown.Update(reply[..i]);
        var streamed = string.Concat(markdown.Blocks.Select(b => b.Value)) + markdown.Tail.Value;
        static string Text(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).Body!.TextContent.Replace("\n", "");
        Assert.Equal(Text(MarkdownRenderer.ToHtml(reply)), Text(streamed));
        Assert.DoesNotContain("javascript:", streamed);
    }
}

public sealed class StreamingParagraphTests
{
    [Fact]
    public void ALongParagraphIsFrozenInPiecesSoOnlyItsEndIsParsedAgain()
    {
        var markdown = new StreamingMarkdown();
        var words = string.Concat(Enumerable.Range(0, 600).Select(i => $"w{i} "));
        for (var i = 1; i <= words.Length; i += 7) markdown.Update(words[..i]);
        markdown.Update(words);
        Assert.NotEmpty(markdown.ParagraphFragments);
        Assert.True(markdown.Tail.Value.Length < 1_000, $"the live tail is {markdown.Tail.Value.Length} chars");
        var shown = string.Concat(markdown.ParagraphFragments.Select(f => f.Value)) + markdown.Tail.Value;
        Assert.Equal(words.TrimEnd(), shown.Trim());
        Assert.DoesNotContain("<p>", shown);
    }

    [Fact]
    public void ListsAndCodeAreNeverCutMidBlock()
    {
        var markdown = new StreamingMarkdown();
        var list = string.Concat(Enumerable.Range(0, 100).Select(i => $"- item number {i}\n"));
        markdown.Update(list);
        Assert.Empty(markdown.ParagraphFragments);
        Assert.Contains("<ul>", markdown.Tail.Value);
    }
}
