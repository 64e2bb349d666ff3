using System.Text.Json.Serialization;

namespace IrBot.Slack.BlockKit;

/// <summary>A layout block. Serialised with its <c>type</c> discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SectionBlock), "section")]
[JsonDerivedType(typeof(HeaderBlock), "header")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(ContextBlock), "context")]
[JsonDerivedType(typeof(ActionsBlock), "actions")]
[JsonDerivedType(typeof(InputBlock), "input")]
public abstract record Block
{
    public string? BlockId { get; init; }
}

/// <summary>Text (≤ 3000) with optional fields (≤ 10) and one accessory.</summary>
public sealed record SectionBlock : Block
{
    public TextObject? Text { get; init; }
    public IReadOnlyList<TextObject>? Fields { get; init; }
    public BlockElement? Accessory { get; init; }
}

/// <summary>Large plain text (≤ 150).</summary>
public sealed record HeaderBlock : Block
{
    public required TextObject Text { get; init; }
}

public sealed record DividerBlock : Block;

/// <summary>Small print: up to 10 text elements.</summary>
public sealed record ContextBlock : Block
{
    public required IReadOnlyList<TextObject> Elements { get; init; }
}

/// <summary>Up to 25 interactive elements.</summary>
public sealed record ActionsBlock : Block
{
    public required IReadOnlyList<BlockElement> Elements { get; init; }
}

/// <summary>A labelled input in a modal; its value arrives in <c>view.state.values[block_id][action_id]</c>.</summary>
public sealed record InputBlock : Block
{
    public required TextObject Label { get; init; }
    public required BlockElement Element { get; init; }
    public TextObject? Hint { get; init; }
    public bool? Optional { get; init; }
    public bool? DispatchAction { get; init; }
}

/// <summary>Small constructors that keep message builders readable.</summary>
public static class Blocks
{
    public static SectionBlock Section(string markdown, BlockElement? accessory = null, string? blockId = null) =>
        new()
        {
            Text = TextObject.Markdown(BlockLimits.Truncate(markdown, BlockLimits.SectionText)),
            Accessory = accessory,
            BlockId = blockId,
        };

    public static HeaderBlock Header(string text) =>
        new() { Text = TextObject.Plain(BlockLimits.Truncate(text, BlockLimits.HeaderText)) };

    public static ContextBlock Context(params string[] markdown) =>
        new() { Elements = markdown.Select(m => TextObject.Markdown(BlockLimits.Truncate(m, BlockLimits.SectionText))).ToList() };

    public static DividerBlock Divider() => new();

    public static ActionsBlock Actions(string blockId, params BlockElement[] elements) =>
        new() { BlockId = blockId, Elements = elements };

    public static InputBlock Input(string blockId, string label, BlockElement element, bool optional = false, string? hint = null) =>
        new()
        {
            BlockId = blockId,
            Label = TextObject.Plain(label),
            Element = element,
            Optional = optional ? true : null,
            Hint = hint is null ? null : TextObject.Plain(hint),
        };
}
