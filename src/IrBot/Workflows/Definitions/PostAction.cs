using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>Posts a message, optionally with fields to fill in and transition buttons.</summary>
public sealed record PostAction(
    string Name, Template ChannelName, Template Message, Template? TeamName,
    IReadOnlyList<PostField> Fields, string FieldsTitle, IReadOnlyList<PostTransition> Transitions, string TransitionsTitle)
    : WorkflowAction(Name)
{
    public const string TypeName = "post";
    public const string DefaultFieldsTitle = "Fields";
    public const string DefaultTransitionsTitle = "Transitions";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, Message, TeamName }.OfType<Template>();

    public PostField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
