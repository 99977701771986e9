using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ChatAi.Web.Rendering;

/// <summary>
/// A streaming reply's finished blocks, or the frozen pieces of its unfinished block, then the live tail,
/// as sibling markup at this component's root. <see cref="Refresh"/> renders it alone: a render that adds one
/// piece sends one insertion, with no steps down through the elements around it.
/// </summary>
internal sealed class MarkupRun : ComponentBase
{
    [Parameter, EditorRequired] public required StreamingMarkdown Source { get; set; }

    /// <summary>Shows the unfinished block's pieces and the tail; otherwise the blocks, and the tail when no block is in pieces.</summary>
    [Parameter] public bool Pieces { get; set; }

    public void Refresh() => StateHasChanged();

    /// <summary>The component in a parent's markup (Razor finds only public components by tag; this one is internal).</summary>
    public static RenderFragment Of(StreamingMarkdown source, bool pieces, Action<MarkupRun> capture) => builder =>
    {
        builder.OpenComponent<MarkupRun>(0);
        builder.AddComponentParameter(1, nameof(Source), source);
        builder.AddComponentParameter(2, nameof(Pieces), pieces);
        builder.AddComponentReferenceCapture(3, run => capture((MarkupRun)run));
        builder.CloseComponent();
    };

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        foreach (var item in Pieces ? Source.Pieces : Source.Blocks) builder.AddMarkupContent(0, item.Value);
        // No frame for no tail: blazor.web.js shows an empty markup frame as a space, which would stay in a finished reply.
        if (Pieces == (Source.Kind != PieceKind.None) && Source.Tail.Value is { Length: > 0 } tail) builder.AddMarkupContent(1, tail);
    }
}
