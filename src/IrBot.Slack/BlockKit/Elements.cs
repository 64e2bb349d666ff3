using System.Text.Json.Serialization;

namespace IrBot.Slack.BlockKit;

/// <summary>An interactive or image element. Serialised with its <c>type</c> discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(ImageElement), "image")]
[JsonDerivedType(typeof(PlainTextInputElement), "plain_text_input")]
[JsonDerivedType(typeof(StaticSelectElement), "static_select")]
[JsonDerivedType(typeof(ExternalSelectElement), "external_select")]
[JsonDerivedType(typeof(MultiStaticSelectElement), "multi_static_select")]
[JsonDerivedType(typeof(UsersSelectElement), "users_select")]
[JsonDerivedType(typeof(RadioButtonsElement), "radio_buttons")]
[JsonDerivedType(typeof(CheckboxesElement), "checkboxes")]
[JsonDerivedType(typeof(FileInputElement), "file_input")]
public abstract record BlockElement
{
    public string? ActionId { get; init; }
}

/// <summary>A button (text ≤ 75, value ≤ 2000); style <c>primary</c> or <c>danger</c>.</summary>
public sealed record ButtonElement : BlockElement
{
    public required TextObject Text { get; init; }
    public string? Value { get; init; }
    public string? Url { get; init; }
    public string? Style { get; init; }
    public ConfirmObject? Confirm { get; init; }

    public static ButtonElement Of(string actionId, string text, string? value = null, string? style = null) =>
        new()
        {
            ActionId = actionId,
            Text = TextObject.Plain(BlockLimits.Truncate(text, BlockLimits.ButtonText)),
            Value = value,
            Style = style,
        };
}

public sealed record ImageElement : BlockElement
{
    public required string ImageUrl { get; init; }
    public required string AltText { get; init; }
}

/// <summary>Free text; <c>max_length</c> up to 3000.</summary>
public sealed record PlainTextInputElement : BlockElement
{
    public bool? Multiline { get; init; }
    public int? MaxLength { get; init; }
    public string? InitialValue { get; init; }
    public TextObject? Placeholder { get; init; }
}

/// <summary>A single choice among at most 100 options.</summary>
public sealed record StaticSelectElement : BlockElement
{
    public IReadOnlyList<OptionObject>? Options { get; init; }
    public IReadOnlyList<OptionGroup>? OptionGroups { get; init; }
    public OptionObject? InitialOption { get; init; }
    public TextObject? Placeholder { get; init; }
}

/// <summary>
/// A single choice whose options Slack asks the app for as the person types: a <c>block_suggestion</c> to the
/// app's options load URL, answered with at most 100 options (see <see cref="OptionsResponse"/>). The
/// submission carries the chosen option as a static select's does.
/// </summary>
public sealed record ExternalSelectElement : BlockElement
{
    public OptionObject? InitialOption { get; init; }
    public TextObject? Placeholder { get; init; }

    /// <summary>Characters typed before Slack asks (Slack's default is 3); 0 asks as soon as the menu opens.</summary>
    public int? MinQueryLength { get; init; }
}

public sealed record OptionGroup
{
    public required TextObject Label { get; init; }
    public required IReadOnlyList<OptionObject> Options { get; init; }
}

public sealed record MultiStaticSelectElement : BlockElement
{
    public required IReadOnlyList<OptionObject> Options { get; init; }
    public IReadOnlyList<OptionObject>? InitialOptions { get; init; }
    public TextObject? Placeholder { get; init; }
}

public sealed record UsersSelectElement : BlockElement
{
    public string? InitialUser { get; init; }
    public TextObject? Placeholder { get; init; }
}

public sealed record RadioButtonsElement : BlockElement
{
    public required IReadOnlyList<OptionObject> Options { get; init; }
    public OptionObject? InitialOption { get; init; }
}

public sealed record CheckboxesElement : BlockElement
{
    public required IReadOnlyList<OptionObject> Options { get; init; }
    public IReadOnlyList<OptionObject>? InitialOptions { get; init; }
}

/// <summary>A file upload in a modal input block; the submission carries the files' <c>url_private</c>.</summary>
public sealed record FileInputElement : BlockElement
{
    /// <summary>Extensions without dots, e.g. <c>json</c>.</summary>
    public IReadOnlyList<string>? Filetypes { get; init; }

    /// <summary>1 to 10.</summary>
    public int? MaxFiles { get; init; }
}
