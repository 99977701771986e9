using AngleSharp.Html.Parser;
using ChatAi.Web.Rendering;

namespace ChatAi.Tests.Web;

public sealed class StreamingMarkdownTests
{
    /// <summary>What StreamingReply.razor shows for the reply so far.</summary>
    internal static string Shown(StreamingMarkdown markdown)
    {
        var pieces = string.Concat(markdown.Pieces.Select(f => f.Value)) + markdown.Tail.Value;
        var label = markdown.CodeLabel is { } l ? $"<div class=\"code-lang\">{l}</div>" : "";
        var language = markdown.CodeLabel is { } c ? $" class=\"language-{c}\"" : "";
        return string.Concat(markdown.Blocks.Select(b => b.Value)) + markdown.Kind switch
        {
            PieceKind.Paragraph => "<p>" + pieces + "</p>",
            PieceKind.Code => $"<div class=\"code-block\">{label}<pre><code{language}>{pieces}</code></pre></div>",
            _ => markdown.Tail.Value,
        };
    }

    internal static string Text(string html) => new HtmlParser().ParseDocument(html).Body!.TextContent.Replace("\n", "");

    internal static StreamingMarkdown Stream(string reply, int step = 1)
    {
        var markdown = new StreamingMarkdown();
        for (var i = step; i < reply.Length; i += step) markdown.Update(reply[..i]);
        markdown.Update(reply);
        return markdown;
    }

    [Fact]
    public void FinishedBlocksAreRenderedOnceAndKept()
    {
        var markdown = new StreamingMarkdown();
        markdown.Update("# Title\n\nFirst para");
        Assert.Single(markdown.Blocks);
        Assert.Contains("<h1", markdown.Blocks[0].Value);
        Assert.Contains("First para", Shown(markdown));

        var kept = markdown.Blocks[0];
        markdown.Update("# Title\n\nFirst paragraph.\n\nSecond");
        Assert.Equal(2, markdown.Blocks.Count);
        Assert.Same(kept.Value, markdown.Blocks[0].Value);
        Assert.Contains("Second", markdown.Tail.Value);
    }

    [Fact]
    public void ABlankLineInsideACodeFenceIsNoBoundaryAndTheOpenBlockIsHighlightedInPiecesOfWholeLines()
    {
        const string text = "Intro\n\n```python\ndef f():\n\n    return 1\n    # not do";
        Assert.Equal("Intro\n\n".Length, StreamingMarkdown.LastBlockBoundary(text, 0));
        var markdown = new StreamingMarkdown();
        markdown.Update(text[..^15]);
        markdown.Update(text);
        Assert.Equal(PieceKind.Code, markdown.Kind);
        Assert.Equal("python", markdown.CodeLabel);
        Assert.Equal(2, markdown.Pieces.Count);
        Assert.StartsWith("    <span class=\"comment\"># not do", markdown.Tail.Value);
        var code = new HtmlParser().ParseDocument(Shown(markdown)).QuerySelector(".code-block pre code.language-python")!;
        Assert.Equal("def f():\n\n    return 1\n    # not do", code.TextContent);
        Assert.Equal(["def", "return"], code.QuerySelectorAll("span.keyword").Select(k => k.TextContent));
    }

    [Fact]
    public void WhenTheFenceClosesTheBlockIsShownWholeAndKeptOnceABlankLineFollows()
    {
        var markdown = new StreamingMarkdown();
        markdown.Update("```js\nvar a = 1;\n");
        Assert.Equal(PieceKind.Code, markdown.Kind);
        markdown.Update("```js\nvar a = 1;\n``");
        Assert.Null(markdown.Tail.Value);
        markdown.Update("```js\nvar a = 1;\n```\n");
        Assert.Equal(PieceKind.None, markdown.Kind);
        Assert.Contains("<span class=\"keyword\">var</span>", markdown.Tail.Value);
        markdown.Update("```js\nvar a = 1;\n```\n\nAfter");
        Assert.Single(markdown.Blocks);
        Assert.Contains("code-block", markdown.Blocks[0].Value);
    }

    [Theory]
    [InlineData("```python\n", 10)]
    [InlineData("  ~~~~ c#  title\nx", 17)]
    public void AnOpenFenceIsFoundWithItsLabel(string text, int bodyStart)
    {
        var fence = StreamingMarkdown.OpenFence(text, 0);
        Assert.Equal(bodyStart, fence?.BodyStart);
        Assert.NotNull(fence?.Label);
    }

    [Theory]
    [InlineData("```python")]
    [InlineData("```python\nx\n```\n")]
    [InlineData("```python\nx\n`````\n")]
    [InlineData("``` a ` b\n")]
    [InlineData("    ```\nx\n")]
    public void NoOpenFenceInUnfinishedOpenersClosedFencesCodeSpansOrIndentedCode(string text) =>
        Assert.Null(StreamingMarkdown.OpenFence(text, 0));

    [Theory]
    [InlineData("Hello **world**.\n\n- one\n- two\n\n```\ncode\n\nmore\n```\n\nBye [x](javascript:alert(1))")]
    [InlineData("Some **bold words** and `code spans` and [a link](https://example.org) and $E=mc^2$ and \\(a+b\\) in one long paragraph, then _more_ words.")]
    [InlineData("A paragraph\nthat goes on\n- into a list\n- without a blank line\n\nAnd chapter 1. Then - more # words > here | there.")]
    [InlineData("Unpaired * star and snake_case words with no end")]
    [InlineData("Code:\n\n```python\ndef f():\n    \"\"\"doc\n    string\"\"\"\n    return '<b>'\n```\nand after\n\n~~~\nplain\n~~~")]
    public void TheStreamedRenderingShowsTheSameTextAsTheWholeReply(string reply)
    {
        foreach (var step in new[] { 1, 3, 7 })
        {
            var streamed = Shown(Stream(reply, step));
            Assert.Equal(Text(MarkdownRenderer.ToHtml(reply)), Text(streamed));
            Assert.DoesNotContain("javascript:", streamed);
        }
    }

    [Fact]
    public void WordsThatWouldStartABlockAtALinesStartStayWordsMidParagraph()
    {
        var shown = new HtmlParser().ParseDocument(Shown(Stream("See chapter 1. Then - more # words > here and + this.", 2)));
        Assert.Empty(shown.QuerySelectorAll("ol, ul, h1, blockquote"));
        Assert.Single(shown.QuerySelectorAll("p"));
    }

    [Fact]
    public void AListAfterAParagraphWithoutABlankLineIsShownAsAList()
    {
        var shown = new HtmlParser().ParseDocument(Shown(Stream("Words of an intro that runs on\n- one\n- two", 2)));
        Assert.Equal(2, shown.QuerySelectorAll("ul > li").Length);
        Assert.Empty(shown.QuerySelectorAll("p ul"));
    }

    [Fact]
    public void EmphasisLinksAndMathThatCloseBeforeACutKeepTheirMarkupWhileStreaming()
    {
        var markdown = Stream("Some **bold words** and [a link](https://example.org) and $E=mc^2$ then more words follow here ", 2);
        Assert.NotEmpty(markdown.Pieces);
        var shown = new HtmlParser().ParseDocument(Shown(markdown));
        Assert.Equal("bold words", shown.QuerySelector("strong")?.TextContent);
        Assert.Equal("https://example.org", shown.QuerySelector("a")?.GetAttribute("href"));
        Assert.NotNull(shown.QuerySelector("span.math"));
    }
}

public sealed class StreamingParagraphTests
{
    private static string Words(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"w{i} "));

    [Fact]
    public void ALongParagraphIsFrozenInPiecesSoOnlyItsEndIsParsedAgain()
    {
        var words = Words(600);
        var markdown = new StreamingMarkdown();
        for (var i = 1; i <= words.Length; i += 7) markdown.Update(words[..i]);
        markdown.Update(words);
        Assert.NotEmpty(markdown.Pieces);
        Assert.True((markdown.Tail.Value?.Length ?? 0) < 1_000, $"the live tail is {markdown.Tail.Value?.Length} chars");
        var shown = string.Concat(markdown.Pieces.Select(f => f.Value)) + markdown.Tail.Value;
        Assert.Equal(words.TrimEnd(), shown.Trim());
        Assert.DoesNotContain("<p>", shown);
    }

    /// <summary>What a render sends over the circuit is what changed: the new pieces and the tail, when it changed.</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(5, false)]
    [InlineData(32, false)]
    [InlineData(3, true)]
    public void EachUpdateProducesAboutTheTextThatArrivedSinceTheLast(int wordsPerUpdate, bool inCode)
    {
        var words = Enumerable.Range(0, 4000).Select(i => inCode ? $"x{i % 1000} = {i}\n" : $"w{i % 1000} ").ToList();
        if (inCode) words.Insert(0, "```\n");
        var markdown = new StreamingMarkdown();
        var text = "";
        long produced = 0;
        string? tail = null;
        for (var i = 0; i < words.Count; i += wordsPerUpdate)
        {
            text += string.Concat(words.Skip(i).Take(wordsPerUpdate));
            var before = markdown.Pieces.Count;
            markdown.Update(text);
            Assert.Equal(inCode ? PieceKind.Code : PieceKind.Paragraph, markdown.Kind);
            produced += markdown.Pieces.Skip(before).Sum(f => f.Value.Length);
            if (markdown.Tail.Value != tail) produced += markdown.Tail.Value?.Length ?? 0;
            tail = markdown.Tail.Value;
        }
        Assert.True(produced <= text.Length * 1.05, $"{produced} characters of markup for a reply of {text.Length}");
    }

    [Fact]
    public void ListsAndCodeAreNeverCutMidBlock()
    {
        var markdown = new StreamingMarkdown();
        var list = string.Concat(Enumerable.Range(0, 100).Select(i => $"- item number {i}\n"));
        markdown.Update(list);
        Assert.Empty(markdown.Pieces);
        Assert.Contains("<ul>", markdown.Tail.Value);
    }

    [Fact]
    public void UnpairedDelimitersStillFreezeOnceTheParagraphRunsLong()
    {
        var markdown = StreamingMarkdownTests.Stream("An unpaired * star, then " + Words(400), 11);
        Assert.NotEmpty(markdown.Pieces);
        Assert.True((markdown.Tail.Value?.Length ?? 0) < 1_000, $"the live tail is {markdown.Tail.Value?.Length} chars");
    }
}

/// <summary>A finished reply settles to its whole rendering, keeping the runs it streamed that agree with it.</summary>
public sealed class FinishedReplyTests
{
    [Theory]
    [InlineData("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15")]
    [InlineData("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 ")]
    [InlineData("# Title\n\nFirst *para* with `code`.\n\nSecond one, **bold** and a [link](https://example.com) then more words")]
    [InlineData("Intro.\n\n```python\ndef f(): return 1\n```\n\nAfter $x^2$ the end")]
    [InlineData("Some *emphasis that spans many words across a cut* and more words after it to the end")]
    [InlineData("- one\n\n- two\n\n- three")]
    [InlineData("Open fence\n\n```js\nlet a = 1;\nlet b = 2;")]
    [InlineData("A paragraph\n\n1. first\n2. second\n\nLast words here")]
    public void AFinishedReplyShowsExactlyItsWholeRendering(string reply)
    {
        foreach (var step in new[] { 1, 3, 7 })
        {
            var markdown = StreamingMarkdownTests.Stream(reply, step);
            markdown.Finish(reply);
            Assert.Equal(MarkdownRenderer.ToHtml(reply).Replace("\n", ""), StreamingMarkdownTests.Shown(markdown).Replace("\n", ""));
        }
    }

    [Fact]
    public void FinishingKeepsTheStreamedBlocksAndPiecesAndChangesOnlyTheTail()
    {
        var reply = "# Title\n\nFirst paragraph.\n\n" + string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}"));
        var markdown = StreamingMarkdownTests.Stream(reply, 5);
        var blocks = markdown.Blocks.ToList();
        var pieces = markdown.Pieces.ToList();
        Assert.Equal(PieceKind.Paragraph, markdown.Kind);
        Assert.NotEmpty(pieces);

        markdown.Finish(reply);
        Assert.Equal(blocks, markdown.Blocks);
        Assert.Equal(pieces, markdown.Pieces);
        Assert.Equal(PieceKind.Paragraph, markdown.Kind);
        Assert.EndsWith("w299", markdown.Tail.Value);
    }

    [Fact]
    public void AReplyEndingInASpaceKeepsAllItsPieces()
    {
        // As the benchmark's reply does ("… w999 "): every word is frozen, and the whole rendering trims the last space.
        var reply = string.Concat(Enumerable.Range(0, 400).Select(i => $"w{i} "));
        var markdown = StreamingMarkdownTests.Stream(reply, 11);
        var pieces = markdown.Pieces.ToList();
        markdown.Finish(reply);
        Assert.Equal(pieces[..^1], markdown.Pieces.Take(pieces.Count - 1));
        Assert.Equal(pieces[^1].Value.TrimEnd(), markdown.Pieces[^1].Value); // only the last piece changes: its space goes
        Assert.Equal(PieceKind.Paragraph, markdown.Kind);
        Assert.Null(markdown.Tail.Value);
        Assert.Equal(MarkdownRenderer.ToHtml(reply).TrimEnd(), StreamingMarkdownTests.Shown(markdown));
    }

    [Fact]
    public void AListThatALaterBlankLineMadeLooseIsRenderedAgainWhole()
    {
        // Streamed, "- one" was a block of its own; the whole reply is one loose list: no streamed run can stay.
        const string reply = "- one\n\n- two";
        var markdown = StreamingMarkdownTests.Stream(reply);
        markdown.Finish(reply);
        Assert.Equal(MarkdownRenderer.ToHtml(reply), Assert.Single(markdown.Blocks).Value);
        Assert.Equal(PieceKind.None, markdown.Kind);
    }
}
